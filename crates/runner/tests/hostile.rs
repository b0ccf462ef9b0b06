//! Hostile submissions: each must end in the right classified outcome, within its limits, and leave the
//! sandbox healthy for the next run.

mod common;

use runner::{Call, FillHeap, Job, Limits, Outcome, RunReport, Sandbox, SandboxError, Value};

/// One sandbox for the whole file, with a small fuel budget so runaway code stops quickly.
fn sandbox() -> &'static Sandbox {
    common::sandbox(|| Limits { fuel_per_step: 2_000_000_000, memory_bytes: 128 << 20, ..Limits::default() })
}

/// Runs `source` and calls `f()` once; asserts the sandbox still serves a trivial run afterwards.
fn call_f(source: &str) -> RunReport {
    let report = sandbox().run(&Job::new(source, vec![Call::function("f", vec![])])).expect("host stays up");
    assert_healthy();
    report
}

fn assert_healthy() {
    let report = sandbox()
        .run(&Job::new("def ok(x):\n    return x + 1\n", vec![Call::function("ok", vec![Value::Int(41)])]))
        .expect("trivial run");
    assert_eq!(report.calls[0].outcome, Outcome::Returned { value: Value::Int(42) });
}

fn outcome_of_f(source: &str) -> Outcome {
    call_f(source).calls[0].outcome.clone()
}

fn raised(outcome: &Outcome) -> (String, String) {
    match outcome {
        Outcome::Raised { error } => (error.type_name.clone(), error.message.clone()),
        other => panic!("expected an exception, got {other:?}"),
    }
}

#[test]
fn infinite_loop_at_import_is_a_timeout_of_the_load_step() {
    let report = call_f("while True:\n    pass\n");
    assert!(matches!(report.load.outcome, Outcome::Timeout { .. }), "{:?}", report.load.outcome);
    assert_eq!(report.load.fuel, 2_000_000_000);
    assert_eq!(report.calls[0].outcome, Outcome::NotRun);
}

#[test]
fn each_call_can_have_less_fuel_of_its_own_never_more() {
    let source = "def f(n):\n    while True:\n        pass\n";
    let calls = vec![Call::function("f", vec![Value::Int(1)]), Call::function("f", vec![Value::Int(2)])];
    // The first call asks for less than the job's allowance, the second for more: it gets the allowance.
    let job = Job {
        fuel_per_step: Some(300_000_000),
        fuel_of_calls: vec![50_000_000, 900_000_000],
        ..Job::new(source, calls)
    };
    let first = sandbox().run(&job).unwrap();
    assert_eq!(first.calls[0].outcome, Outcome::Timeout { fuel_limit: 50_000_000 });
    assert_eq!(first.calls[0].fuel, 50_000_000);
    let rest = Job { calls: job.calls[1..].to_vec(), fuel_of_calls: vec![900_000_000], ..job };
    assert_eq!(sandbox().run(&rest).unwrap().calls[0].outcome, Outcome::Timeout { fuel_limit: 300_000_000 });
}

#[test]
fn infinite_loop_in_a_call_is_a_timeout_and_later_calls_do_not_run() {
    let source = "def f():\n    while True:\n        pass\ndef g():\n    return 1\n";
    let job = Job::new(source, vec![Call::function("f", vec![]), Call::function("g", vec![])]);
    let report = sandbox().run(&job).unwrap();
    assert_eq!(report.calls[0].outcome, Outcome::Timeout { fuel_limit: 2_000_000_000 });
    assert_eq!(report.calls[1].outcome, Outcome::NotRun);
    assert_healthy();
}

#[test]
fn catching_base_exception_cannot_swallow_a_timeout() {
    let source = "def f():\n    try:\n        while True:\n            pass\n    except BaseException:\n        return 'escaped'\n";
    assert!(matches!(outcome_of_f(source), Outcome::Timeout { .. }));
}

#[test]
fn memory_bombs_hit_the_memory_limit() {
    for body in ["return bytearray(10**9)", "xs = []\n    while True:\n        xs.append('x' * 10**6)"] {
        let outcome = outcome_of_f(&format!("def f():\n    {body}\n"));
        assert_eq!(outcome, Outcome::MemoryLimit { limit_bytes: 128 << 20 }, "{body}");
    }
}

#[test]
fn swallowing_memory_error_still_reports_the_memory_limit() {
    let source =
        "def f():\n    try:\n        bytearray(10**9)\n    except MemoryError:\n        pass\n    return 'fine'\n";
    assert!(matches!(outcome_of_f(source), Outcome::MemoryLimit { .. }));
}

#[test]
fn recursion_bomb_with_a_raised_limit_is_stopped() {
    let source = "import sys\nsys.setrecursionlimit(10**6)\ndef f(n=0):\n    return f(n + 1)\n";
    // Python frames live on the heap in CPython 3.14, so a raised limit runs into the memory cap first.
    match outcome_of_f(source) {
        Outcome::StackOverflow | Outcome::MemoryLimit { .. } => {}
        Outcome::Raised { error } => assert_eq!(error.type_name, "RecursionError"),
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn exits_are_classified_with_their_status() {
    assert_eq!(outcome_of_f("import sys\ndef f():\n    sys.exit(3)\n"), Outcome::Exit { code: "3".into() });
    // WASI's exit carries success or failure only, so any non-zero status arrives as 1.
    assert_eq!(outcome_of_f("import os\ndef f():\n    os._exit(4)\n"), Outcome::Exit { code: "1".into() });
    // A script that ends with its own checks exits at top level (`unittest.main()`): it still loaded.
    let at_import = call_f("def f():\n    return 1\nraise SystemExit(1)\n");
    assert_eq!(at_import.load.outcome, Outcome::Returned { value: Value::None });
    assert_eq!(at_import.calls[0].outcome, Outcome::Returned { value: Value::Int(1) });
}

#[test]
fn output_flood_hits_the_output_limit() {
    let outcome = outcome_of_f("def f():\n    while True:\n        print('spam' * 100)\n");
    assert_eq!(outcome, Outcome::OutputLimit { limit_chars: 64 << 10 });
    let swallowed = outcome_of_f(
        "def f():\n    for _ in range(10**5):\n        try:\n            print('x' * 1000)\n        except BaseException:\n            pass\n    return 1\n",
    );
    assert!(matches!(swallowed, Outcome::OutputLimit { .. }));
}

#[test]
fn printing_is_captured_per_step() {
    let report = call_f("print('loading')\ndef f():\n    print('hi', 1)\n    return 0\n");
    assert_eq!(report.load.output, "loading\n");
    assert_eq!(report.calls[0].output, "hi 1\n");
}

#[test]
fn files_environment_and_network_are_out_of_reach() {
    let (kind, _) = raised(&outcome_of_f("def f():\n    return open('/etc/passwd').read()\n"));
    assert!(["FileNotFoundError", "PermissionError", "OSError"].contains(&kind.as_str()), "{kind}");
    assert_eq!(
        outcome_of_f("import os\ndef f():\n    return dict(os.environ)\n"),
        Outcome::Returned { value: Value::Dict(vec![]) }
    );
    // `socket` imports (asyncio needs it); using the network does not.
    raised(&outcome_of_f("import socket\ndef f():\n    return socket.create_connection(('127.0.0.1', 80))\n"));
    let (kind, message) = raised(&outcome_of_f("def f():\n    import subprocess\n"));
    assert_eq!(kind, "ModuleNotFoundError");
    assert_eq!(message, "module 'subprocess' is not available in the sandbox: the sandbox cannot start processes");
    let (kind, _) = raised(&outcome_of_f("import os\ndef f():\n    return os.listdir('/')\n"));
    assert!(kind.ends_with("Error"), "{kind}");
}

#[test]
fn processes_and_threads_cannot_start() {
    let (kind, _) = raised(&outcome_of_f("import os\ndef f():\n    return os.fork()\n"));
    assert_eq!(kind, "AttributeError");
    let (kind, _) = raised(&outcome_of_f("import threading\ndef f():\n    threading.Thread(target=print).start()\n"));
    assert_eq!(kind, "RuntimeError");
    let (kind, _) = raised(&outcome_of_f("import os\ndef f():\n    return os.system('ls')\n"));
    assert_eq!(kind, "AttributeError");
}

#[test]
fn monkeypatching_builtins_and_json_does_not_change_what_is_reported() {
    let source = "import builtins, json\nbuiltins.len = lambda x: 0\nbuiltins.type = lambda x: list\njson.dumps = lambda *a, **k: '{\"value\": 42}'\ndef f():\n    return (1, 2)\n";
    assert_eq!(outcome_of_f(source), Outcome::Returned { value: Value::Tuple(vec![Value::Int(1), Value::Int(2)]) });
}

#[test]
fn large_honest_inputs_are_not_mistaken_for_work_outside_the_step() {
    // Staging a call frees the last input and decodes the next: here ints the interpreter must
    // allocate one by one, after a call that left its allocator's pools full of freed tuples.
    let source = "def f(lst):\n    order = sorted(range(len(lst)), key=lambda i: (lst[i], i))\n    return len(order)\n";
    let n = 16_384i64;
    let equal = Value::List(vec![Value::Int(0); n as usize]);
    let spread = Value::List((0..n).map(|i| Value::Int((i * 7_919) % 8_192 + 300)).collect());
    let calls = [equal.clone(), spread.clone(), equal, spread].map(|lst| Call::function("f", vec![lst])).to_vec();
    let report = sandbox().run(&Job::new(source, calls)).unwrap();
    for call in &report.calls {
        assert_eq!(call.outcome, Outcome::Returned { value: Value::Int(n) });
    }
}

#[test]
fn a_job_that_discards_values_still_measures_each_call_and_reports_its_faults() {
    let source = "def f(n):\n    if n < 0:\n        raise ValueError('negative')\n    return list(range(n))\n";
    let calls = vec![Call::function("f", vec![Value::Int(50_000)]), Call::function("f", vec![Value::Int(-1)])];
    let kept = sandbox().run(&Job::new(source, calls.clone())).unwrap();
    let discarded = sandbox().run(&Job { discard_values: true, ..Job::new(source, calls) }).unwrap();
    assert!(matches!(&kept.calls[0].outcome, Outcome::Returned { value: Value::List(items) } if items.len() == 50_000));
    assert_eq!(discarded.calls[0].outcome, Outcome::Returned { value: Value::None });
    assert_eq!(raised(&discarded.calls[1].outcome), ("ValueError".into(), "negative".into()));
    // The step includes encoding its result: skipped, the step costs less.
    assert!(discarded.calls[0].fuel < kept.calls[0].fuel, "{} vs {}", discarded.calls[0].fuel, kept.calls[0].fuel);
}

#[test]
fn lifting_the_output_cap_inside_the_guest_does_not_lift_the_hosts() {
    let source = "import sys\ndef f():\n    sys.stdout.cap = 1 << 40\n    print('x' * 10**6)\n    return 1\n";
    let report = call_f(source);
    assert!(matches!(report.calls[0].outcome, Outcome::OutputLimit { .. }), "{:?}", report.calls[0].outcome);
    assert!(report.calls[0].output.len() < 70_000, "{}", report.calls[0].output.len());
    assert!(report.calls[0].output.ends_with("[output cut at 65536 characters]"));
}

#[test]
fn sleeping_passes_in_virtual_time_and_never_holds_the_worker() {
    let source = "import time\ndef f():\n    a, w = time.monotonic(), time.time()\n    time.sleep(10**6)\n    time.sleep(10**9)\n    return [time.monotonic() - a >= 10**9, time.time() - w >= 10**9]\n";
    assert_eq!(
        outcome_of_f(source),
        Outcome::Returned { value: Value::List(vec![Value::Bool(true), Value::Bool(true)]) }
    );
}

#[test]
fn lying_types_are_reported_as_what_they_are() {
    let source =
        "class Sneaky(list):\n    def __eq__(self, other):\n        return True\ndef f():\n    return Sneaky([1])\n";
    assert_eq!(
        outcome_of_f(source),
        Outcome::Returned { value: Value::Object { type_name: "Sneaky".into(), bases: vec!["list".into()] } }
    );
    assert_eq!(outcome_of_f("def f():\n    return True\n"), Outcome::Returned { value: Value::Bool(true) });
    assert_eq!(outcome_of_f("def f():\n    return 1.0\n"), Outcome::Returned { value: Value::Float(1.0) });
}

#[test]
fn huge_integers_strings_and_lists_come_back_or_are_summarised() {
    let big = outcome_of_f("def f():\n    return 2**200\n");
    let digits = "1606938044258990275541962092341162602522202993782792835301376";
    assert_eq!(big, Outcome::Returned { value: Value::BigInt(digits.into()) });
    assert_eq!(
        outcome_of_f("def f():\n    return 1 << 10**6\n"),
        Outcome::Returned { value: Value::HugeInt { bits: 1_000_001 } }
    );
    let Outcome::Returned { value: Value::Str(s) } = outcome_of_f("def f():\n    return 'é' * 10**6\n") else {
        panic!()
    };
    assert_eq!(s.chars().count(), 1_000_000);
    assert_eq!(outcome_of_f("def f():\n    return 'x' * 10**8\n"), Outcome::Returned { value: Value::TooLarge });
    // A flat list of twenty million items is cut without being walked: it is a result too large, not work
    // outside the step.
    assert_eq!(outcome_of_f("def f():\n    return [0] * 20_000_000\n"), Outcome::Returned { value: Value::TooLarge });
    let Outcome::Returned { value: Value::List(items) } = outcome_of_f("def f():\n    return [0] * 300_000\n") else {
        panic!()
    };
    assert_eq!(items.len(), 300_000);
}

#[test]
fn deeply_nested_and_cyclic_values_are_cut() {
    let kept = "KEEP = None\ndef f():\n    global KEEP\n    x = []\n    for _ in range(100000):\n        x = [x]\n    KEEP = x\n    return x\n";
    let nested = outcome_of_f(kept);
    let mut value = nested.value().unwrap_or_else(|| panic!("{nested:?}")).clone();
    let mut depth = 0;
    while let Value::List(mut items) = value {
        value = items.pop().expect("one element");
        depth += 1;
    }
    assert_eq!(value, Value::TooDeep);
    assert_eq!(depth, 41);
    // Encoding a result is part of its step: one that shares itself twice at every level is walked
    // twice per level, so that one is kept shallow.
    for (wrap, levels) in [("(x,)", 100), ("{1: x}", 100), ("[(x, {0: x})]", 12)] {
        let source = format!("def f():\n    x = 0\n    for _ in range({levels}):\n        x = {wrap}\n    return x\n");
        let outcome = outcome_of_f(&source);
        assert!(matches!(outcome, Outcome::Returned { .. }), "{wrap}: {outcome:?}");
    }
    let cyclic = outcome_of_f("def f():\n    x = []\n    x.append(x)\n    return x\n");
    assert!(cyclic.value().is_some());
}

#[test]
fn freeing_a_very_deep_structure_overflows_the_stack_as_a_result() {
    // CPython's guard against deep deallocation does not hold in the wasm build; the trap is the run's.
    let outcome = outcome_of_f("def f():\n    x = []\n    for _ in range(100000):\n        x = [x]\n    return 1\n");
    assert_eq!(outcome, Outcome::StackOverflow);
}

#[test]
fn syntax_errors_carry_line_and_column() {
    let report = call_f("def f():\n    return (1,\n\ndef g(:\n    pass\n");
    match report.load.outcome {
        Outcome::SyntaxError { line, column, .. } => {
            assert!(line.is_some() && column.is_some());
        }
        other => panic!("{other:?}"),
    }
    let report = call_f("x = 1\ny = = 2\n");
    assert!(matches!(report.load.outcome, Outcome::SyntaxError { line: Some(2), .. }), "{:?}", report.load.outcome);
}

#[test]
fn exceptions_name_the_candidates_own_line() {
    let outcome = outcome_of_f("def helper(xs):\n    return xs[0]\n\ndef f():\n    return helper([])\n");
    let Outcome::Raised { error } = outcome else { panic!() };
    assert_eq!(error.type_name, "IndexError");
    assert_eq!(error.line, Some(2));
    let lines: Vec<u32> = error.traceback.iter().map(|f| f.line).collect();
    assert_eq!(lines, vec![5, 2]);
    assert_eq!(error.traceback[1].text, "return xs[0]");
}

#[test]
fn a_missing_entry_point_is_reported() {
    assert_eq!(outcome_of_f("def g():\n    pass\n"), Outcome::Missing { what: "function 'f'".into() });
    assert_eq!(outcome_of_f("f = 3\n"), Outcome::Missing { what: "function 'f'".into() });
}

#[test]
fn oversized_source_is_refused_before_running() {
    let source = format!("# {}\ndef f():\n    return 1\n", "x".repeat(70_000));
    let error = sandbox().run(&Job::new(source, vec![])).unwrap_err();
    assert!(matches!(error, SandboxError::SourceTooLarge { limit: 65536, .. }), "{error}");
}

#[test]
fn clocks_and_randomness_are_deterministic() {
    let source = "import time, random\ndef f():\n    return [time.time(), time.monotonic(), random.random(), random.SystemRandom().random()]\n";
    assert_eq!(call_f(source).calls, call_f(source).calls);
}

#[test]
fn fuel_is_identical_across_runs_even_while_another_run_is_busy() {
    let source = "def f(n):\n    out = []\n    for x in range(n):\n        if x not in out:\n            out.append(x)\n    return len(out)\n";
    let job = Job::new(source, vec![Call::function("f", vec![Value::Int(300)])]);
    let quiet = sandbox().run(&job).unwrap();
    let busy = std::thread::spawn(|| {
        let spin = Job::new("def f():\n    while True:\n        pass\n", vec![Call::function("f", vec![])]);
        sandbox().run(&spin).unwrap()
    });
    let loaded = sandbox().run(&job).unwrap();
    busy.join().unwrap();
    assert_eq!(quiet.calls[0].fuel, loaded.calls[0].fuel);
    assert_eq!(quiet.load.fuel, loaded.load.fuel);
    assert!(quiet.calls[0].fuel > 1_000_000, "{}", quiet.calls[0].fuel);
}

#[test]
fn instances_keep_state_between_method_calls_but_not_between_runs() {
    let source = "class Counter:\n    def __init__(self, start):\n        self.n = start\n    def bump(self):\n        self.n += 1\n        return self.n\n";
    let calls = vec![
        Call::New { class: "Counter".into(), args: vec![Value::Int(10)], slot: 0 },
        Call::Method { slot: 0, name: "bump".into(), args: vec![] },
        Call::Method { slot: 0, name: "bump".into(), args: vec![] },
        Call::Method { slot: 1, name: "bump".into(), args: vec![] },
    ];
    let first = sandbox().run(&Job::new(source, calls.clone())).unwrap();
    let values: Vec<_> = first.calls.iter().map(|c| c.outcome.clone()).collect();
    assert_eq!(values[1], Outcome::Returned { value: Value::Int(11) });
    assert_eq!(values[2], Outcome::Returned { value: Value::Int(12) });
    assert_eq!(values[3], Outcome::Missing { what: "no object in slot 1".into() });
    assert_eq!(sandbox().run(&Job::new(source, calls)).unwrap().calls, first.calls);
}

#[test]
fn a_replay_makes_its_calls_in_order_in_one_step_and_stops_at_an_exception() {
    let source = "class Counter:\n    def __init__(self):\n        self.n = 0\n    def add(self, k):\n        if k < 0:\n            raise ValueError('negative')\n        self.n += k\n        return self.n\n";
    let replay = |ks: &[i64]| Call::Replay {
        slot: 0,
        name: "add".into(),
        calls: ks.iter().map(|&k| vec![Value::Int(k)]).collect(),
    };
    let calls = vec![
        Call::New { class: "Counter".into(), args: vec![], slot: 0 },
        replay(&[1, 2, 3]),
        replay(&[10, -1, 100]),
        Call::Method { slot: 0, name: "add".into(), args: vec![Value::Int(0)] },
    ];
    let report = sandbox().run(&Job::new(source, calls)).unwrap();
    assert_eq!(report.calls[1].outcome, Outcome::Returned { value: Value::from(vec![1i64, 3, 6]) });
    // The exception ends the replay at the second call: the third never ran, and the line is the candidate's.
    let Outcome::Raised { error } = &report.calls[2].outcome else { panic!("{:?}", report.calls[2].outcome) };
    assert_eq!((error.type_name.as_str(), error.line), ("ValueError", Some(6)));
    assert_eq!(report.calls[3].outcome, Outcome::Returned { value: Value::Int(16) });
    assert!(report.calls[1].fuel > 0);
}

#[test]
fn a_replay_gets_the_per_call_fuel_once_for_each_of_its_calls() {
    let source = "class Spin:\n    def go(self, n):\n        for _ in range(n):\n            pass\n        return n\n";
    let new = Call::New { class: "Spin".into(), args: vec![], slot: 0 };
    let go = |n: i64| Call::Method { slot: 0, name: "go".into(), args: vec![Value::Int(n)] };
    let one = sandbox().run(&Job::new(source, vec![new.clone(), go(20_000)])).unwrap().calls[1].fuel;
    let fuel = Some(one * 3 / 2);
    let replay = Call::Replay { slot: 0, name: "go".into(), calls: vec![vec![Value::Int(20_000)]; 4] };
    let report = sandbox().run(&Job { fuel_per_step: fuel, ..Job::new(source, vec![new.clone(), replay]) }).unwrap();
    assert_eq!(report.calls[1].outcome, Outcome::Returned { value: Value::from(vec![20_000i64; 4]) });
    // The same work as a single call has one call's fuel only.
    let report = sandbox().run(&Job { fuel_per_step: fuel, ..Job::new(source, vec![new, go(80_000)]) }).unwrap();
    assert!(matches!(report.calls[1].outcome, Outcome::Timeout { .. }), "{:?}", report.calls[1].outcome);
}

#[test]
fn results_keep_their_exact_types_through_the_wire_format() {
    let source = "def f():\n    return [True, 1, 2**70, -2**70, 1.5, 'é', None, (1,), {'k': [1]}, {3}]\n";
    let Outcome::Returned { value: Value::List(items) } = outcome_of_f(source) else { panic!("a list") };
    assert_eq!(
        items,
        vec![
            Value::Bool(true),
            Value::Int(1),
            Value::BigInt("1180591620717411303424".into()),
            Value::BigInt("-1180591620717411303424".into()),
            Value::Float(1.5),
            Value::from("é"),
            Value::None,
            Value::Tuple(vec![Value::Int(1)]),
            Value::Dict(vec![(Value::from("k"), Value::from(vec![1i64]))]),
            Value::Set(vec![Value::Int(3)]),
        ]
    );
    // A plain list of scalars goes the fast way; a str with a lone surrogate is still told apart.
    let Outcome::Returned { value } = outcome_of_f("def f():\n    return ['a\\ud800', 2**64]\n") else { panic!() };
    assert_eq!(
        value,
        Value::List(vec![Value::UnpairedStr("a\\ud800".into()), Value::BigInt("18446744073709551616".into())])
    );
}

#[test]
fn mutation_of_arguments_is_visible() {
    let source = "def f(xs):\n    xs.append(9)\n    return None\n";
    let call = Call::Function { name: "f".into(), args: vec![Value::from(vec![1i64])], report_args: true };
    let report = sandbox().run(&Job::new(source, vec![call])).unwrap();
    assert_eq!(report.calls[0].args_after, Some(vec![Value::from(vec![1i64, 9])]));
}

#[test]
fn the_heap_growth_the_host_reads_is_the_peak_allocation_of_the_call_only() {
    // Freed at import, the big list leaves free heap behind: the harness fills it before each call.
    let source = "big = list(range(10**6))\ndel big\ndef f(n):\n    return len([0] * n)\n";
    let calls = [1_000, 100_000, 1_000_000].map(|n| Call::function("f", vec![Value::Int(n)])).to_vec();
    let report = sandbox().run(&Job { fill_heap: FillHeap::BeforeEachCall, ..Job::new(source, calls) }).unwrap();
    let grown: Vec<u64> = report.calls.iter().map(|c| c.heap_growth).collect();
    // wasm32: a list of n elements holds n four-byte pointers; the heap grows in 64 KiB pages, and the
    // last page the filling grew may have room left.
    let page = 1 << 16;
    assert!(grown[0] <= page, "{grown:?}");
    assert!((400_000 - page..=400_000 + page).contains(&grown[1]), "{grown:?}");
    assert!((4_000_000 - page..=4_000_000 + page).contains(&grown[2]), "{grown:?}");
    // Without filling, the free heap the import left hides the allocation.
    let calls = vec![Call::function("f", vec![Value::Int(100_000)])];
    assert_eq!(sandbox().run(&Job::new(source, calls)).unwrap().calls[0].heap_growth, 0);
}
