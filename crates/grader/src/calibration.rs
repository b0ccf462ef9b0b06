//! The two calibrations that turn the guest's exact figures into what a person reads: fuel into native
//! CPython time, the guest heap's growth into native CPython bytes. Defined here once; the words, the
//! probes, the rate limiter's cost and the pages (through the server's vocabulary) all read these.

/// Native CPython runs about this much guest fuel per second: `cargo bench -p grader` prints the figure
/// (1.63e10 on this machine kind, CPython 3.11 against the guest's 3.14).
pub const FUEL_PER_NATIVE_SECOND: f64 = 1.6e10;

/// Bytes native 64-bit CPython uses per byte the guest's heap grows (the guest is a 32-bit CPython, whose
/// pointers and object headers are half as wide). Calibrated on the dedupe reference over 65,536 distinct
/// shuffled ints: the heap grew 1,310,720 bytes (20 pages), native CPython's tracemalloc peak for the same
/// call was 2,794,664 bytes (`benches/native_memory.py`).
pub const NATIVE_BYTES_PER_GUEST_BYTE: f64 = 2.1;
