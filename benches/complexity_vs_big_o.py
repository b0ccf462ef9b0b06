"""Complexity labels from exact fuel (screenjudge) beside wall-clock fitting (big_O), on the same corpus.

Each method runs several times over every corpus solution that carries a `time=` label. Accuracy is the
share of solutions whose class matches the label in a run (averaged over runs); stability is the share of
solutions that got the same class in every run. Prints a Markdown table.
"""

import importlib.util
import json
import multiprocessing
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

import big_o

ROOT = Path(__file__).resolve().parent.parent
RUNS = 3
BIG_O_NAMES = {
    "Constant": "O(1)", "Logarithmic": "O(log n)", "Linear": "O(n)", "Linearithmic": "O(n log n)",
    "Quadratic": "O(n^2)", "Cubic": "O(n^3)", "Polynomial": "O(n^k)", "Exponential": "O(2^n)",
}
ORDER = ["O(1)", "O(log n)", "O(n)", "O(n log n)", "O(n^2)", "O(n^k)", "O(n^3)", "O(2^n)"]


def labelled():
    """(problem, path, expected class) for every corpus file with a time label."""
    out = []
    for problem in ("dedupe", "longest-substring"):
        for path in sorted((ROOT / "problems" / problem / "corpus").glob("*.py")):
            first = path.read_text().splitlines()[0]
            fields = dict(kv.split("=", 1) for kv in first.removeprefix("# expect:").split() if "=" in kv)
            if "time" in fields:
                out.append((problem, path, fields["time"].replace("_", " ")))
    return out


def families(problem):
    """Input builders by size, like the probe families (worst case kept)."""
    if problem == "dedupe":
        return [lambda n: random.sample(range(n), n), lambda n: [7] * n,
                lambda n: [random.randint(0, max(1, n // 2)) for _ in range(n)]]
    return [lambda n: "".join(random.sample([chr(0x4E00 + i) for i in range(n)], n)), lambda n: "a" * n,
            lambda n: "".join(random.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(n))]


def entry(problem, path):
    spec = importlib.util.spec_from_file_location("candidate", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    name = "remove_duplicates" if problem == "dedupe" else "length_of_longest_substring"
    if not hasattr(module, name) and hasattr(module, "Solution"):
        # The LeetCode shape, called as screenjudge calls it.
        method = "".join(part if i == 0 else part.title() for i, part in enumerate(name.split("_")))
        return getattr(module.Solution(), method)
    return getattr(module, name)


def largest_n(fn, build, limit_seconds=0.05, cap=100_000):
    """Grows n by 1.25x from 8 until one call takes longer than the limit (big_O needs a range that finishes)."""
    n = 8
    while n < cap:
        bigger = int(n * 1.25) + 1
        data = build(bigger)
        start = time.perf_counter()
        try:
            fn(data)
        except RecursionError:
            break
        if time.perf_counter() - start > limit_seconds:
            break
        n = bigger
    return n


def measure_family(problem, path, index, out):
    """One family in a child process: the largest n that finishes quickly, then big_O's fit."""
    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))
    sys.setrecursionlimit(10_000)
    random.seed(index)
    fn, build = entry(problem, path), families(problem)[index]
    max_n = largest_n(fn, build)
    try:
        best, _ = big_o.big_o(fn, build, min_n=max(2, max_n // 10), max_n=max_n, n_measures=10, n_repeats=1, n_timings=3)
        out.put(BIG_O_NAMES.get(type(best).__name__, type(best).__name__))
    except (RecursionError, MemoryError):
        out.put(None)


def big_o_class(problem, path):
    found = []
    for index in range(len(families(problem))):
        out = multiprocessing.Queue()
        child = multiprocessing.Process(target=measure_family, args=(problem, path, index, out))
        child.start()
        child.join(timeout=60)
        if child.is_alive():
            child.kill()
            child.join()
            continue
        label = out.get() if not out.empty() else None
        if label:
            found.append(label)
    return max(found, key=ORDER.index) if found else "no fit"


def screenjudge_class(binary, problem, path):
    out = subprocess.run([binary, "eval", "--json", "--problem", problem, str(path)], capture_output=True, text=True, check=True)
    complexity = json.loads(out.stdout).get("complexity") or {}
    return complexity.get("time", "none")


def main():
    binary = sys.argv[1]
    files = labelled()
    results = {"screenjudge (fuel)": [], "big_O (wall clock)": []}
    seconds = {name: 0.0 for name in results}
    for _ in range(RUNS):
        for name, method in (("screenjudge (fuel)", lambda p, f: screenjudge_class(binary, p, f)), ("big_O (wall clock)", big_o_class)):
            start = time.perf_counter()
            results[name].append([method(problem, path) for problem, path, _ in files])
            seconds[name] += time.perf_counter() - start
    print(f"{len(files)} labelled solutions, {RUNS} runs per method\n")
    print("| method | accuracy | stable across runs | seconds per run |")
    print("| --- | --- | --- | --- |")
    for name, runs in results.items():
        hits = sum(got == want for run in runs for got, (_, _, want) in zip(run, files))
        stable = sum(len({run[i] for run in runs}) == 1 for i in range(len(files)))
        print(f"| {name} | {hits / (RUNS * len(files)):.0%} | {stable}/{len(files)} | {seconds[name] / RUNS:.1f} |")
    print("\n| solution | label | screenjudge | big_O runs |")
    print("| --- | --- | --- | --- |")
    for i, (problem, path, want) in enumerate(files):
        ours = ", ".join(sorted({run[i] for run in results['screenjudge (fuel)']}))
        theirs = " / ".join(run[i] for run in results["big_O (wall clock)"])
        print(f"| {problem}/{path.name} | {want} | {ours} | {theirs} |")


if __name__ == "__main__":
    main()
