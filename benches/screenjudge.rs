//! Benchmarks, side by side in one run: sandbox start-up against spawning `python3`, interpreted
//! against native CPython (timed inside the process, start-up excluded), grading against one `python3`
//! process per test, and whole evaluations. Also prints the fuel native CPython gets through per second,
//! the calibration behind the grader's native-time estimates.

use catalog::Catalog;
use criterion::{Criterion, criterion_group, criterion_main};
use grader::{Grader, Options};
use runner::{Call, Job, Sandbox, SandboxConfig, Value};
use std::process::Command;
use std::sync::Arc;
use std::time::Duration;

const QUADRATIC: &str = "def f(n):\n    out = []\n    for x in range(n):\n        if x not in out:\n            out.append(x)\n    return len(out)\n";

fn sandbox(c: &mut Criterion) {
    let sandbox = Sandbox::new(&SandboxConfig::from_env()).expect("sandbox");
    let mut group = c.benchmark_group("sandbox");
    let trivial = Job::new("def f(x):\n    return x + 1\n", vec![Call::function("f", vec![Value::Int(1)])]);
    group.bench_function("instantiate + trivial call", |b| b.iter(|| sandbox.run(&trivial).unwrap()));
    group.bench_function("spawn python3 -c pass", |b| {
        b.iter(|| Command::new("python3").args(["-c", "pass"]).status().unwrap())
    });
    let work = Job::new(QUADRATIC, vec![Call::function("f", vec![Value::Int(N)])]);
    group.sample_size(20);
    group.bench_function("quadratic n=4000, sandboxed (whole run)", |b| b.iter(|| sandbox.run(&work).unwrap()));
    group.bench_function("quadratic n=4000, native python3 (the call alone)", |b| b.iter_custom(native_seconds));
    group.finish();
    let fuel = sandbox.run(&work).unwrap().calls[0].fuel;
    let mut native: Vec<f64> = (0..7).map(|_| native_seconds(1).as_secs_f64()).collect();
    native.sort_by(f64::total_cmp);
    println!(
        "calibration: quadratic n={N} uses {fuel} fuel; native python3 runs it in {:.1} ms (median of 7): {:.2e} fuel per native second (grader constant {:.1e})",
        native[3] * 1e3,
        fuel as f64 / native[3],
        grader::FUEL_PER_NATIVE_SECOND
    );
}

const N: i64 = 4000;

/// Runs the quadratic workload `iters` times in one native `python3`, timing only the calls.
fn native_seconds(iters: u64) -> Duration {
    let script = format!(
        "{QUADRATIC}import time\nt = time.perf_counter()\nfor _ in range({iters}):\n    f({N})\nprint(time.perf_counter() - t)\n"
    );
    let out = Command::new("python3").args(["-c", &script]).output().unwrap();
    Duration::from_secs_f64(String::from_utf8_lossy(&out.stdout).trim().parse().expect("python3 prints its time"))
}

fn grading(c: &mut Criterion) {
    let grader = Grader::new(Arc::new(Sandbox::new(&SandboxConfig::from_env()).expect("sandbox")));
    let catalog = Catalog::load(&Catalog::default_dir()).expect("problems");
    let dedupe = catalog.get("dedupe").unwrap();
    let corpus = |p: &catalog::Problem, f: &str| std::fs::read_to_string(p.dir.join("corpus").join(f)).unwrap();
    let mut group = c.benchmark_group("grading");
    group.sample_size(10).measurement_time(Duration::from_secs(8));
    group.bench_function("dedupe reference, hidden tests only", |b| {
        b.iter(|| grader.grade(dedupe, &dedupe.reference, &Options { probes: false }).unwrap())
    });
    let per_test =
        format!("{}\nimport sys, json\nprint(remove_duplicates(json.loads(sys.argv[1])))\n", dedupe.reference);
    let inputs: Vec<String> = dedupe
        .tests
        .iter()
        .filter_map(
            |t| if let catalog::CaseInput::Args(a) = &t.input { Some(a[0].to_json().to_string()) } else { None },
        )
        .collect();
    group.bench_function("dedupe reference, one native python3 per test", |b| {
        b.iter(|| {
            for input in &inputs {
                Command::new("python3").args(["-c", &per_test, input]).output().unwrap();
            }
        })
    });
    group.bench_function("dedupe reference, whole evaluation", |b| {
        b.iter(|| grader.grade(dedupe, &dedupe.reference, &Options::default()).unwrap())
    });
    let report = grader.grade(dedupe, &dedupe.reference, &Options::default()).unwrap();
    let (python, script, calls) = native_evaluation(dedupe, &report);
    // The calls alone, timed inside the native process (its start-up and reading the inputs excluded).
    let mut alone: Vec<f64> = (0..7)
        .map(|_| {
            let out =
                Command::new(&python).args(["-c", &script, calls.path().to_str().unwrap(), "time"]).output().unwrap();
            String::from_utf8_lossy(&out.stdout).trim().parse::<f64>().expect("the script prints its time")
        })
        .collect();
    alone.sort_by(f64::total_cmp);
    println!(
        "native python3 ({python}): the same calls alone take {:.1} ms (median of 7), start-up and reading the inputs excluded",
        alone[3] * 1e3
    );
    group.bench_function("dedupe reference, one native python3 making the same calls", |b| {
        b.iter(|| {
            assert!(
                Command::new(&python).args(["-c", &script, calls.path().to_str().unwrap()]).status().unwrap().success()
            )
        })
    });
    let quadratic = corpus(dedupe, "quadratic_not_in.py");
    group.bench_function("dedupe O(n^2), whole evaluation", |b| {
        b.iter(|| grader.grade(dedupe, &quadratic, &Options::default()).unwrap())
    });
    let substring = catalog.get("longest-substring").unwrap();
    let exponential = corpus(substring, "recursive_shrink_levels.py");
    group.bench_function("substring exponential, whole evaluation", |b| {
        b.iter(|| grader.grade(substring, &exponential, &Options::default()).unwrap())
    });
    let limiter = catalog.get("rate-limiter").unwrap();
    group.bench_function("rate limiter reference, whole evaluation", |b| {
        b.iter(|| grader.grade(limiter, &limiter.reference, &Options::default()).unwrap())
    });
    group.finish();
}

/// The interpreter behind `python3` (not a version manager's shim, which would add its own start-up),
/// a script that loads `problem`'s reference and makes, in one process, the calls the whole evaluation
/// behind `report` made (the examples and hidden tests, every probe family at every measured size, the
/// memory sizes and the one far out), and the file of their inputs in CPython's marshal format, the
/// format the sandbox's harness decodes too.
fn native_evaluation(problem: &catalog::Problem, report: &grader::Report) -> (String, String, tempfile::NamedTempFile) {
    let out = Command::new("python3").args(["-c", "import sys; print(sys.executable)"]).output().unwrap();
    let python = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let catalog::Entry::Function { function } = &problem.entry else { panic!("a function problem") };
    let mut calls: Vec<serde_json::Value> = problem
        .examples
        .iter()
        .chain(&problem.tests)
        .filter_map(|t| {
            if let catalog::CaseInput::Args(a) = &t.input {
                Some(a.iter().map(|v| v.to_json()).collect())
            } else {
                None
            }
        })
        .collect();
    let complexity = report.complexity.as_ref().expect("the reference is measured");
    let mut sizes: Vec<u64> = complexity.points.iter().map(|p| p.n).collect();
    sizes.extend(complexity.points.iter().filter(|p| p.memory.is_some()).map(|p| p.n));
    for n in sizes {
        calls.extend(
            problem.probes.iter().map(|f| serde_json::Value::Array(vec![f.generate.build_at(n as usize).to_json()])),
        );
    }
    if let Some(reach) = complexity.memory_reach {
        calls.push(serde_json::Value::Array(vec![problem.probes[0].generate.build_at(reach.n as usize).to_json()]));
    }
    let json = tempfile::NamedTempFile::new().unwrap();
    serde_json::to_writer(json.as_file(), &calls).unwrap();
    // The inputs as the sandbox receives them, in CPython's marshal format, made once before timing:
    // tagged JSON (big ints, tuples, sets, dicts) read back into Python values.
    let file = tempfile::NamedTempFile::new().unwrap();
    let convert = "import json, marshal, sys\ndef tagged(v):\n    if type(v) is list:\n        return [tagged(x) for x in v]\n    if type(v) is dict:\n        (tag, inner), = [(k, w) for k, w in v.items() if k.startswith('$')]\n        if tag == '$int':\n            return int(inner)\n        if tag == '$tuple':\n            return tuple(tagged(x) for x in inner)\n        if tag == '$set':\n            return {tagged(x) for x in inner}\n        if tag == '$dict':\n            return {tagged(k): tagged(w) for k, w in inner}\n        return float(inner)\n    return v\nmarshal.dump([tagged(a) for a in json.load(open(sys.argv[1]))], open(sys.argv[2], 'wb'))\n";
    let paths = [json.path().to_str().unwrap(), file.path().to_str().unwrap()];
    assert!(Command::new(&python).args(["-c", convert]).args(paths).status().unwrap().success());
    let script = format!(
        "{}\nimport marshal, sys, time\ncalls = marshal.load(open(sys.argv[1], 'rb'))\nt = time.perf_counter()\nfor args in calls:\n    {function}(*args)\nif sys.argv[2:]:\n    print(time.perf_counter() - t)\n",
        problem.reference
    );
    (python, script, file)
}

criterion_group!(benches, sandbox, grading);
criterion_main!(benches);
