//! The report reads back as the type it was written from: stored reports (the files in `data/`, written
//! by `screenjudge eval --json`) parse into `Report`, and written out again say everything they said,
//! "unknown" classes, findings and the rate limiter's signals included.

use grader::{Measured, Report};
use serde_json::Value as Json;

/// Every field of `stored` is in `written` with the same value (a report may have gained fields since).
fn said_again(stored: &Json, written: &Json, path: &str) {
    match (stored, written) {
        (Json::Object(old), Json::Object(new)) => {
            for (key, value) in old {
                let at = format!("{path}.{key}");
                let again = new.get(key).unwrap_or_else(|| panic!("{at} is not written back"));
                said_again(value, again, &at);
            }
        }
        (Json::Array(old), Json::Array(new)) => {
            assert_eq!(old.len(), new.len(), "{path}");
            for (i, (a, b)) in old.iter().zip(new).enumerate() {
                said_again(a, b, &format!("{path}[{i}]"));
            }
        }
        _ => assert_eq!(stored, written, "{path}"),
    }
}

fn read(name: &str) -> (Json, Report) {
    let path = format!("{}/tests/data/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let report: Report = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    (serde_json::from_str(&text).unwrap(), report)
}

#[test]
fn stored_reports_read_back_and_say_the_same() {
    for name in [
        "accepted_quadratic_space_unknown",
        "runtime_error_on_empty",
        "rate_limiter_fixed_window",
        "entry_adapted_unmeasured",
    ] {
        let (stored, report) = read(name);
        said_again(&stored, &serde_json::to_value(&report).unwrap(), name);
    }
}

#[test]
fn an_unknown_class_is_a_value_of_its_own() {
    let (_, report) = read("accepted_quadratic_space_unknown");
    let complexity = report.complexity.expect("measured");
    assert_eq!(complexity.space, Measured::Unknown);
    assert_eq!(complexity.time, Measured::Class(grader::GrowthClass::Quadratic));
}

#[test]
fn a_report_without_the_lists_added_since_still_reads() {
    let (mut stored, _) = read("runtime_error_on_empty");
    for key in ["findings", "follow_ups"] {
        stored.as_object_mut().unwrap().remove(key);
    }
    stored["tests"].as_object_mut().unwrap().remove("causes");
    let report: Report = serde_json::from_value(stored).unwrap();
    assert!(report.findings.is_empty() && report.tests.causes.is_empty());
}
