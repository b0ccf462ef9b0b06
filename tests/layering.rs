//! The layering holds, read from the sources: no file of a crate imports (through `crate::` or `super::`
//! paths) a file that imports it back, only `runner` depends on wasmtime, and the catalogue and the
//! values it is written in do not depend on the runner.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn crates_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().map(Result::unwrap) {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// A file's module path in its crate: `complexity/mod.rs` is `complexity`, `lib.rs` is the root.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib" | "main")) {
        parts.pop();
    }
    parts
}

/// The module paths a file names through `crate::` and `super::`, outside its tests and comments.
fn named_paths(text: &str, module: &[String]) -> Vec<Vec<String>> {
    let code: String = text
        .split("#[cfg(test)]")
        .next()
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = Vec::new();
    for (at, _) in code.match_indices("crate::").chain(code.match_indices("super::")) {
        let before = code[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let mut base: Vec<String> = Vec::new();
        let mut rest = &code[at..];
        if let Some(after) = rest.strip_prefix("crate::") {
            rest = after;
        } else {
            base = module[..module.len().saturating_sub(1)].to_vec();
            rest = &rest["super::".len()..];
            while let Some(after) = rest.strip_prefix("super::") {
                base.pop();
                rest = after;
            }
        }
        let mut path = base;
        loop {
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            if name.is_empty() {
                if let Some(group) = rest.strip_prefix('{') {
                    for item in group.split('}').next().unwrap_or_default().split(',') {
                        let first: String =
                            item.trim().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                        out.push([path.clone(), vec![first]].concat());
                    }
                }
                break;
            }
            rest = &rest[name.len()..];
            path.push(name);
            match rest.strip_prefix("::") {
                Some(after) => rest = after,
                None => break,
            }
        }
        out.push(path);
    }
    out
}

/// Each crate's circles: groups of files that reach each other through their imports.
fn circles() -> BTreeMap<String, Vec<BTreeSet<String>>> {
    let mut found = BTreeMap::new();
    for entry in std::fs::read_dir(crates_dir()).unwrap().map(Result::unwrap) {
        let src = entry.path().join("src");
        if !src.is_dir() {
            continue;
        }
        let mut files = Vec::new();
        rust_files(&src, &mut files);
        let modules: BTreeMap<Vec<String>, PathBuf> = files.iter().map(|f| (module_of(&src, f), f.clone())).collect();
        let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
        for (module, file) in &modules {
            let text = std::fs::read_to_string(file).unwrap();
            for path in named_paths(&text, module) {
                let target = (0..=path.len()).rev().map(|n| path[..n].to_vec()).find(|p| modules.contains_key(p));
                if let Some(target) = target.filter(|t| !t.is_empty() && t != module) {
                    edges.entry(module.clone()).or_default().insert(target);
                }
            }
        }
        let reaches = |from: &Vec<String>, to: &Vec<String>| {
            let mut seen = BTreeSet::new();
            let mut stack = vec![from.clone()];
            while let Some(next) = stack.pop() {
                for target in edges.get(&next).into_iter().flatten() {
                    if target == to {
                        return true;
                    }
                    if seen.insert(target.clone()) {
                        stack.push(target.clone());
                    }
                }
            }
            false
        };
        let mut groups: Vec<BTreeSet<String>> = Vec::new();
        for module in modules.keys().filter(|m| reaches(m, m)) {
            let group: BTreeSet<String> =
                modules.keys().filter(|o| reaches(module, o) && reaches(o, module)).map(|o| o.join("/")).collect();
            if !groups.contains(&group) {
                groups.push(group);
            }
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        if !groups.is_empty() {
            found.insert(name, groups);
        }
    }
    found
}

#[test]
fn no_file_imports_a_file_that_imports_it_back() {
    let mut found = circles();
    found.retain(|_, groups| !groups.is_empty());
    assert!(found.is_empty(), "import circles: {found:?}");
}

#[test]
fn the_scan_reads_crate_and_super_paths_outside_comments() {
    let module = |m: &str| m.split('/').map(String::from).collect::<Vec<_>>();
    let paths = named_paths("use crate::host::Host;\nuse super::{fit, probe::Curve};\n", &module("complexity/search"));
    assert!(paths.contains(&module("host/Host")));
    assert!(paths.contains(&module("complexity/fit")));
    assert!(paths.contains(&module("complexity/probe")));
    assert!(named_paths("// use crate::host;\n", &module("clock")).is_empty());
}

/// The names in a crate's `[dependencies]`.
fn dependencies(krate: &str) -> Vec<String> {
    let manifest = std::fs::read_to_string(crates_dir().join(krate).join("Cargo.toml")).unwrap();
    let section = manifest.split("[dependencies]").nth(1).unwrap_or_default();
    let section = section.split("\n[").next().unwrap_or_default();
    section
        .lines()
        .filter_map(|l| l.split(['.', '=', ' ']).next())
        .filter(|n| !n.is_empty())
        .map(String::from)
        .collect()
}

#[test]
fn only_the_runner_depends_on_wasmtime_and_the_catalogue_not_on_the_runner() {
    for entry in std::fs::read_dir(crates_dir()).unwrap().map(Result::unwrap) {
        let krate = entry.file_name().to_string_lossy().into_owned();
        let deps = dependencies(&krate);
        let wasmtime = deps.iter().any(|d| d.starts_with("wasmtime"));
        assert_eq!(wasmtime, krate == "runner", "{krate}: {deps:?}");
    }
    for krate in ["catalog", "value"] {
        assert!(!dependencies(krate).contains(&"runner".to_string()), "{krate}");
    }
    assert!(dependencies("catalog").contains(&"value".to_string()));
}

#[test]
fn no_library_gives_a_string_as_its_error() {
    let mut found = BTreeSet::new();
    for entry in std::fs::read_dir(crates_dir()).unwrap().map(Result::unwrap) {
        let krate = entry.file_name().to_string_lossy().into_owned();
        let src = entry.path().join("src");
        if krate == "screenjudge" || !src.is_dir() {
            continue;
        }
        let mut files = Vec::new();
        rust_files(&src, &mut files);
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            if text.lines().any(|l| l.contains("Result<") && (l.contains(", String>") || l.contains(",String>"))) {
                found.insert(format!("{krate}/{}", file.strip_prefix(entry.path()).unwrap().display()));
            }
        }
    }
    assert!(found.is_empty(), "string errors in libraries: {found:?}");
}

#[test]
fn the_server_reads_no_report_by_json_key() {
    let src = crates_dir().join("server/src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let indexed: Vec<String> = files
        .iter()
        .filter(|f| {
            let text = std::fs::read_to_string(f).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap_or_default().to_string();
            ["report[\"", "view[\"", "report.get(\""].iter().any(|k| code.contains(k))
        })
        .map(|f| f.display().to_string())
        .collect();
    assert!(indexed.is_empty(), "reports indexed as JSON (read them through server::reports): {indexed:?}");
}
