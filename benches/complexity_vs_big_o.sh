#!/usr/bin/env bash
# Runs benches/complexity_vs_big_o.py with pinned packages in a private virtual environment.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/bench-venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check big-O==0.11.0 numpy==2.2.6
fi
cargo build --release -p screenjudge
"$venv/bin/python" benches/complexity_vs_big_o.py "${CARGO_TARGET_DIR:-target}/release/screenjudge"
