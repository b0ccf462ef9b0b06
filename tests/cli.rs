//! The command line, driven as a user drives it.

mod common;

use std::process::Command;

fn screenjudge(args: &[&str]) -> (i32, String, String) {
    screenjudge_with(&[], args)
}

fn screenjudge_with(env: &[(&str, &str)], args: &[&str]) -> (i32, String, String) {
    let out =
        Command::new(env!("CARGO_BIN_EXE_screenjudge")).envs(env.iter().copied()).args(args).output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

fn problem_file(rel: &str) -> String {
    format!("{}/../../problems/{rel}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn problems_lists_the_catalogue() {
    let (code, out, _) = screenjudge(&["problems"]);
    assert_eq!(code, 0);
    let folders: Vec<String> = std::fs::read_dir(problem_file(""))
        .unwrap()
        .flatten()
        .filter(|e| e.path().join("problem.json").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!folders.is_empty());
    for id in folders {
        assert!(out.contains(&id), "{id} missing from {out}");
    }
}

/// A function problem written as data alone: `problem.json`, `statement.md`, `starter.py`, `reference.py`.
fn running_total_problem(dir: &std::path::Path) {
    let problem = dir.join("running-total");
    std::fs::create_dir_all(&problem).unwrap();
    let json = r#"{
  "id": "running-total",
  "title": "Running totals",
  "kind": "function",
  "level": "junior",
  "entry": { "function": "running_total" },
  "signature": "def running_total(nums: list) -> list",
  "optimal": { "time": "O(n)", "space": "O(n)" },
  "max_n": 100000,
  "fuel_per_test": 2000000000,
  "checks": ["no_mutation"],
  "examples": [{ "name": "three", "args": [[1, 2, 3]] }],
  "tests": [
    { "category": "basic", "name": "a few", "args": [[3, 1, 4, 1, 5]] },
    { "category": "edge", "name": "empty", "args": [[]] },
    { "category": "edge", "name": "one", "args": [[7]] },
    { "category": "traps", "name": "negatives", "args": [[-2, 5, -3, 0]] },
    { "category": "large", "name": "2,000 random ints", "generate": { "kind": "ints", "n": 2000, "lo": -100, "hi": 100, "seed": 3 } }
  ],
  "probes": { "max_n": 4096, "families": [{ "name": "random ints", "generate": { "kind": "ints", "lo": -100, "hi": 100, "seed": 4 } }] }
}"#;
    std::fs::write(problem.join("problem.json"), json).unwrap();
    std::fs::write(problem.join("statement.md"), "Return the running totals of a list of ints.\n").unwrap();
    std::fs::write(problem.join("starter.py"), "def running_total(nums: list) -> list:\n    pass\n").unwrap();
    let reference = "def running_total(nums):\n    out, total = [], 0\n    for x in nums:\n        total += x\n        out.append(total)\n    return out\n";
    std::fs::write(problem.join("reference.py"), reference).unwrap();
}

#[test]
fn a_new_function_problem_added_as_a_folder_alone_is_graded_right() {
    let dir = tempfile::tempdir().unwrap();
    running_total_problem(dir.path());
    let problems = dir.path().to_string_lossy().into_owned();
    let env = [("SCREENJUDGE_PROBLEMS", problems.as_str())];
    let (code, out, err) = screenjudge_with(&env, &["problems"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("running-total"), "{out}");
    let grade = |name: &str, source: &str| {
        let file = dir.path().join(name);
        std::fs::write(&file, source).unwrap();
        let (code, out, err) =
            screenjudge_with(&env, &["eval", "--problem", "running-total", "--json", &file.to_string_lossy()]);
        assert_eq!(code, 0, "{name}: {err}");
        serde_json::from_str::<serde_json::Value>(&out).unwrap()
    };
    let linear = grade(
        "linear.py",
        "def running_total(nums):\n    out = []\n    for x in nums:\n        out.append(x + (out[-1] if out else 0))\n    return out\n",
    );
    assert_eq!(linear["verdict"], "accepted", "{}", linear["tests"]);
    assert_eq!(linear["complexity"]["time"], "O(n)", "{}", linear["complexity"]);
    assert_eq!(linear["score"]["suggested"], 4, "{}", linear["score"]);
    let wrong = grade(
        "exclusive.py",
        "def running_total(nums):\n    out, total = [], 0\n    for x in nums:\n        out.append(total)\n        total += x\n    return out\n",
    );
    assert_eq!(wrong["verdict"], "wrong_answer");
    assert_eq!(
        wrong["tests"]["failed"][0]["expected"], "[3, 4, 8, 9, 14]",
        "the expected answer comes from reference.py"
    );
    let quadratic = grade(
        "quadratic.py",
        "def running_total(nums):\n    out = []\n    for i in range(len(nums)):\n        s = 0\n        for j in range(i + 1):\n            s += nums[j]\n        out.append(s)\n    return out\n",
    );
    assert_eq!(quadratic["verdict"], "accepted");
    assert_eq!(quadratic["complexity"]["time"], "O(n^2)", "{}", quadratic["complexity"]);
    assert_eq!(quadratic["score"]["suggested"], 2, "{}", quadratic["score"]);
}

#[test]
fn the_references_results_are_kept_on_disk_and_read_back_by_the_next_process() {
    let dir = tempfile::tempdir().unwrap();
    running_total_problem(dir.path());
    // A version of the problem no earlier run has kept anything for.
    let reference = dir.path().join("running-total").join("reference.py");
    let text = std::fs::read_to_string(&reference).unwrap();
    std::fs::write(&reference, format!("{text}# {}\n", dir.path().display())).unwrap();
    let version = catalog::Problem::load(&dir.path().join("running-total")).unwrap().fingerprint[..16].to_string();
    let kept = |what: &str| -> std::path::PathBuf {
        let folder = runner::SandboxConfig::from_env().cache_dir.join("references");
        let prefix = format!("{what}-{version}-");
        let found: Vec<_> = std::fs::read_dir(&folder)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.file_name().unwrap().to_string_lossy().starts_with(&prefix))
            .collect();
        assert_eq!(found.len(), 1, "one {what} file for this version in {}", folder.display());
        found[0].clone()
    };
    let problems = dir.path().to_string_lossy().into_owned();
    let file = dir.path().join("linear.py");
    std::fs::write(&file, "def running_total(nums):\n    out, t = [], 0\n    for x in nums:\n        t += x\n        out.append(t)\n    return out\n").unwrap();
    let grade = || {
        let args = ["eval", "--problem", "running-total", "--json", &file.to_string_lossy()];
        let (code, out, err) = screenjudge_with(&[("SCREENJUDGE_PROBLEMS", problems.as_str())], &args);
        assert_eq!(code, 0, "{err}");
        serde_json::from_str::<serde_json::Value>(&out).unwrap()
    };
    let first = grade();
    assert_eq!(first["verdict"], "accepted", "{}", first["tests"]);
    let (curve, answers) = (kept("curve"), kept("answers"));

    // What the next process reads is what was kept: a doctored file shows through.
    let read = |path: &std::path::Path| serde_json::from_slice::<serde_json::Value>(&std::fs::read(path).unwrap());
    let mut stored = read(&curve).unwrap();
    for point in stored["points"].as_array_mut().unwrap() {
        point["fuel"] = (point["fuel"].as_u64().unwrap() * 3).into();
    }
    std::fs::write(&curve, stored.to_string()).unwrap();
    let mut expected = read(&answers).unwrap();
    let cases = expected["answers"].as_array().unwrap().len();
    assert_eq!(expected["fuel"].as_array().unwrap().len(), cases, "each answer is kept with its call's fuel");
    *expected["answers"].as_array_mut().unwrap().last_mut().unwrap() = serde_json::json!([0]);
    std::fs::write(&answers, expected.to_string()).unwrap();
    let doctored = grade();
    assert_eq!(doctored["verdict"], "wrong_answer", "the kept answers are the expected ones");
    let fuel = |report: &serde_json::Value| -> Vec<u64> {
        report["complexity"]["reference_points"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["fuel"].as_u64().unwrap())
            .collect()
    };
    let tripled: Vec<u64> = fuel(&first).iter().map(|f| f * 3).collect();
    assert_eq!(fuel(&doctored), tripled, "the kept curve is the reference's");
    assert_eq!(doctored["complexity"]["points"], first["complexity"]["points"]);

    // A file of the older form (the answers alone, doctored the same way) is not read: computed again.
    std::fs::write(&answers, expected["answers"].to_string()).unwrap();
    assert_eq!(grade()["verdict"], "accepted", "an older answers file is computed again");
    // A kept file that does not read, or has too few answers, is computed again, and kept again.
    std::fs::write(&curve, "not json").unwrap();
    std::fs::write(&answers, r#"{"answers": [1, 2], "fuel": [1, 2]}"#).unwrap();
    let again = grade();
    assert_eq!(again["verdict"], "accepted");
    assert_eq!(again["complexity"], first["complexity"]);
    let rewritten = read(&kept("answers")).unwrap();
    let written_anew = rewritten["answers"].as_array().is_some_and(|a| a.len() == cases);
    assert!(read(&kept("curve")).is_ok() && written_anew, "both are written anew");
    for path in [curve, answers] {
        std::fs::remove_file(path).unwrap();
    }
}

#[test]
fn a_problem_with_an_unknown_property_or_a_kind_that_does_not_fit_fails_to_load() {
    let dir = tempfile::tempdir().unwrap();
    running_total_problem(dir.path());
    let path = dir.path().join("running-total/problem.json");
    let json = std::fs::read_to_string(&path).unwrap();
    let problems = dir.path().to_string_lossy().into_owned();
    let env = [("SCREENJUDGE_PROBLEMS", problems.as_str())];
    std::fs::write(&path, json.replace(r#""kind": "function""#, r#""kind": "rate_limiter""#)).unwrap();
    let (code, _, err) = screenjudge_with(&env, &["problems"]);
    assert_ne!(code, 0);
    assert!(err.contains("needs a matching entry"), "{err}");
    std::fs::write(&path, json.replace(r#""checks": ["no_mutation"]"#, r#""checks": ["no_mutations"]"#)).unwrap();
    let (code, _, err) = screenjudge_with(&env, &["problems"]);
    assert_ne!(code, 0);
    assert!(err.contains("no_mutations"), "{err}");
    let limiter = std::fs::read_to_string(problem_file("rate-limiter/problem.json")).unwrap();
    std::fs::remove_dir_all(dir.path().join("running-total")).unwrap();
    std::fs::create_dir_all(dir.path().join("rate-limiter")).unwrap();
    for file in ["statement.md", "starter.py", "reference.py"] {
        std::fs::copy(problem_file(&format!("rate-limiter/{file}")), dir.path().join("rate-limiter").join(file))
            .unwrap();
    }
    let typo = limiter.replacen(r#""property": "burst""#, r#""property": "bursts""#, 1);
    std::fs::write(dir.path().join("rate-limiter/problem.json"), typo).unwrap();
    let (code, _, err) = screenjudge_with(&env, &["problems"]);
    assert_ne!(code, 0);
    assert!(err.contains("bursts"), "{err}");
}

#[test]
fn eval_json_has_the_documented_fields_and_exits_zero_on_a_failing_submission() {
    let file = problem_file("dedupe/corpus/crash_on_empty.py");
    let (code, out, err) = screenjudge(&["eval", "--problem", "dedupe", "--json", "--no-probes", &file]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).expect("one JSON object");
    assert_eq!(json["problem"], "dedupe");
    assert_eq!(json["verdict"], "runtime_error");
    let failed = &json["tests"]["failed"][0];
    for field in ["category", "input", "expected", "actual", "error"] {
        assert!(failed.get(field).is_some(), "missing {field}: {failed}");
    }
    assert!(json["tests"]["passed"].as_u64().unwrap() < json["tests"]["total"].as_u64().unwrap());
    assert!((1..=4).contains(&json["score"]["suggested"].as_u64().unwrap()));
    assert!(json["follow_ups"].as_array().is_some_and(|f| !f.is_empty()));
}

#[test]
fn the_candidate_view_never_contains_hidden_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("empty.py");
    std::fs::write(&file, "def remove_duplicates(lst):\n    return []\n").unwrap();
    let file = file.to_string_lossy().into_owned();
    let hidden = common::HIDDEN;
    let (_, interviewer, _) = screenjudge(&["eval", "--problem", "dedupe", "--json", "--no-probes", &file]);
    assert!(interviewer.contains(hidden), "the interviewer sees the failing hidden input");
    let (code, out, _) = screenjudge(&["eval", "--problem", "dedupe", "--json", "--candidate", "--no-probes", &file]);
    assert_eq!(code, 0);
    assert!(!out.contains(hidden), "a hidden input leaked: {out}");
    assert!(!out.contains("\"failed\""));
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!((json["passed"].as_u64(), json["total"].as_u64()), (Some(1), Some(14)));
}

#[test]
fn usage_errors_exit_non_zero_with_a_clear_message() {
    let (code, _, err) = screenjudge(&["eval", "--problem", "no-such-problem", "x.py"]);
    assert_ne!(code, 0);
    assert!(err.contains("unknown problem 'no-such-problem'"), "{err}");
    let (code, _, err) = screenjudge(&["eval", "--problem", "dedupe", "/nonexistent/file.py"]);
    assert_ne!(code, 0);
    assert!(err.contains("/nonexistent/file.py"), "{err}");
}

#[test]
fn sandbox_limits_come_from_the_environment() {
    let file = problem_file("dedupe/reference.py");
    let args = ["eval", "--problem", "dedupe", "--json", "--no-probes", &file];
    let (code, out, _) = screenjudge_with(&[("SCREENJUDGE_FUEL_PER_STEP", "1_000_000")], &args);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["verdict"], "timeout", "one million fuel is too little for the large tests");
    let (code, _, err) = screenjudge_with(&[("SCREENJUDGE_MEMORY_MIB", "lots")], &args);
    assert_ne!(code, 0);
    assert!(err.contains("SCREENJUDGE_MEMORY_MIB=lots: not a whole number"), "{err}");
}

#[test]
fn a_large_failing_input_is_shrunk_to_a_small_counterexample() {
    let file = problem_file("longest-substring/corpus/set_clear_on_repeat.py");
    let (code, out, err) = screenjudge(&["eval", "--problem", "longest-substring", "--json", "--no-probes", &file]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let large =
        json["tests"]["failed"].as_array().unwrap().iter().find(|f| f["category"] == "large").expect("a large failure");
    let shrunk = large["shrunk_input"].as_str().expect("shrunk");
    assert!(shrunk.chars().count() <= 12, "not small: {shrunk}");
    assert!(large["input"].as_str().unwrap().chars().count() > 100);
}

/// Pages wrote "×" where the text report and exports wrote "x": one form everywhere.
#[test]
fn the_text_report_writes_ratios_as_the_pages_do() {
    let file = problem_file("dedupe/corpus/quadratic_not_in.py");
    let (code, out, err) = screenjudge(&["eval", "--problem", "dedupe", &file]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("× the reference"), "{out}");
    assert_eq!(common::letter_x_ratio(&out), None, "{out}");
    let limiter = problem_file("rate-limiter/corpus/fixed_window_aligned.py");
    let (code, out, err) = screenjudge(&["eval", "--problem", "rate-limiter", &limiter]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("admits 2× the limit") && out.contains("max in any window: 2× the limit"), "{out}");
    assert_eq!(common::letter_x_ratio(&out), None, "{out}");
}
