//! The standard library inside the sandbox: a candidate's file imports what a normal CPython 3.14 has,
//! except what cannot work here, which fails naming the module and why; and the candidate's own checks in
//! the file neither run as `__main__` nor break grading. Also pins how bulk memory copies cost fuel.

mod common;

use runner::{Call, Job, Limits, Outcome, RunReport, Sandbox, Value};

fn sandbox() -> &'static Sandbox {
    common::sandbox(|| Limits { fuel_per_step: 4_000_000_000, ..Limits::default() })
}

fn run(source: &str, calls: Vec<Call>) -> RunReport {
    sandbox().run(&Job::new(source, calls)).expect("host stays up")
}

fn returned(report: &RunReport, call: usize) -> Value {
    match &report.calls[call].outcome {
        Outcome::Returned { value } => value.clone(),
        other => panic!("load: {:?}\noutput: {}\ncall {call}: {other:?}", report.load.outcome, report.load.output),
    }
}

const COMMON: &str = r#"from __future__ import annotations
import asyncio, dataclasses, io, json, logging, pprint, sys, typing

@dataclasses.dataclass
class Point:
    x: int
    y: typing.Optional[int] = None

def f():
    async def main():
        await asyncio.sleep(0)
        return 3
    buffer = io.StringIO()
    pprint.pprint({"a": [1, 2]}, stream=buffer)
    logging.getLogger("solution").warning("logged")
    return [asyncio.run(main()), json.dumps(dataclasses.asdict(Point(1))), buffer.getvalue(), __name__]
"#;

#[test]
fn the_common_modules_import_and_work() {
    let report = run(COMMON, vec![Call::function("f", vec![])]);
    assert_eq!(
        returned(&report, 0),
        Value::from(vec![Value::Int(3), "{\"x\": 1, \"y\": null}".into(), "{'a': [1, 2]}\n".into(), "solution".into()])
    );
    assert!(report.calls[0].output.contains("logged"), "{}", report.calls[0].output);
}

const OWN_CHECKS: &str = r#"import doctest, unittest

def double(x):
    """
    >>> double(2)
    4
    >>> double(3)
    7
    """
    return 2 * x

class Tests(unittest.TestCase):
    def test_double(self):
        self.assertEqual(double(5), 10)

if __name__ == "__main__":
    raise SystemExit("the candidate's main block ran")

doctest.testmod()
unittest.main(exit=False)
unittest.main()
"#;

#[test]
fn the_candidates_own_checks_do_not_break_grading() {
    let report = run(OWN_CHECKS, vec![Call::function("double", vec![Value::Int(21)])]);
    assert_eq!(report.load.outcome, Outcome::Returned { value: Value::None }, "{}", report.load.output);
    // The doctest that fails is reported in the load step's output; the tests ran, twice.
    assert!(report.load.output.contains("Failed example"), "{}", report.load.output);
    assert_eq!(report.load.output.matches("Ran 1 test").count(), 2, "{}", report.load.output);
    assert_eq!(returned(&report, 0), Value::Int(42));
}

#[test]
fn rarer_modules_load_on_demand() {
    let source = "def f():\n    import tomllib, wave, plistlib, fileinput\n    return tomllib.loads('a = 1')['a']\n";
    assert_eq!(returned(&run(source, vec![Call::function("f", vec![])]), 0), Value::Int(1));
}

#[test]
fn modules_that_cannot_work_say_why() {
    for (module, why) in [
        ("subprocess", "the sandbox cannot start processes"),
        ("multiprocessing", "the sandbox cannot start processes"),
        ("ctypes", "native code cannot be loaded in the sandbox"),
        ("urllib.request", "the sandbox has no network"),
        ("tkinter", "the sandbox has no display"),
    ] {
        let report = run(&format!("def f():\n    import {module}\n"), vec![Call::function("f", vec![])]);
        let Outcome::Raised { error } = &report.calls[0].outcome else {
            panic!("{module}: {:?}", report.calls[0].outcome)
        };
        assert_eq!(error.type_name, "ModuleNotFoundError");
        assert_eq!(error.message, format!("module '{module}' is not available in the sandbox: {why}"));
    }
}

#[test]
fn a_bulk_copy_costs_fuel_in_proportion_to_its_size() {
    // wasmtime 48 charges `memory.copy` and `memory.fill` one fuel per byte by default (its
    // `OperatorCost::variable`), so slicing is not cheaper than it is.
    let source = "S = {n: 'x' * n for n in (1_000, 1_000_000)}\ndef f(n):\n    return len(S[n][1:])\n";
    let calls = [1_000, 1_000_000].map(|n| Call::function("f", vec![Value::Int(n)])).to_vec();
    let report = run(source, calls);
    let (small, large) = (report.calls[0].fuel, report.calls[1].fuel);
    assert!(large - small >= 900_000, "{small} {large}");
    assert!(large - small < 3 * 999_000, "{small} {large}");
}
