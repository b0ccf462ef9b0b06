//! Where a call's fuel goes, line by line: the host's own fuel readings, charged to the lines of the
//! candidate's code the harness says are running.
//!
//! In a call that explains (`Job::explain_calls`) the harness calls the `line` import as each line of
//! the candidate's code starts, with the line of the candidate's code that called its function. At each
//! call the host reads the store's fuel and charges what was spent since the last reading to the lines
//! sent then: to the line as its own, and to both as work done on their behalf (so a helper's cost also
//! shows on the line that calls it). The guest only says where; every
//! figure is the host's. What the harness spends on saying it is charged too, a few thousand fuel per
//! line reached (`LineFuel::hits` counts them).

use std::collections::BTreeMap;
use wasmtime::StoreContextMut;
use wasmtime::component::Linker;

/// The most distinct lines one step keeps figures for.
const MAX_LINES: usize = 10_000;

/// One line's share of a call's fuel, as the host read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct LineFuel {
    /// The line, counted from 1 in the candidate's source.
    pub line: u32,
    /// How often the line started.
    pub hits: u64,
    /// Fuel spent while the line was the innermost of the candidate's code running.
    pub own: u64,
    /// Fuel spent while the line ran, or while the function it called in the candidate's code ran
    /// (that function's own lines, not deeper calls).
    pub inclusive: u64,
    /// How many line starts `inclusive` holds the cost of reporting (its own and those in its calls).
    pub inclusive_starts: u64,
}

/// The readings of the step that is running.
#[derive(Debug, Default)]
pub(crate) struct LineMeter {
    /// Whether this run explains; a guest that calls `line` otherwise is ignored.
    pub(crate) on: bool,
    /// The last reading: the fuel left, the line and its outermost caller (0 for none).
    last: Option<(u64, u32, u32)>,
    table: BTreeMap<u32, LineFuel>,
}

impl LineMeter {
    /// Starts a step: nothing is charged across steps.
    pub(crate) fn start_step(&mut self) {
        self.last = None;
        self.table.clear();
    }

    /// The lines the step reached, in the source's order; the meter is empty after.
    pub(crate) fn take(&mut self) -> Vec<LineFuel> {
        self.last = None;
        std::mem::take(&mut self.table).into_values().collect()
    }

    /// `line` starts, called from `caller` (0 for none), `remaining` fuel left: what was spent since the
    /// last reading goes to the lines sent then. Line 0 ends the candidate's code.
    fn reached(&mut self, remaining: u64, line: u32, caller: u32) {
        if let Some((before, last, last_caller)) = self.last.take() {
            let spent = before.saturating_sub(remaining);
            if let Some(entry) = self.entry(last) {
                entry.own += spent;
                entry.inclusive += spent;
                entry.inclusive_starts += 1;
            }
            if let Some(entry) = (last_caller != 0 && last_caller != last).then(|| self.entry(last_caller)).flatten() {
                entry.inclusive += spent;
                entry.inclusive_starts += 1;
            }
        }
        // Line 0: the candidate's code is done, and what follows is the harness's.
        if line == 0 {
            return;
        }
        if let Some(entry) = self.entry(line) {
            entry.hits += 1;
        }
        self.last = Some((remaining, line, caller));
    }

    fn entry(&mut self, line: u32) -> Option<&mut LineFuel> {
        if self.table.len() >= MAX_LINES && !self.table.contains_key(&line) {
            return None;
        }
        Some(self.table.entry(line).or_insert(LineFuel { line, hits: 0, own: 0, inclusive: 0, inclusive_starts: 0 }))
    }
}

/// Links the `line` import over the one the generated bindings link, with the store in hand: the
/// host's fuel is read there. `meter` finds the line meter in the store's state.
pub(crate) fn link<T: 'static>(linker: &mut Linker<T>, meter: fn(&mut T) -> &mut LineMeter) -> wasmtime::Result<()> {
    linker.allow_shadowing(true);
    linker.root().func_wrap("line", move |mut store: StoreContextMut<'_, T>, (line, caller): (u32, u32)| {
        let remaining = store.get_fuel()?;
        let lines = meter(store.data_mut());
        if lines.on {
            lines.reached(remaining, line, caller);
        }
        Ok(())
    })?;
    linker.allow_shadowing(false);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fuel_between_readings_goes_to_the_line_and_its_caller() {
        let mut meter = LineMeter { on: true, ..LineMeter::default() };
        meter.reached(1_000, 3, 0);
        meter.reached(900, 7, 3);
        meter.reached(600, 7, 3);
        meter.reached(500, 4, 0);
        meter.reached(450, 0, 0);
        meter.reached(300, 5, 0);
        let lines = meter.take();
        let of = |line| *lines.iter().find(|l| l.line == line).unwrap();
        assert_eq!(of(3), LineFuel { line: 3, hits: 1, own: 100, inclusive: 500, inclusive_starts: 3 });
        assert_eq!(of(7), LineFuel { line: 7, hits: 2, own: 400, inclusive: 400, inclusive_starts: 2 });
        assert_eq!(of(4), LineFuel { line: 4, hits: 1, own: 50, inclusive: 50, inclusive_starts: 1 });
        // The harness's work after line 0 is no line's.
        assert_eq!(of(5).own, 0);
        assert!(meter.take().is_empty());
    }
}
