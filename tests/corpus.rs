//! Every labelled solution in `problems/*/corpus/` gets exactly its label: verdict, suggested score,
//! and where labelled, the measured time class, or the rate limiter's algorithm, per-call cost and
//! whether idle keys are released.
//! Every reference solution is accepted with the top score.

mod common;

use catalog::{CaseInput, Catalog, Entry, Problem};
use grader::{Finding, Grader, Options, Report, Verdict};
use runner::{Call, Job, Sandbox, SandboxConfig, Value};
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

fn grader() -> &'static Grader {
    static GRADER: OnceLock<Grader> = OnceLock::new();
    GRADER.get_or_init(|| Grader::new(Arc::new(Sandbox::new(&SandboxConfig::from_env()).expect("sandbox"))))
}

fn catalog() -> Catalog {
    Catalog::load(&Catalog::default_dir()).expect("problems load")
}

/// The `# expect: key=value ...` line at the top of a corpus file.
fn labels(source: &str) -> HashMap<String, String> {
    let line = source.lines().next().and_then(|l| l.strip_prefix("# expect:")).expect("an expect line");
    line.split_whitespace().filter_map(|kv| kv.split_once('=')).map(|(k, v)| (k.into(), v.into())).collect()
}

/// Label spelling (`O(n_log_n)`) to report spelling (`O(n log n)`).
fn class(label: &str) -> String {
    if label.starts_with("O(") { label.replace('_', " ") } else { label.to_string() }
}

/// Checks one file; returns a line describing each disagreement.
fn check(problem: &Problem, name: &str, source: &str) -> Vec<String> {
    let mut want = labels(source);
    for label in ["costly_line", "called_from"] {
        want.entry(label.into()).or_insert_with(|| "none".into());
    }
    let report: Report = grader().grade(problem, source, &Options::default()).expect("grading completes");
    let mut wrong = Vec::new();
    wrong.extend(counterexamples_are_what_they_say(problem, name, source, &report));
    let mut expect = |what: &str, got: String| {
        if let Some(w) = want.get(what)
            && class(w) != got
        {
            wrong.push(format!("{}/{name}: {what} expected {w}, got {got} ({:?})", problem.id, report.score.reasons));
        }
    };
    expect("verdict", report.verdict.as_str().to_string());
    expect("score", report.score.suggested.to_string());
    if let Some(c) = &report.complexity {
        expect("time", c.time.as_str().to_string());
        // The line a person reading the code would point at for its growth (`costly_line`, none where no
        // line's work grows faster than n), and the line calling the helper it is in (`called_from`).
        let growing = c.costly_lines.as_ref().and_then(|lines| lines.growing.as_ref());
        expect("costly_line", growing.map_or("none".into(), |g| g.line.to_string()));
        expect("called_from", growing.and_then(|g| g.called_from).map_or("none".into(), |l| l.to_string()));
    } else if want.contains_key("time") {
        expect("time", "not measured".into());
    }
    match &report.rate_limiter {
        Some(r) => {
            expect("algorithm", r.algorithm.as_str().to_string());
            expect("per_call", r.per_call_cost.class.as_str().to_string());
            let idle = r.memory_per_key.as_ref().map(|m| if m.idle_keys_released { "released" } else { "kept" });
            expect("idle", idle.unwrap_or("not measured").to_string());
            // The line whose work per call grows with the limit or the requests seen, as for a function.
            let growing = r.costly_lines.as_ref().and_then(|lines| lines.growing.as_ref());
            expect("costly_line", growing.map_or("none".into(), |g| g.line.to_string()));
        }
        None => {
            for label in ["algorithm", "per_call", "idle"] {
                expect(label, "not analysed".into());
            }
        }
    }
    wrong
}

/// Each shown counterexample, run again on its own: its expected value is the reference's answer for that
/// input, and its actual value is what the code returns for it. Returns a line per disagreement.
fn counterexamples_are_what_they_say(problem: &Problem, name: &str, source: &str, report: &Report) -> Vec<String> {
    let Entry::Function { function } = &problem.entry else { return Vec::new() };
    let mut wrong = Vec::new();
    let run = |code: &str, input: &Value| {
        let job = Job { trusted: true, ..Job::new(code, vec![Call::function(function, vec![input.clone()])]) };
        grader().sandbox().run(&job).expect("runs").calls[0].outcome.value().map(|v| v.preview(200))
    };
    for failed in &report.tests.failed {
        let original = problem.tests.iter().find(|t| t.name == failed.name).expect("a hidden test");
        let CaseInput::Args(args) = &original.input else { continue };
        if run(&problem.reference, &args[0]).as_deref() != Some(failed.expected.as_str()) {
            wrong.push(format!(
                "{}/{name}: '{}' shows expected {}, not the reference's answer",
                problem.id, failed.name, failed.expected
            ));
        }
        let Some(shrunk) = &failed.shrunk else { continue };
        let input = Value::from_json(&shrunk.args);
        if run(&problem.reference, &input).as_deref() != Some(shrunk.expected.as_str()) {
            wrong.push(format!(
                "{}/{name}: shrunk {} shows expected {}, not the reference's answer",
                problem.id, shrunk.input, shrunk.expected
            ));
        }
        if let Some(actual) = run(source, &input)
            && actual != shrunk.actual
        {
            wrong.push(format!(
                "{}/{name}: shrunk {} shows actual {}, but the code returns {actual}",
                problem.id, shrunk.input, shrunk.actual
            ));
        }
    }
    wrong
}

/// Checks every labelled file of one problem's corpus; returns the disagreements and the file count.
fn walk(problem: &Problem) -> (Vec<String>, usize) {
    let mut files: Vec<_> =
        std::fs::read_dir(problem.dir.join("corpus")).expect("corpus folder").flatten().map(|e| e.path()).collect();
    files.sort();
    let mut wrong = Vec::new();
    for path in &files {
        let source = std::fs::read_to_string(path).unwrap();
        wrong.extend(check(problem, &path.file_name().unwrap().to_string_lossy(), &source));
    }
    (wrong, files.len())
}

#[test]
fn every_problem_has_a_labelled_corpus_whose_labels_are_reproduced() {
    let catalog = catalog();
    // One thread per problem: the corpora are independent and each takes a while.
    let results: Vec<(String, (Vec<String>, usize))> = std::thread::scope(|s| {
        let handles: Vec<_> = catalog.problems().iter().map(|p| s.spawn(move || (p.id.clone(), walk(p)))).collect();
        handles.into_iter().map(|h| h.join().expect("a corpus walk")).collect()
    });
    let mut wrong = Vec::new();
    for (id, (disagreements, files)) in results {
        assert!(files >= 12, "{id}: only {files} labelled solutions");
        wrong.extend(disagreements);
    }
    assert!(wrong.is_empty(), "{} labels not reproduced:\n{}", wrong.len(), wrong.join("\n"));
}

#[test]
fn every_reference_solution_is_accepted_with_the_top_score() {
    for problem in catalog().problems() {
        let report = grader().grade(problem, &problem.reference, &Options::default()).unwrap();
        assert_eq!(report.verdict, Verdict::Accepted, "{}: {:?}", problem.id, report.tests.failed);
        assert_eq!(report.score.suggested, 4, "{}: {:?}", problem.id, report.score.reasons);
    }
}

#[test]
fn complexity_is_identical_on_every_run_even_in_parallel() {
    let catalog = catalog();
    let problem = catalog.get("dedupe").unwrap();
    let source = common::corpus("dedupe", "quadratic_not_in.py");
    let first = grader().grade(problem, &source, &Options::default()).unwrap().complexity.unwrap();
    let others: Vec<_> = std::thread::scope(|s| {
        let handles: Vec<_> =
            (0..2).map(|_| s.spawn(|| grader().grade(problem, &source, &Options::default()).unwrap())).collect();
        handles.into_iter().map(|h| h.join().unwrap().complexity.unwrap()).collect()
    });
    for other in others {
        assert_eq!(other.points, first.points);
        assert_eq!(other.time, first.time);
    }
}

#[test]
fn costly_code_is_measured_as_far_as_the_whole_budget_goes_and_extrapolated_by_its_class() {
    let catalog = catalog();
    let problem = catalog.get("dedupe").unwrap();
    // Ten times the reference's cost per element, and a log factor. At n = 8,192 the six families
    // together are predicted to cost more than one call's share of what is left, but the worst call alone
    // fits its share: the probes go there.
    let source = common::corpus("dedupe", "heap_of_first_positions.py");
    let complexity = grader().grade(problem, &source, &Options::default()).unwrap().complexity.unwrap();
    assert!(complexity.largest_n >= 8_192, "stopped at {}", complexity.largest_n);
    let at_scale = complexity.extrapolation.unwrap();
    assert!((3.0..60.0).contains(&at_scale.ratio), "{} times the reference", at_scale.ratio);
}

#[test]
fn after_a_timeout_later_tests_run_on_less_fuel_and_still_report_what_they_did() {
    let catalog = catalog();
    let mut problem = catalog.get("dedupe").unwrap().clone();
    problem.fuel_per_test = 2_000_000_000;
    // Never returns for a non-empty list; the empty list is handled.
    let source = "def remove_duplicates(lst):\n    while lst:\n        pass\n    return []\n";
    let options = Options { probes: false };
    let report = grader().grade(&problem, source, &options).unwrap();
    assert_eq!(report.verdict, Verdict::Timeout);
    let empty = problem.tests.iter().filter(|t| t.name == "empty list").count();
    assert_eq!(empty, 1, "the catalogue has an 'empty list' test");
    assert_eq!(report.tests.passed, 1, "the empty list still passes: {:?}", report.tests.failed);
    assert_eq!(report.tests.failed.len(), problem.tests.len() - 1);
    // The first example timed out at the full allowance; every hidden test after it got a twentieth, and
    // says so against the reference's work on the same input (the fuel stays in the JSON).
    let mut least = f64::INFINITY;
    for failed in &report.tests.failed {
        assert_eq!(failed.fuel, 100_000_000, "{}", failed.name);
        let reference = failed.reference_fuel.expect("the reference's fuel on the same input");
        let times = failed.fuel as f64 / reference as f64;
        least = least.min(times);
        let error = failed.error.as_deref().unwrap_or_default();
        let said = error.strip_prefix("did not finish: still running after more than ").expect(error);
        let said: f64 = said.split('×').next().unwrap().replace(',', "").parse().expect(error);
        assert!(said <= times && said > times / 2.0, "{error}: {times:.0} times the reference's work");
        assert!(!error.contains("fuel"), "{error}");
    }
    let cut = report.findings.iter().find(|f| matches!(f, Finding::FuelCut { .. })).expect("the cut is a finding");
    assert_eq!(cut, &Finding::FuelCut { allowance: 2_000_000_000, cut: 100_000_000, least: Some(least) });
    assert!(cut.to_string().contains("× the reference's work on its input"), "{cut}");
    // One cause, one card, whose figure holds for every test in it: the least of them.
    assert_eq!(report.tests.causes.len(), 1, "one cause, one card: {:?}", report.tests.causes);
    let card = &report.tests.causes[0].what;
    let lowest = report.tests.failed.iter().find(|f| f.fuel as f64 / f.reference_fuel.unwrap() as f64 == least);
    let lowest = lowest.and_then(|f| f.error.clone()).unwrap();
    assert_eq!(card, &lowest.replace("on the same input", "on each input"), "the card says the least figure");
}

#[test]
fn a_submission_that_fails_every_test_the_same_way_is_cut_short_and_says_so() {
    let catalog = catalog();
    let problem = catalog.get("dedupe").unwrap();
    let source = "def remove_duplicates(lst):\n    while True:\n        print('x' * 1000)\n";
    let report = grader().grade(problem, source, &Options::default()).unwrap();
    assert_eq!(report.verdict, Verdict::OutputLimit);
    assert_eq!(report.tests.causes.len(), 1, "one cause, one card: {:?}", report.tests.causes);
    let cut = report.findings.iter().find_map(|f| match f {
        Finding::CutShort { after, skipped, .. } => Some((*after, *skipped)),
        _ => None,
    });
    let (after, skipped) = cut.expect("a cut-short finding");
    assert_eq!(after, 3);
    assert!(skipped >= problem.tests.len() - 3, "{skipped}");
    assert!(
        report.tests.failed.iter().filter(|f| f.fuel == 0).count() >= problem.tests.len() - 3,
        "the rest did not run"
    );
    assert!(
        report.complexity.is_none() && report.complexity_note.is_some(),
        "no growth curve of code that passes nothing"
    );
}

#[test]
fn a_test_on_a_tiny_input_gets_a_small_share_of_the_allowance() {
    let catalog = catalog();
    let problem = catalog.get("dedupe").unwrap();
    let source = "def remove_duplicates(lst):\n    while True:\n        pass\n";
    let report = grader().grade(problem, source, &Options::default()).unwrap();
    assert_eq!(report.verdict, Verdict::Timeout);
    assert_eq!(report.tests.failed.len(), problem.tests.len(), "every test runs and times out");
    // The first example (a few items) stopped at a twentieth of the allowance, and every test after it
    // at a twentieth of its own: no test spent the whole allowance.
    let most = report.tests.failed.iter().map(|f| f.fuel).max().unwrap();
    assert_eq!(most, problem.fuel_per_test / 20, "{:?}", report.tests.failed);
    let tiny = report.tests.failed.iter().find(|f| f.name == "a few repeats").unwrap();
    assert!(tiny.fuel < problem.fuel_per_test / 20, "{}", tiny.fuel);
}

#[test]
fn loading_the_module_gets_the_whole_allowance_though_the_first_calls_are_small() {
    let catalog = catalog();
    let mut problem = catalog.get("dedupe").unwrap().clone();
    problem.fuel_per_test = 2_000_000_000;
    // Work at import that costs more than a small test's share (a twentieth), far less than the whole.
    let source = "TABLE = 0\nfor i in range(300_000):\n    TABLE += i\n\ndef remove_duplicates(lst):\n    return list(dict.fromkeys(lst))\n";
    let report = grader().grade(&problem, source, &Options { probes: false }).unwrap();
    assert_eq!(report.verdict, Verdict::Accepted, "{:?} {:?}", report.load_error, report.tests.failed);
}

#[test]
fn a_result_too_deep_to_show_on_every_test_is_cut_short_and_not_shrunk() {
    let catalog = catalog();
    let problem = catalog.get("dedupe").unwrap();
    let source =
        "def remove_duplicates(lst):\n    x = []\n    for _ in range(200_000):\n        x = [x]\n    return x\n";
    let report = grader().grade(problem, source, &Options::default()).unwrap();
    let cut = report.findings.iter().find_map(|f| match f {
        Finding::CutShort { after, skipped, ending } => Some((*after, *skipped, ending.clone())),
        _ => None,
    });
    let (after, skipped, ending) = cut.expect("a cut-short finding");
    assert_eq!(after, 3, "{ending}");
    assert!(skipped >= problem.tests.len() - 3, "{skipped}");
    assert!(report.tests.failed.iter().all(|f| f.shrunk.is_none()), "nothing to gain from a smaller input");
    assert_eq!(report.tests.passed, 0);
}

#[test]
fn run_runs_the_statement_examples_and_the_statement_shows_the_reference_answers() {
    for problem in catalog().problems() {
        let (load, examples) = grader().run_examples(problem, &problem.reference).unwrap();
        assert!(load.is_none(), "{}: {load:?}", problem.id);
        assert_eq!(examples.len(), problem.examples.len());
        for (case, result) in problem.examples.iter().zip(&examples) {
            assert!(result.passed, "{}: the reference fails its own example '{}'", problem.id, case.name);
            if let Some(shows) = &case.shows {
                assert_eq!(
                    shows, &result.expected,
                    "{}: the statement shows another answer for '{}'",
                    problem.id, case.name
                );
                assert!(
                    problem.statement.contains(&format!("`{shows}`")),
                    "{}: the statement lacks '{}'",
                    problem.id,
                    case.name
                );
            }
        }
    }
}

#[test]
fn a_harness_rewritten_during_the_timing_probes_is_reported_as_that_not_as_wrong_answers() {
    let catalog = catalog();
    let problem = catalog.get("dedupe").unwrap();
    // Correct on every hidden test; on the probes' largest inputs only, it rewrites what the harness
    // encodes its replies with, so that they carry a figure no reply may hold.
    let source = "import sys\ndef remove_duplicates(lst):\n    if len(lst) == 16384:\n        app = sys.modules['app']\n        forged = lambda o, r: __import__('marshal').dumps({'value': ('plain', []), 'memory_peak': 0}, 2)\n        app._call.__defaults__ = tuple(forged if d is app._outcome else d for d in app._call.__defaults__)\n    return list(dict.fromkeys(lst))\n";
    let report = grader().grade(problem, source, &Options::default()).unwrap();
    let rewritten = report.findings.iter().any(|f| matches!(f, Finding::ProbeHarnessRewritten { .. }));
    assert!(rewritten, "{:?}", report.findings);
    let complexity = report.complexity.as_ref().expect("measured");
    assert_eq!(complexity.wrong_answers, 0, "{:?}", report.findings);
}

#[test]
fn what_the_candidate_sees_comes_from_stores_that_never_held_a_hidden_input() {
    let catalog = catalog();
    let problem = catalog.get("dedupe").unwrap();
    // Prints, at import and in every call, the length of every long list anywhere in the interpreter:
    // the hidden tests' inputs run to thousands of items, the examples' to a handful.
    let source = "import gc\ndef spy():\n    gc.unfreeze()\n    print(sorted(len(o) for o in gc.get_objects() if type(o) is list and len(o) >= 1000 and all(type(x) is int for x in o)))\nspy()\ndef remove_duplicates(lst):\n    spy()\n    return list(dict.fromkeys(lst))\n";
    let report = grader().grade(problem, source, &Options::default()).unwrap();
    let view = serde_json::to_value(report.candidate_view()).unwrap();
    assert!(!report.examples.is_empty());
    for example in &report.examples {
        assert!(example.output.lines().all(|line| line == "[]"), "{}: {}", example.name, example.output);
    }
    let large = problem.tests.iter().filter(|t| t.category == catalog::Category::Large).count();
    assert!(large > 0 && !view.to_string().contains("5000"), "{view}");
}

#[test]
fn where_the_time_goes_explains_and_decides_nothing() {
    let catalog = catalog();
    let problem = catalog.get("dedupe").unwrap();
    let honest = common::corpus("dedupe", "quadratic_not_in.py");
    let grade = |source: &str| grader().grade(problem, source, &Options::default()).unwrap();
    let plain = grade(&honest);
    let growing = |r: &Report| r.complexity.as_ref()?.costly_lines.as_ref()?.growing.as_ref().map(|g| g.line);
    assert_eq!(growing(&plain), Some(5));
    // Code that takes the reporting's tool id first is measured as before, and explained nowhere; code
    // that reports lines of its own gets the same verdict, class and score.
    let holds_the_tool = format!("import sys\nsys.monitoring.use_tool_id(4, 'mine')\n{honest}");
    let forges =
        honest.replace("    for x in lst:\n", "    for x in lst:\n        __import__('wit_world').line(1, 0)\n");
    assert_ne!(forges, honest);
    for source in [holds_the_tool, forges] {
        let report = grade(&source);
        assert_eq!((report.verdict, report.score.suggested), (plain.verdict, plain.score.suggested), "{source}");
        let class = |r: &Report| r.complexity.as_ref().map(|c| c.time.as_str().to_string());
        assert_eq!(class(&report), class(&plain), "{source}");
        assert_ne!(growing(&report), Some(1), "{source}");
    }
}
