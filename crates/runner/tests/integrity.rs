//! The trust boundary: the guest computes, the host measures. Candidate code shares the interpreter with
//! the harness and may reach and rewrite anything in it; each test here is an attack a determined
//! candidate would try (read later inputs early, work outside the measured step, forge an outcome or a
//! memory figure), which must end measured honestly or flagged on the host's own proof, and honest but
//! unusual code (debuggers, profilers, trace hooks, heap walks, deep recursion), which must be graded as
//! what it does, never called tampering.

mod common;

use runner::{Call, FillHeap, Job, Limits, Outcome, RunReport, Sandbox, Value};

fn sandbox() -> &'static Sandbox {
    common::sandbox(|| Limits { fuel_per_step: 4_000_000_000, ..Limits::default() })
}

fn run(source: &str, calls: Vec<Call>) -> RunReport {
    sandbox().run(&Job::new(source, calls)).expect("the host stays up")
}

fn f(args: Vec<Value>) -> Call {
    Call::function("f", args)
}

fn returned(step: &runner::StepReport) -> &Value {
    step.outcome.value().unwrap_or_else(|| panic!("{:?}", step.outcome))
}

/// A marker that only the second call's input holds.
const MARKER: i64 = 987_654_321;

/// Looks for `MARKER` (made at run time, in locals only, so that nothing but an input holds it; compared
/// as an exact int, since `unittest.mock.ANY` equals anything) in every list, tuple and dict the collector
/// knows, frozen ones included, and in every bytes object they hold (a marshal blob holds it as four
/// little-endian bytes).
const SEARCH: &str = "import gc, struct\ndef seen():\n    m = int('98765432' + '1')\n    needle = struct.pack('<i', m)\n    hit = lambda items: any(type(x) is int and x == m for x in items)\n    gc.unfreeze()\n    for o in gc.get_objects():\n        if type(o) in (list, tuple) and hit(o):\n            return True\n        if type(o) is dict and (hit(o) or hit(o.values())):\n            return True\n        for r in gc.get_referents(o):\n            if type(r) is bytes and needle in r:\n                return True\n    return False\n";

#[test]
fn no_later_input_is_in_the_guest_before_its_step() {
    let source = format!("{SEARCH}AT_IMPORT = seen()\ndef f(xs):\n    return [AT_IMPORT, seen()]\n");
    let calls = vec![f(vec![Value::from(vec![1i64, 2])]), f(vec![Value::from(vec![3i64, MARKER])])];
    let report = run(&source, calls);
    // At import and in the first call the second call's input is nowhere; in the second it is found, so
    // the search would have found it.
    assert_eq!(returned(&report.calls[0]), &Value::List(vec![Value::Bool(false), Value::Bool(false)]));
    assert_eq!(returned(&report.calls[1]), &Value::List(vec![Value::Bool(false), Value::Bool(true)]));
}

#[test]
fn work_a_finalizer_does_while_the_next_call_is_staged_is_charged_to_that_call() {
    // The first call hides an object in its own input; freeing that input when the next call is staged
    // runs the object's `__del__`, which does the work outside any call.
    let source = "class Late:\n    def __del__(self):\n        sum(range(3 * 10**6))\ndef f(xs, plant):\n    if plant:\n        xs.append(Late())\n    return len(xs)\n";
    let calls = |plant| {
        vec![f(vec![Value::from(vec![1i64]), Value::Bool(plant)]), f(vec![Value::from(vec![2i64]), Value::Bool(false)])]
    };
    let honest = run(source, calls(false));
    let planted = run(source, calls(true));
    assert!(matches!(planted.calls[1].outcome, Outcome::Returned { .. }), "{:?}", planted.calls[1].outcome);
    // The work (about 3e8 fuel) is on the second call's bill.
    assert!(
        planted.calls[1].fuel > honest.calls[1].fuel + 100_000_000,
        "{} vs {}",
        planted.calls[1].fuel,
        honest.calls[1].fuel
    );
}

#[test]
fn a_profile_hook_costs_the_steps_it_runs_in_and_is_not_tampering() {
    let source = "import sys\nCOUNT = [0]\ndef hook(frame, event, arg):\n    COUNT[0] += 1\ndef f(n):\n    if n == 0:\n        sys.setprofile(hook)\n    return n\n";
    let calls = (0..4).map(|n| f(vec![Value::Int(n)])).collect();
    let report = run(source, calls);
    for (n, step) in report.calls.iter().enumerate() {
        assert_eq!(returned(step), &Value::Int(n as i64));
    }
    // Once the hook is set, every call pays for the harness's events it sees, inside its own step.
    let plain =
        run(source.replace("sys.setprofile(hook)", "pass").as_str(), (0..4).map(|n| f(vec![Value::Int(n)])).collect());
    assert!(report.calls[2].fuel > plain.calls[2].fuel, "{} vs {}", report.calls[2].fuel, plain.calls[2].fuel);
}

#[test]
fn the_guest_has_no_import_that_opens_closes_or_records_a_step() {
    let source = "import wit_world\ndef f():\n    own = [n for n, v in vars(wit_world).items() if callable(v) and getattr(v, '__module__', '') == 'wit_world']\n    return sorted(n for n in own if n[0].islower())\n";
    let report = run(source, vec![f(vec![])]);
    // `heap_size` reads a fact; `line` says where the code is, in a call that explains, and the host
    // reads the fuel (see `tests/lines.rs`).
    let imports = ["heap_size", "line"].map(|name| Value::Str(name.into())).to_vec();
    assert_eq!(returned(&report.calls[0]), &Value::List(imports));
}

/// The harness's module, as a hostile candidate reaches it, and a way to rebind what one of its
/// functions took as a default when it was built.
const HARNESS: &str = "import sys\nHARNESS = sys.modules['app']\ndef swap(fn, old, new):\n    fn.__defaults__ = tuple(new if d is old else d for d in fn.__defaults__)\n";

#[test]
fn an_outcome_rewritten_through_the_harness_is_read_as_data_and_a_forged_field_is_proof() {
    // Turning an exception into a value is no more than returning that value: the host judges it.
    let raises = "def f():\n    raise ValueError('always')\n";
    let as_value = format!(
        "{HARNESS}{raises}swap(HARNESS._call, HARNESS._describe, lambda *a, **k: {{'value': ('plain', [])}})\n"
    );
    let report = run(&as_value, vec![f(vec![])]);
    assert_eq!(returned(&report.calls[0]), &Value::List(vec![]));
    // A field no step of this job may hold is a reply the harness as built never writes.
    for forged in ["{'value': ('plain', 1), 'memory_peak': 0}", "{'value': ('plain', 1), 'args_after': []}", "{}"] {
        let source = format!(
            "{HARNESS}def f():\n    return 1\nswap(HARNESS._call, HARNESS._outcome, lambda o, r: __import__('marshal').dumps({forged}, 2))\n"
        );
        let report = run(&source, vec![f(vec![]), f(vec![])]);
        // The first call's reply is forged: the store ends there.
        assert!(matches!(report.calls[0].outcome, Outcome::Tampered { .. }), "{forged}: {:?}", report.calls[0].outcome);
        assert_eq!(report.calls[1].outcome, Outcome::NotRun);
    }
}

#[test]
fn the_fuel_of_a_step_is_the_hosts_whatever_the_harness_says() {
    // Skipping the call and replying at once from the harness's own state buys nothing: the reply is the
    // candidate's answer, and the fuel is what the host read around the call, here the work itself.
    let source = format!(
        "{HARNESS}def f(n):\n    return sum(range(n))\nswap(HARNESS._call, HARNESS._describe, lambda *a: {{'value': ('plain', 0)}})\n"
    );
    let report = run(&source, vec![f(vec![Value::Int(1_000)]), f(vec![Value::Int(1_000_000)])]);
    assert_eq!(returned(&report.calls[1]), &Value::Int(499_999_500_000));
    assert!(report.calls[1].fuel > 50 * report.calls[0].fuel, "{} {}", report.calls[1].fuel, report.calls[0].fuel);
}

#[test]
fn memory_is_the_hosts_reading_whatever_tracemalloc_or_the_harness_is_told() {
    let allocate = "def f(n):\n    big = [0] * n\n    clear()\n    return len(big)\n";
    let n = 1_000_000;
    let grown = |clear: &str| {
        let source = format!("import tracemalloc, gc\n{clear}\n{allocate}");
        let job = Job { fill_heap: FillHeap::BeforeEachCall, ..Job::new(source, vec![f(vec![Value::Int(n)])]) };
        let step = &sandbox().run(&job).unwrap().calls[0];
        assert_eq!(returned(step), &Value::Int(n), "{clear}");
        step.heap_growth
    };
    let honest = grown("def clear():\n    pass");
    assert!(honest >= 4 * n as u64 - (1 << 16), "{honest}");
    for attack in [
        // The instrument the old harness trusted, switched off or emptied.
        "tracemalloc.start()\ndef clear():\n    tracemalloc.reset_peak()\n    tracemalloc.clear_traces()\n    tracemalloc.stop()",
        // The heap the harness filled, handed back: every bytes object the collector can reach is dropped.
        "def clear():\n    for o in gc.get_objects():\n        if type(o) is list:\n            o[:] = [x for x in o if type(x) is not bytes]",
    ] {
        assert!(grown(attack) >= honest, "{attack}");
    }
}

#[test]
fn honest_debuggers_profilers_hooks_and_heap_walks_are_graded_as_what_they_do() {
    for (code, expected) in [
        ("import sys\nsys.settrace(None)\nsys.setprofile(None)\nreturn 1", Value::Int(1)),
        (
            "import sys\nlines = []\nsys.settrace(lambda *a: lines.append(1))\nsys.settrace(None)\nreturn 2",
            Value::Int(2),
        ),
        ("breakpoint()\nreturn 3", Value::Int(3)),
        (
            "import tracemalloc\ntracemalloc.start()\nx = [0] * 1000\npeak = tracemalloc.get_traced_memory()[1]\ntracemalloc.stop()\nreturn peak > 4000",
            Value::Bool(true),
        ),
        (
            "import gc, sys\ndef size(o, seen):\n    if id(o) in seen:\n        return 0\n    seen.add(id(o))\n    return sys.getsizeof(o) + sum(size(r, seen) for r in gc.get_referents(o))\nreturn size([[1, 2], [3]], set()) > 0",
            Value::Bool(true),
        ),
        (
            "import cProfile, pstats, io\np = cProfile.Profile()\np.enable()\nsorted(range(100))\np.disable()\nreturn len(io.StringIO().getvalue()) == 0",
            Value::Bool(true),
        ),
        ("import gc\ngc.unfreeze()\nreturn len(gc.get_objects()) > 1000", Value::Bool(true)),
    ] {
        let body: String = code.lines().map(|line| format!("    {line}\n")).collect();
        let source = format!("def f():\n{body}");
        let report = run(&source, vec![f(vec![])]);
        assert_eq!(report.calls[0].outcome, Outcome::Returned { value: expected }, "{code}");
    }
}

#[test]
fn deep_recursion_and_deep_exceptions_are_results_never_tampering() {
    let deep = "import sys\nsys.setrecursionlimit(5000)\ndef down(n):\n    if n == 0:\n        raise KeyError('bottom')\n    return down(n - 1)\ndef f(n):\n    return down(n)\ndef g():\n    return g()\n";
    let report = run(deep, vec![f(vec![Value::Int(200)]), f(vec![Value::Int(3_000)]), Call::function("g", vec![])]);
    for step in &report.calls {
        let Outcome::Raised { error } = &step.outcome else { panic!("{:?}", step.outcome) };
        assert!(["KeyError", "RecursionError"].contains(&error.type_name.as_str()), "{error:?}");
        assert!(!error.traceback.is_empty() && error.traceback.len() <= 50, "{}", error.traceback.len());
    }
}
