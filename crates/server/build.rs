//! Bundles the pages in `web/` with the pinned npm packages into the build output, where the server
//! embeds them. `SCREENJUDGE_WEB_DIST` points at an already built folder instead (offline builds).

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

const BUNDLES: [&str; 5] = ["candidate.js", "interviewer.js", "common.css", "candidate.css", "interviewer.css"];

fn main() {
    println!("cargo:rerun-if-env-changed=SCREENJUDGE_WEB_DIST");
    let out = PathBuf::from(env::var("OUT_DIR").unwrap()).join("web");
    if let Ok(dist) = env::var("SCREENJUDGE_WEB_DIST") {
        std::fs::create_dir_all(&out).unwrap();
        for file in BUNDLES {
            std::fs::copy(Path::new(&dist).join(file), out.join(file)).unwrap_or_else(|e| panic!("{dist}/{file}: {e}"));
        }
        return;
    }
    let web = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap()).join("web");
    for input in ["src", "package.json", "package-lock.json", "build.mjs"] {
        println!("cargo:rerun-if-changed={}", web.join(input).display());
    }
    let installed = web.join("node_modules/.package-lock.json");
    let lock = std::fs::read(web.join("package-lock.json")).expect("web/package-lock.json");
    if std::fs::read(&installed).map(|i| !same_packages(&i, &lock)).unwrap_or(true) {
        run(Command::new("npm").args(["ci", "--no-audit", "--no-fund", "--loglevel=error"]).current_dir(&web));
    }
    run(Command::new("node").arg("build.mjs").env("OUT", &out).current_dir(&web));
    for file in BUNDLES {
        assert!(out.join(file).is_file(), "the web build did not produce {file}");
    }
}

/// npm's record of what is installed names the same package versions as the lockfile.
fn same_packages(installed: &[u8], lock: &[u8]) -> bool {
    let versions = |text: &[u8]| -> Vec<String> {
        String::from_utf8_lossy(text).lines().filter(|l| l.trim_start().starts_with("\"version\"")).map(|l| l.trim().to_string()).collect()
    };
    let (mut a, mut b) = (versions(installed), versions(lock));
    a.sort();
    b.sort();
    b.retain(|v| a.contains(v));
    a.len() <= b.len() + 1
}

fn run(command: &mut Command) {
    let output = command.output().unwrap_or_else(|e| panic!("could not start {command:?} (are node and npm installed?): {e}"));
    if !output.status.success() {
        panic!(
            "{command:?} failed:\n{}\n{}\nSet SCREENJUDGE_WEB_DIST to a built folder to build without npm.",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}
