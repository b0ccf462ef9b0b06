//! The guest's clocks: virtual time that moves one microsecond per reading and jumps by every sleep.
//!
//! Real clocks would make fuel and results differ between runs, and wasmtime-wasi's own sleeps wait on
//! the host's timer, where neither fuel nor the epoch deadline reaches: `time.sleep(10**9)` would hold
//! a worker thread for decades. Here a sleep completes at once and moves virtual time forward instead.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
use wasmtime::StoreContextMut;
use wasmtime::component::{Linker, Resource};
use wasmtime_wasi::p2::{DynPollable, Pollable, subscribe};
use wasmtime_wasi::{HostMonotonicClock, HostWallClock, WasiView};

/// The monotonic-clock interface whose sleeps are replaced (the version wasmtime-wasi links).
const MONOTONIC_CLOCK: &str = "wasi:clocks/monotonic-clock@0.2.12";

/// The wall clock's reading at virtual time zero: 2026-01-01T00:00:00Z.
const EPOCH_SECONDS: u64 = 1_767_225_600;

/// Nanoseconds since the run began, shared by both clocks and the sleeps.
#[derive(Clone, Default)]
pub(crate) struct VirtualTime(Arc<AtomicU64>);

impl VirtualTime {
    /// Reads the time and moves it on by one microsecond, so that two readings always differ.
    fn tick(&self) -> u64 {
        self.0.fetch_add(1_000, Ordering::Relaxed)
    }

    /// Moves time forward to at least `when`.
    fn advance_to(&self, when: u64) {
        self.0.fetch_max(when, Ordering::Relaxed);
    }

    fn now(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }

    pub(crate) fn wall_clock(&self) -> impl HostWallClock + use<> {
        WallClock(self.clone())
    }

    pub(crate) fn monotonic_clock(&self) -> impl HostMonotonicClock + use<> {
        MonotonicClock(self.clone())
    }
}

struct WallClock(VirtualTime);

impl HostWallClock for WallClock {
    fn resolution(&self) -> Duration {
        Duration::from_micros(1)
    }
    fn now(&self) -> Duration {
        Duration::from_secs(EPOCH_SECONDS) + Duration::from_nanos(self.0.tick())
    }
}

struct MonotonicClock(VirtualTime);

impl HostMonotonicClock for MonotonicClock {
    fn resolution(&self) -> u64 {
        1_000
    }
    fn now(&self) -> u64 {
        self.0.tick()
    }
}

/// A pollable that is ready at once: the sleep it stands for has already passed in virtual time.
struct Elapsed;

#[wasmtime_wasi::async_trait]
impl Pollable for Elapsed {
    async fn ready(&mut self) {}
}

/// Replaces the linked `subscribe-duration` and `subscribe-instant` with virtual sleeps. The store's state
/// is any WASI view that keeps a `VirtualTime` (`time` reads it), so this module need not know the host's.
pub(crate) fn link_virtual_sleep<T: WasiView + 'static>(
    linker: &mut Linker<T>,
    time: fn(&T) -> &VirtualTime,
) -> wasmtime::Result<()> {
    linker.allow_shadowing(true);
    let mut clock = linker.instance(MONOTONIC_CLOCK)?;
    clock.func_wrap("subscribe-duration", move |store: StoreContextMut<'_, T>, (nanos,): (u64,)| {
        let when = time(store.data()).now().saturating_add(nanos);
        sleep_until(store, time, when)
    })?;
    clock.func_wrap("subscribe-instant", move |store: StoreContextMut<'_, T>, (when,): (u64,)| {
        sleep_until(store, time, when)
    })?;
    linker.allow_shadowing(false);
    Ok(())
}

fn sleep_until<T: WasiView>(
    mut store: StoreContextMut<'_, T>,
    time: fn(&T) -> &VirtualTime,
    when: u64,
) -> wasmtime::Result<(Resource<DynPollable>,)> {
    time(store.data()).advance_to(when);
    let table = store.data_mut().ctx().table;
    let elapsed = table.push(Elapsed)?;
    Ok((subscribe(table, elapsed)?,))
}
