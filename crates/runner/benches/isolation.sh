#!/usr/bin/env bash
# Compares the sandbox's cost per run and per call between this checkout and another, side by side:
# builds the runner's `isolation` example in both (copying it into the other checkout if it lacks it),
# then runs the two in turn ROUNDS times and prints the median of each figure as a table.
#
#   crates/runner/benches/isolation.sh OTHER_CHECKOUT [ROUNDS]
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
    (cd "$dir" && cargo build -q -p runner --example isolation)
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
for key, sides in rows.items():
    print(f"| {key} | {statistics.median(sides['other']):,.1f} | {statistics.median(sides['here']):,.1f} |")
PY
