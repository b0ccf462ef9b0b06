//! Benchmarks, side by side in one run: sandbox start-up against spawning `python3`, interpreted
//! against native CPython, grading against one `python3` process per test, and whole evaluations.

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
    let work = Job::new(QUADRATIC, vec![Call::function("f", vec![Value::Int(2000)])]);
    group.bench_function("quadratic n=2000, sandboxed", |b| b.iter(|| sandbox.run(&work).unwrap()));
    let native = format!("{QUADRATIC}f(2000)\n");
    group.bench_function("quadratic n=2000, native python3 (incl. start-up)", |b| {
        b.iter(|| Command::new("python3").args(["-c", &native]).status().unwrap())
    });
    group.finish();
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
    let per_test = format!("{}\nimport sys, json\nprint(remove_duplicates(json.loads(sys.argv[1])))\n", dedupe.reference);
    let inputs: Vec<String> = dedupe
        .tests
        .iter()
        .filter_map(|t| if let catalog::CaseInput::Args(a) = &t.input { Some(a[0].to_json().to_string()) } else { None })
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
    let quadratic = corpus(dedupe, "quadratic_not_in.py");
    group.bench_function("dedupe O(n^2), whole evaluation", |b| {
        b.iter(|| grader.grade(dedupe, &quadratic, &Options::default()).unwrap())
    });
    let substring = catalog.get("longest-substring").unwrap();
    let exponential = corpus(substring, "recursive_trim_ends.py");
    group.bench_function("substring exponential, whole evaluation", |b| {
        b.iter(|| grader.grade(substring, &exponential, &Options::default()).unwrap())
    });
    let limiter = catalog.get("rate-limiter").unwrap();
    group.bench_function("rate limiter reference, whole evaluation", |b| {
        b.iter(|| grader.grade(limiter, &limiter.reference, &Options::default()).unwrap())
    });
    group.finish();
}

criterion_group!(benches, sandbox, grading);
criterion_main!(benches);
