// Estimated native CPython memory from the grader's figures: the guest's heap growth, measured by the host in
// whole 64 KiB pages of a 32-bit WebAssembly CPython, where pointers and object headers are half as wide
// as on a 64-bit machine. People read what their own CPython would use.
import { CALIBRATION } from "./words.js";

/**
 * Bytes native 64-bit CPython uses per byte the guest's heap grows: the grader's calibration
 * (`NATIVE_BYTES_PER_GUEST_BYTE` in its `calibration`), read from it, which the CLI and the exports use too.
 * Calibrated on the dedupe reference over 65,536 distinct shuffled ints (`benches/native_memory.py` repeats
 * the native side). Sets, dicts and lists of object references, what these problems keep, scale alike.
 */
export const NATIVE_BYTES_PER_GUEST_BYTE = CALIBRATION.native_bytes_per_guest_byte;

/** Estimated native bytes for the guest's heap growth. */
export const nativeBytes = (guestBytes) => Number(guestBytes) * NATIVE_BYTES_PER_GUEST_BYTE;
