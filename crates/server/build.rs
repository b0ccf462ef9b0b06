//! Bundles the pages in `web/` with the pinned npm packages into the build output, where the server
//! embeds them. `SCREENJUDGE_WEB_DIST` points at an already built folder instead (offline builds).

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

const BUNDLES: [&str; 9] = [
    "candidate.js",
    "interviewer.js",
    "start.js",
    "insights.js",
    "common.css",
    "candidate.css",
    "interviewer.css",
    "start.css",
    "insights.css",
];

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
    // `npm ci` runs again whenever the lockfile differs from the one the installed packages came from.
    let stamp = web.join("node_modules/.installed-from-package-lock.json");
    let lock = std::fs::read(web.join("package-lock.json")).expect("web/package-lock.json");
    if std::fs::read(&stamp).ok().as_deref() != Some(lock.as_slice()) {
        run(Command::new("npm").args(["ci", "--no-audit", "--no-fund", "--loglevel=error"]).current_dir(&web));
        std::fs::write(&stamp, &lock).expect("record the installed lockfile");
    }
    run(Command::new("node").arg("build.mjs").env("OUT", &out).current_dir(&web));
    for file in BUNDLES {
        assert!(out.join(file).is_file(), "the web build did not produce {file}");
    }
}

fn run(command: &mut Command) {
    let output =
        command.output().unwrap_or_else(|e| panic!("could not start {command:?} (are node and npm installed?): {e}"));
    if !output.status.success() {
        panic!(
            "{command:?} failed:\n{}\n{}\nSet SCREENJUDGE_WEB_DIST to a built folder to build without npm.",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}
