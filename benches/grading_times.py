"""Wall time of `screenjudge eval` on every labelled corpus file and on a few pathological submissions,
for one or more binaries side by side (e.g. an older build and this one, each in a folder named for
it), each file graded by each binary in turn so that load on the machine hits both alike. Prints a
table, slowest first, and the median and slowest per binary.

Before timing, each binary grades one file of each problem once: that first grading runs the trusted
reference and keeps its results on disk, as a service does at its first grading of a problem. Its time
is printed too ("first grading").

usage: python3 benches/grading_times.py BINARY [BINARY ...]
"""

import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent

# Submissions that fail every test the same way: each once took tens of seconds to grade.
PATHOLOGICAL = {
    "returns 50 million items": "def remove_duplicates(lst):\n    return [0] * 50_000_000\n",
    "prints forever": "def remove_duplicates(lst):\n    while True:\n        print('x' * 1000)\n",
    "loops forever": "def remove_duplicates(lst):\n    while True:\n        pass\n",
    "nests a list a million deep": "def remove_duplicates(lst):\n    x = []\n    for _ in range(1_000_000):\n        x = [x]\n    return x\n",
}


def cases(tmp):
    for path in sorted(ROOT.glob("problems/*/corpus/*.py")):
        yield path.parent.parent.name, f"{path.parent.parent.name}/{path.name}", path
    for name, source in PATHOLOGICAL.items():
        path = pathlib.Path(tmp) / (name.replace(" ", "_") + ".py")
        path.write_text(source)
        yield "dedupe", f"pathological: {name}", path


def seconds(binary, problem, path):
    begun = time.perf_counter()
    subprocess.run([binary, "eval", "--problem", problem, "--json", str(path)], capture_output=True, check=False)
    return time.perf_counter() - begun


def optimal(path):
    """Whether a corpus file is labelled with the top score (its first line states the expected result)."""
    return path.suffix == ".py" and "score=4" in path.read_text().splitlines()[0]


def start_up():
    """Median wall time of starting this python3 and exiting, over a few runs."""
    runs = []
    for _ in range(9):
        begun = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        runs.append(time.perf_counter() - begun)
    return statistics.median(runs)


def first_gradings(binaries):
    """Grades one corpus file of each problem with each binary; the slowest such time per binary."""
    slowest = {b: 0.0 for b in binaries}
    for problem in sorted({p.parent.parent.name for p in ROOT.glob("problems/*/corpus/*.py")}):
        path = sorted(ROOT.glob(f"problems/{problem}/corpus/*.py"))[0]
        for b in binaries:
            slowest[b] = max(slowest[b], seconds(b, problem, path))
    return slowest


def main(binaries):
    rows = []
    best = []
    first = first_gradings(binaries)
    with tempfile.TemporaryDirectory() as tmp:
        for problem, label, path in cases(tmp):
            rows.append((label, [seconds(b, problem, path) for b in binaries]))
            if optimal(path):
                best.append(rows[-1][1])
    python = start_up()
    rows.sort(key=lambda r: -max(r[1]))
    names = [pathlib.Path(b).parent.name for b in binaries]
    print(f"| file | {' | '.join(names)} |")
    print(f"|---|{'---|' * len(binaries)}")
    for label, times in rows:
        print(f"| {label} | {' | '.join(f'{t:.2f} s' for t in times)} |")
    for i, name in enumerate(names):
        times = [r[1][i] for r in rows]
        print(f"{name}: median {statistics.median(times):.2f} s, slowest {max(times):.2f} s over {len(times)} files")
        print(f"{name}: slowest first grading of a problem {first[binaries[i]]:.2f} s")
        if best:
            top = statistics.median(t[i] for t in best)
            print(f"{name}: the {len(best)} top-scored solutions, median {top:.2f} s = {top / python:.1f} python3 start-ups")
    print(f"python3 start-up ({sys.executable}): median {python * 1000:.0f} ms")


if __name__ == "__main__":
    main(sys.argv[1:])
