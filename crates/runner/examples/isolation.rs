//! Prints what the sandbox costs per run and per call, as `name=value` pairs, so that two builds can be
//! compared side by side: `benches/isolation.sh` runs this from two checkouts in turn and prints the
//! medians as a table. Wall-clock figures are medians of many runs; fuel figures are exact.

use runner::{Call, Job, Sandbox, SandboxConfig, Value};
use std::time::Instant;

const SOURCE: &str = "def f(x):\n    return x + 1\ndef g(n):\n    return list(range(n))\ndef h(n):\n    return [[i, str(i)] for i in range(n)]\ndef dedupe(xs):\n    return list(dict.fromkeys(xs))\n";
const CALLS: usize = 200;

fn main() {
    let sandbox = Sandbox::new(&SandboxConfig::from_env()).expect("the sandbox starts");
    let call = |name: &str, n: i64| Call::function(name, vec![Value::Int(n)]);
    let trivial = Job::new(SOURCE, vec![call("f", 1)]);
    let many = Job::new(SOURCE, vec![call("f", 1); CALLS + 1]);
    let micros = |job: &Job, runs: usize| {
        let mut times: Vec<f64> = (0..runs)
            .map(|_| {
                let start = Instant::now();
                sandbox.run(job).expect("a run");
                start.elapsed().as_secs_f64() * 1e6
            })
            .collect();
        times.sort_by(f64::total_cmp);
        times[runs / 2]
    };
    micros(&trivial, 20);
    let one = micros(&trivial, 200);
    let per_call = (micros(&many, 60) - one) / CALLS as f64;
    let evaluation = evaluation_jobs();
    let whole = {
        let mut times: Vec<f64> = (0..15)
            .map(|_| {
                let start = Instant::now();
                evaluation.iter().for_each(|job| drop(sandbox.run(job).expect("a run")));
                start.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        times.sort_by(f64::total_cmp);
        times[7]
    };
    let report = sandbox.run(&many).expect("a run");
    let total_trivial = sandbox.run(&trivial).expect("a run").total_fuel;
    // Everything a further call costs the run (harness and host protocol included), beside what the
    // call itself was charged.
    let run_fuel_per_call = (report.total_fuel - total_trivial) / CALLS as u64;
    println!(
        "run_us={one:.0} call_us={per_call:.1} evaluation_ms={whole:.1} run_fuel_per_call={run_fuel_per_call} \
         charged_fuel_per_call={} load_fuel={} total_fuel_trivial={total_trivial}",
        report.calls[1].fuel, report.load.fuel,
    );
}

/// The runs of an evaluation's shape: hidden tests (thirty calls on lists of a thousand) and probes at
/// doubling sizes with values discarded.
fn evaluation_jobs() -> Vec<Job> {
    let list = |n: i64| Value::List((0..n).map(|i| Value::Int(i % 97)).collect());
    let dedupe = |n: i64| Call::function("dedupe", vec![list(n)]);
    let tests = Job::new(SOURCE, (0..30).map(|_| dedupe(1_000)).collect());
    let sizes: Vec<Call> = (0..7).map(|k| dedupe(1_000 << k)).collect();
    let probes = Job { discard_values: true, ..Job::new(SOURCE, sizes) };
    vec![tests, probes]
}
