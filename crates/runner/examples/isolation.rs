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
    let segment: u64 = report.calls[..CALLS].iter().map(|c| c.harness_fuel).sum::<u64>() / CALLS as u64;
    let shapes = Job::new(SOURCE, vec![call("g", 10_000), call("h", 10_000), call("f", 1)]);
    let shapes = sandbox.run(&shapes).expect("a run");
    println!(
        "run_us={one:.0} call_us={per_call:.1} evaluation_ms={whole:.1} harness_fuel_per_call={segment} load_fuel={} \
         encode_fuel_10k_ints={} encode_fuel_10k_pairs={} total_fuel_trivial={}",
        report.load.fuel,
        shapes.calls[0].harness_fuel,
        shapes.calls[1].harness_fuel,
        sandbox.run(&trivial).expect("a run").total_fuel,
    );
}

/// The runs of an evaluation's shape: hidden tests (thirty calls on lists of a thousand), probes at
/// doubling sizes with values discarded, and a run that traces every call's peak memory.
fn evaluation_jobs() -> Vec<Job> {
    let list = |n: i64| Value::List((0..n).map(|i| Value::Int(i % 97)).collect());
    let dedupe = |n: i64| Call::function("dedupe", vec![list(n)]);
    let tests = Job::new(SOURCE, (0..30).map(|_| dedupe(1_000)).collect());
    let sizes: Vec<Call> = (0..7).map(|k| dedupe(1_000 << k)).collect();
    let probes = Job { discard_values: true, ..Job::new(SOURCE, sizes.clone()) };
    let traced = Job { discard_values: true, trace_memory: true, ..Job::new(SOURCE, sizes) };
    vec![tests, probes, traced]
}
