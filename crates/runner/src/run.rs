//! One run, driven by the host: the load step, then for each call a `stage` and an `invoke`, each an
//! export call of its own that the host meters itself (fuel before and after, the heap's growth, the
//! deadline). Nothing the guest says opens, closes or sizes a step.
//!
//! Staging decodes the call's inputs, which is the same work for every solution: it gets a calibrated
//! allowance computed from the sizes the host wrote, and whatever it spends beyond that (a trace hook or
//! a finalizer of the candidate's running there) is charged to the call. So no work can hide outside a
//! measured step, and what staging may spend grows no faster than the inputs the host sent.

use crate::bindings::Runner;
use crate::config::Limits;
use crate::decode::{self, Expect};
use crate::host::{self, Host};
use crate::job::{Call, Job, Staged};
use crate::outcome::{Outcome, RunReport, StepReport};
use crate::trap::classify;
use wasmtime::Store;

/// Fuel staging may spend whatever it decodes: the export call, reading the blob, holding the call.
const STAGE_BASE: u64 = 2_000_000;
/// Per byte of the call's blob, decoded (about 34 for a list of small ints, up to 70 for ints the
/// interpreter must allocate), with room to spare.
const STAGE_PER_BYTE: u64 = 120;
/// Per byte of the last call's blob, whose inputs are freed when the next call is staged (about 20).
const STAGE_PER_FREED_BYTE: u64 = 40;
/// Filling the free heap before a measured call: a few hundred allocations of its pieces, more when
/// earlier calls freed more.
const STAGE_FILL: u64 = 60_000_000;

/// A store, and the fuel spent in it so far.
pub(crate) struct Run<'a> {
    store: Store<Host>,
    limits: &'a Limits,
    spent: u64,
}

/// What one metered export call gave.
struct Metered<R> {
    result: wasmtime::Result<R>,
    fuel: u64,
    growth: u64,
}

/// What the harness said when it could not finish a step: its own words, which the WIT file types as the
/// error side of an export's result. Data from the guest, not a fault of the host.
struct HarnessFailed(String);

/// How a step ended, before it is turned into a report.
enum Ended {
    /// The harness replied with an outcome (still to be read against the schema).
    Replied(Vec<u8>),
    /// The step ended the store: a trap, a broken reply, or a harness that could not finish.
    Stopped(Outcome),
}

impl<'a> Run<'a> {
    pub(crate) fn new(store: Store<Host>, limits: &'a Limits, spent: u64) -> Run<'a> {
        Run { store, limits, spent }
    }

    /// Loads the source and makes the calls; the first step that ends the store ends the run, and the
    /// calls after it are `NotRun`.
    pub(crate) fn drive(mut self, guest: &Runner, job: &Job) -> RunReport {
        let (settings, staged) = job.wire(self.limits.output_chars);
        let fuel = job.step_fuel(self.limits.fuel_per_step);
        let loading = self.metered(fuel[0], |store| {
            guest.call_load(store, &settings, &job.source).map(|reply| reply.map_err(HarnessFailed))
        });
        let load = self.report(loading, fuel[0], 0, Expect::plain(self.limits));
        let mut calls = Vec::with_capacity(job.calls.len());
        let mut going = matches!(load.0.outcome, Outcome::Returned { .. }) && load.1;
        let mut freed = 0;
        for ((call, staged), &allowance) in job.calls.iter().zip(&staged).zip(&fuel[1..]) {
            if !going {
                calls.push(StepReport::not_run());
                continue;
            }
            let (report, kept) = self.call(guest, call, staged, allowance, freed, job);
            freed = staged.blob.len() as u64;
            going = kept;
            calls.push(report);
        }
        let raw = self.store.data().raw_output.contents();
        RunReport {
            load: load.0,
            calls,
            total_fuel: self.spent,
            raw_output: String::from_utf8_lossy(&raw).into_owned(),
        }
    }

    /// Stages and invokes one call; also whether the store goes on.
    fn call(
        &mut self,
        guest: &Runner,
        call: &Call,
        staged: &Staged,
        allowance: u64,
        freed: u64,
        job: &Job,
    ) -> (StepReport, bool) {
        let staging = STAGE_BASE
            + STAGE_PER_BYTE * staged.blob.len() as u64
            + STAGE_PER_FREED_BYTE * freed
            + if staged.fill { STAGE_FILL } else { 0 };
        // Lines are charged only while an explained call runs.
        self.store.data_mut().lines.on = staged.explain;
        let staged = self.metered(allowance.saturating_add(staging), |store| {
            guest.call_stage(store, &staged.blob).map(|reply| reply.map_err(HarnessFailed))
        });
        let over = staged.fuel.saturating_sub(staging);
        let staged = match staged.result {
            Ok(Ok(())) => None,
            Ok(Err(harness)) => Some(self.harness_failed(&harness)),
            Err(trap) => Some(classify(&trap, self.store.data(), self.limits, allowance)),
        };
        if let Some(outcome) = staged {
            return (StepReport::ended(outcome, over.min(allowance)), false);
        }
        let invoking = self.metered(allowance.saturating_sub(over), |store| {
            guest.call_invoke(store).map(|reply| reply.map_err(HarnessFailed))
        });
        let expect = Expect { discard: job.discard_values, args: call.reports_args(), ..Expect::plain(self.limits) };
        let (mut report, kept) = self.report(invoking, allowance, over, expect);
        report.fuel = (report.fuel + over).min(allowance);
        report.lines = self.store.data_mut().lines.take();
        (report, kept)
    }

    /// Runs one export call with `fuel` and the step's deadline, reading the fuel it used and how far
    /// the heap grew.
    fn metered<R>(&mut self, fuel: u64, call: impl FnOnce(&mut Store<Host>) -> wasmtime::Result<R>) -> Metered<R> {
        let armed = self.store.set_fuel(fuel);
        self.store.set_epoch_deadline(host::ticks(self.limits.step_deadline));
        self.store.data_mut().meter.start_step();
        self.store.data_mut().lines.start_step();
        let result = armed.and_then(|()| call(&mut self.store));
        let used = fuel - self.store.get_fuel().unwrap_or(0).min(fuel);
        self.spent += used;
        Metered { result, fuel: used, growth: self.store.data().meter.step_growth() }
    }

    /// The report of a step that had `allowance` fuel (of which `over` went to its staging); also whether
    /// the store goes on.
    fn report(
        &mut self,
        step: Metered<Result<Vec<u8>, HarnessFailed>>,
        allowance: u64,
        over: u64,
        expect: Expect,
    ) -> (StepReport, bool) {
        let ended = match step.result {
            Ok(Ok(reply)) => Ended::Replied(reply),
            Ok(Err(harness)) => Ended::Stopped(self.harness_failed(&harness)),
            Err(trap) => Ended::Stopped(classify(&trap, self.store.data(), self.limits, allowance)),
        };
        let mut report = match ended {
            Ended::Replied(reply) => match decode::outcome(&reply, expect) {
                Ok(report) => report,
                Err(broken) => {
                    let detail = format!("its reply held {broken}");
                    let mut report = StepReport::ended(Outcome::Tampered { detail }, step.fuel);
                    report.heap_growth = step.growth;
                    return (report, false);
                }
            },
            Ended::Stopped(outcome) => {
                let fuel = if outcome.ran_out_of_time() { allowance.saturating_sub(over) } else { step.fuel };
                let mut report = StepReport::ended(outcome, fuel);
                report.heap_growth = step.growth;
                return (report, false);
            }
        };
        report.fuel = step.fuel;
        report.heap_growth = step.growth;
        let meter = &self.store.data().meter;
        if meter.denied {
            // CPython raised MemoryError and the code may have caught it: the host saw the cap refused.
            report.outcome = Outcome::MemoryLimit { limit_bytes: meter.cap() as u64 };
        }
        (report, true)
    }

    /// The harness could not finish a step (an exception escaped it): out of memory if the host refused a
    /// growth, else a crash of the sandbox. Neither is called tampering: the host cannot tell a harness
    /// broken on purpose from one that ran out of room.
    fn harness_failed(&self, harness: &HarnessFailed) -> Outcome {
        let meter = &self.store.data().meter;
        if meter.denied {
            return Outcome::MemoryLimit { limit_bytes: meter.cap() as u64 };
        }
        let detail: String = harness.0.chars().take(200).collect();
        Outcome::Crashed { detail: format!("the harness could not finish the step ({detail})") }
    }
}

impl Expect {
    /// What any step's reply may hold under these limits: output up to the cap, a value, no arguments.
    fn plain(limits: &Limits) -> Expect {
        Expect { output_chars: limits.output_chars, discard: false, args: false }
    }
}

/// The report of a run whose guest could not even be instantiated: the load step says why.
pub(crate) fn not_loaded(job: &Job, load: StepReport, store: &Store<Host>) -> RunReport {
    let raw = store.data().raw_output.contents();
    RunReport {
        load,
        calls: job.calls.iter().map(|_| StepReport::not_run()).collect(),
        total_fuel: 0,
        raw_output: String::from_utf8_lossy(&raw).into_owned(),
    }
}
