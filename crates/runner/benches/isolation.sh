#!/usr/bin/env bash
# Compares the sandbox's cost per run and per call between this checkout and another, side by side:
# builds the runner's `isolation` example in both (copying it into the other checkout if it lacks it),
# then runs the two in turn ROUNDS times and prints the median of each figure as a table.
#
#   crates/runner/benches/isolation.sh OTHER_CHECKOUT [ROUNDS]
#
# Cargo gives both checkouts' `runner` the same unit hash when they share a target folder, so the other
# checkout's guest can be given prebuilt (`OTHER_GUEST_WASM`, from its componentize-py) to keep each
# build script's guest its own.
set -euo pipefail
here=$(cd "$(dirname "$0")/../../.." && pwd)
other=$(cd "${1:?usage: isolation.sh OTHER_CHECKOUT [ROUNDS]}" && pwd)
rounds=${2:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$other/crates/runner/examples"
[ -f "$other/crates/runner/examples/isolation.rs" ] || cp "$here/crates/runner/examples/isolation.rs" "$other/crates/runner/examples/"
for side in other here; do
    dir=${!side}
    if [ "$side" = other ] && [ -n "${OTHER_GUEST_WASM:-}" ]; then
        (cd "$dir" && SCREENJUDGE_GUEST_WASM=$OTHER_GUEST_WASM cargo build -q -p runner --example isolation)
    else
        (cd "$dir" && env -u SCREENJUDGE_GUEST_WASM cargo build -q -p runner --example isolation)
    fi
    cp "${CARGO_TARGET_DIR:-$dir/target}/debug/examples/isolation" "$work/$side"
done
for _ in $(seq "$rounds"); do
    for side in other here; do
        echo "$side $("$work/$side")" >> "$work/results"
    done
done
python3 - "$work/results" "$other" "$here" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    side, *pairs = line.split()
    for pair in pairs:
        key, value = pair.split("=")
        rows.setdefault(key, {}).setdefault(side, []).append(float(value))
print(f"| median of {len(rows['run_us']['here'])} runs each | {sys.argv[2]} | {sys.argv[3]} |")
print("| --- | ---: | ---: |")
def median(sides, side):
    # A figure one checkout's example does not print is shown as missing.
    return f"{statistics.median(sides[side]):,.1f}" if side in sides else "-"
for key, sides in rows.items():
    print(f"| {key} | {median(sides, 'other')} | {median(sides, 'here')} |")
PY
