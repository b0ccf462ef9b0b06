//! The command line, driven as a user drives it.

use std::process::Command;

fn screenjudge(args: &[&str]) -> (i32, String, String) {
    screenjudge_with(&[], args)
}

fn screenjudge_with(env: &[(&str, &str)], args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_screenjudge")).envs(env.iter().copied()).args(args).output().expect("runs");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

fn problem_file(rel: &str) -> String {
    format!("{}/../../problems/{rel}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn problems_lists_the_catalogue() {
    let (code, out, _) = screenjudge(&["problems"]);
    assert_eq!(code, 0);
    for id in ["dedupe", "longest-substring", "rate-limiter"] {
        assert!(out.contains(id), "{out}");
    }
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
    let hidden = "717897987691852588770249";
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
    let large = json["tests"]["failed"].as_array().unwrap().iter().find(|f| f["category"] == "large").expect("a large failure");
    let shrunk = large["shrunk_input"].as_str().expect("shrunk");
    assert!(shrunk.chars().count() <= 12, "not small: {shrunk}");
    assert!(large["input"].as_str().unwrap().chars().count() > 100);
}
