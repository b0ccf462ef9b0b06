//! A problem whose data does not fit the model fails when it loads, with the reason as a value that
//! names the case.

use catalog::{CatalogError, Invalid, Problem};
use serde_json::Value as Json;
use std::path::{Path, PathBuf};

/// A copy of the dedupe problem with `edit` applied to its `problem.json`, in a folder of its own.
fn doctored(name: &str, edit: impl FnOnce(&mut Json)) -> PathBuf {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../problems/dedupe");
    let dir = std::env::temp_dir().join(format!("catalog-invalid-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for file in ["statement.md", "starter.py", "reference.py"] {
        std::fs::copy(from.join(file), dir.join(file)).unwrap();
    }
    let mut problem: Json = serde_json::from_str(&std::fs::read_to_string(from.join("problem.json")).unwrap()).unwrap();
    edit(&mut problem);
    std::fs::write(dir.join("problem.json"), problem.to_string()).unwrap();
    dir
}

fn reason(dir: &Path) -> Invalid {
    let result = Problem::load(dir);
    std::fs::remove_dir_all(dir).unwrap();
    match result {
        Err(CatalogError::Invalid { reason, .. }) => reason,
        Err(other) => panic!("not invalid data: {other}"),
        Ok(_) => panic!("the doctored problem loaded"),
    }
}

#[test]
fn the_unchanged_copy_loads() {
    let dir = doctored("unchanged", |_| {});
    assert!(Problem::load(&dir).is_ok());
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_kind_without_its_entry_is_refused() {
    let dir = doctored("kind", |p| p["kind"] = "rate_limiter".into());
    assert!(matches!(reason(&dir), Invalid::Entry("rate_limiter")));
}

#[test]
fn a_hidden_test_without_a_category_is_refused_by_name() {
    let mut name = String::new();
    let dir = doctored("category", |p| {
        let test = &mut p["tests"][0];
        name = test["name"].as_str().unwrap().to_string();
        test.as_object_mut().unwrap().remove("category");
    });
    assert!(matches!(reason(&dir), Invalid::NoCategory(case) if case == name));
}
