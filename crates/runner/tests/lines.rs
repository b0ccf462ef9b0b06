//! Where a call's time goes, line by line: the host's fuel charged to the lines the harness reports, in
//! a call that explains; nothing in any other.

mod common;

use runner::{Call, Job, Limits, LineFuel, Sandbox, StepReport, Value};

fn sandbox() -> &'static Sandbox {
    common::sandbox(Limits::default)
}

fn ints(n: i64) -> Value {
    Value::List((0..n).map(|i| Value::Int(i % (n / 2).max(1))).collect())
}

/// The one call's report, explained or not.
fn run(source: &str, function: &str, arg: Value, explain: bool) -> StepReport {
    let job = Job { explain_calls: vec![explain], ..Job::new(source, vec![Call::function(function, vec![arg])]) };
    let report = sandbox().run(&job).expect("a run");
    assert!(report.loaded(), "{:?}", report.load.outcome);
    report.calls.into_iter().next().expect("one call")
}

fn line(step: &StepReport, line: u32) -> LineFuel {
    *step.lines.iter().find(|l| l.line == line).unwrap_or_else(|| panic!("line {line} in {:?}", step.lines))
}

const QUADRATIC: &str = "\
def dedupe(xs):
    out = []
    for x in xs:
        if x not in out:
            out.append(x)
    return out
";

#[test]
fn the_scan_inside_the_loop_carries_the_work_of_a_quadratic_dedupe() {
    let step = run(QUADRATIC, "dedupe", ints(2_000), true);
    let total: u64 = step.lines.iter().map(|l| l.own).sum();
    let scan = line(&step, 4);
    assert_eq!(scan.hits, 2_000);
    assert_eq!(line(&step, 5).hits, 1_000);
    assert!(scan.own * 10 > total * 7, "line 4 has {} of {total}: {:?}", scan.own, step.lines);
    // The host's readings cover the call: what the lines were charged is most of its fuel, never more.
    assert!(total <= step.fuel && total * 10 > step.fuel * 8, "{total} of {}", step.fuel);
}

#[test]
fn a_helpers_cost_shows_on_the_line_that_calls_it() {
    let source = "\
def seen_before(out, x):
    return x in out

def dedupe(xs):
    out = []
    for x in xs:
        if not seen_before(out, x):
            out.append(x)
    return out
";
    let step = run(source, "dedupe", ints(1_000), true);
    let (helper, caller) = (line(&step, 2), line(&step, 7));
    assert!(helper.own > caller.own, "{:?}", step.lines);
    assert!(caller.inclusive >= helper.own + caller.own, "{caller:?} {helper:?}");
}

#[test]
fn lines_are_reported_only_in_a_run_that_explains() {
    let quiet = run(QUADRATIC, "dedupe", ints(500), false);
    assert!(quiet.lines.is_empty());
    // Code that calls the import itself in another run changes nothing.
    let forger = "import wit_world\ndef f(x):\n    for _ in range(100):\n        wit_world.line(1, 0)\n    return x\n";
    assert!(run(forger, "f", Value::Int(1), false).lines.is_empty());
    let explained = run(QUADRATIC, "dedupe", ints(500), true);
    assert_eq!(explained.outcome, quiet.outcome);
    assert!(explained.fuel > quiet.fuel, "reporting lines costs fuel of its own");
}

#[test]
fn a_candidate_holding_the_tool_id_gets_an_answer_without_an_explanation() {
    let source = "import sys\nsys.monitoring.use_tool_id(4, 'mine')\n".to_string() + QUADRATIC;
    let step = run(&source, "dedupe", ints(100), true);
    assert!(matches!(step.outcome, runner::Outcome::Returned { .. }), "{:?}", step.outcome);
    assert!(step.lines.is_empty(), "{:?}", step.lines);
}
