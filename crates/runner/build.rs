//! Builds the guest component from `sandbox/` with a pinned componentize-py.
//!
//! The component is keyed by a hash of its inputs, so unchanged sources are never rebuilt and a changed
//! harness never reuses a stale component. `SCREENJUDGE_GUEST_WASM` points at a prebuilt component instead
//! (offline builds); then nothing is installed.

use std::env;
use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::Command;

const COMPONENTIZE_PY: &str = "componentize-py==0.25.1";

fn main() {
    println!("cargo:rerun-if-env-changed=SCREENJUDGE_GUEST_WASM");
    if let Ok(prebuilt) = env::var("SCREENJUDGE_GUEST_WASM") {
        let path = PathBuf::from(&prebuilt);
        assert!(path.is_file(), "SCREENJUDGE_GUEST_WASM={prebuilt} is not a file");
        println!("cargo:rustc-env=SCREENJUDGE_GUEST_BUILT={}", path.display());
        return;
    }
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap()).join("../..");
    let sandbox = root.join("sandbox");
    let inputs = [sandbox.join("wit/runner.wit"), sandbox.join("guest/app.py"), sandbox.join("guest/preimport.py")];
    for input in &inputs {
        println!("cargo:rerun-if-changed={}", input.display());
    }

    let build = sandbox.join("build");
    fs::create_dir_all(&build).expect("create sandbox/build");
    let wasm = build.join(format!("runner-{:016x}.wasm", inputs_hash(&inputs)));
    if !wasm.is_file() {
        let tool = componentize_py(&build);
        let partial = build.join(format!("runner-{}.partial", std::process::id()));
        run(Command::new(&tool)
            .arg("-d")
            .arg(sandbox.join("wit"))
            .args(["-w", "runner", "componentize", "app", "-p"])
            .arg(sandbox.join("guest"))
            .arg("-o")
            .arg(&partial));
        fs::rename(&partial, &wasm).expect("move the built component into place");
    }
    println!("cargo:rustc-env=SCREENJUDGE_GUEST_BUILT={}", wasm.canonicalize().unwrap().display());
}

/// A hash of the guest's sources and of the tool that builds them.
fn inputs_hash(inputs: &[PathBuf]) -> u64 {
    let mut hasher = DefaultHasher::new();
    COMPONENTIZE_PY.hash(&mut hasher);
    for input in inputs {
        fs::read(input).expect("read a guest source").hash(&mut hasher);
    }
    hasher.finish()
}

/// The componentize-py executable, installed into a private virtual environment on first use.
fn componentize_py(build: &Path) -> PathBuf {
    let venv = build.join("venv");
    let tool = venv.join("bin/componentize-py");
    let stamp = venv.join(COMPONENTIZE_PY);
    if tool.is_file() && stamp.is_file() {
        return tool;
    }
    let python = env::var("PYTHON").unwrap_or_else(|_| "python3".into());
    run(Command::new(&python).args(["-m", "venv", "--clear"]).arg(&venv));
    run(Command::new(venv.join("bin/pip")).args([
        "install",
        "--quiet",
        "--disable-pip-version-check",
        COMPONENTIZE_PY,
    ]));
    fs::write(&stamp, "").expect("mark the guest tools as installed");
    tool
}

fn run(command: &mut Command) {
    let output = command.output().unwrap_or_else(|e| panic!("could not start {command:?}: {e}"));
    if !output.status.success() {
        panic!(
            "{command:?} failed ({}):\n{}\n{}\nTo build without network, set SCREENJUDGE_GUEST_WASM to a prebuilt component.",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}
