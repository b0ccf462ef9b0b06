"""Load from a second process: simulated candidates typing, running examples and submitting against a
running screenjudge service on loopback. Prints throughput over the load phase, latency percentiles,
how saturated the evaluation queue was (sampled from /metrics), and lost submissions.

usage: load.py BASE_URL OPERATOR_TOKEN [CANDIDATES] [SECONDS]
"""

import json
import random
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def call(base, method, path, body=None, token=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method)
    request.add_header("content-type", "application/json")
    if token:
        request.add_header("authorization", f"Bearer {token}")
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            payload = json.loads(response.read() or b"null")
            status = response.status
    except urllib.error.HTTPError as error:
        payload, status = None, error.code
    return status, payload, time.perf_counter() - started


def solutions():
    """Corpus solutions per problem, so the load mixes fast, slow and failing submissions."""
    out = {}
    for problem in ("dedupe", "longest-substring", "rate-limiter"):
        files = sorted((ROOT / "problems" / problem / "corpus").glob("*.py"))
        out[problem] = [f.read_text() for f in files if "infinite" not in f.name]
    return out


class Stats:
    """Shared by every candidate thread: all updates go through the lock."""

    def __init__(self):
        self.lock = threading.Lock()
        self.runs, self.drafts, self.accepted, self.queue = [], [], [], []
        self.throttled, self.errors = {}, {}

    def add(self, name, value):
        with self.lock:
            getattr(self, name).append(value)

    def throttle(self, what):
        with self.lock:
            self.throttled[what] = self.throttled.get(what, 0) + 1

    def error(self, what, status):
        with self.lock:
            key = f"{what} {status}"
            self.errors[key] = self.errors.get(key, 0) + 1

    def outcome(self, what, status, expected, seconds, into):
        if status == expected:
            self.add(into, seconds)
        elif status == 429:
            self.throttle(what)
        else:
            self.error(what, status)


def candidate(base, token, problem, pool, deadline, stats):
    rng = random.Random(token)
    while time.time() < deadline:
        source = rng.choice(pool)
        status, _, seconds = call(base, "PUT", f"/api/c/{token}/draft", {"source": source})
        stats.outcome("draft", status, 200, seconds, "drafts")
        if rng.random() < 0.5:
            status, _, seconds = call(base, "POST", f"/api/c/{token}/run", {"source": source})
            stats.outcome("run", status, 200, seconds, "runs")
        if rng.random() < 0.15:
            status, body, _ = call(base, "POST", f"/api/c/{token}/submissions", {"source": source})
            if status == 202:
                stats.add("accepted", (token, body["id"], time.time()))
            else:
                stats.outcome("submit", status, 202, 0, "accepted")
        time.sleep(rng.uniform(1.0, 3.0))


def sample_queue(base, deadline, stats):
    """Once a second: how many submissions wait for a worker (more than zero means every worker is busy),
    from /health, which reads the shared queue in the database."""
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(base + "/health", timeout=10) as response:
                queue = json.loads(response.read())["queue"]
                if queue:
                    stats.add("queue", float(queue["waiting"]))
        except (OSError, ValueError, KeyError):
            pass
        time.sleep(1.0)


def percentile(values, p):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(p / 100 * len(values)))]


def main():
    base, operator = sys.argv[1], sys.argv[2]
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 50
    seconds = float(sys.argv[4]) if len(sys.argv) > 4 else 120
    pool = solutions()
    problems = list(pool)
    tokens = []
    for i in range(count):
        problem = problems[i % len(problems)]
        status, body, _ = call(base, "POST", "/api/sessions", {"candidate_name": f"load-{i}", "level": "mid", "problem": problem}, operator)
        assert status == 201, (status, body)
        tokens.append((body["candidate_token"], problem))
    stats = Stats()
    deadline = time.time() + seconds
    threads = [threading.Thread(target=candidate, args=(base, t, p, pool[p], deadline, stats)) for t, p in tokens]
    threads.append(threading.Thread(target=sample_queue, args=(base, deadline, stats)))
    started = time.time()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    load_phase = time.time() - started
    # Wait for every accepted submission to finish, then compute submit-to-result from finished_at.
    pending = {(tok, sid): at for tok, sid, at in stats.accepted}
    finished, failed = {}, 0
    give_up = time.time() + 600
    while pending and time.time() < give_up:
        for token in {tok for tok, _ in pending}:
            _, body, _ = call(base, "GET", f"/api/c/{token}/submissions")
            for sub in body["submissions"]:
                key = (token, sub["id"])
                if key in pending and sub["status"] in ("done", "failed"):
                    finished[key] = sub["finished_at"] / 1000 - pending.pop(key)
                    failed += sub["status"] == "failed"
        time.sleep(0.5)
    drained = time.time() - started
    waits = list(finished.values())
    queue = stats.queue
    busy = sum(1 for q in queue if q > 0) / max(len(queue), 1)
    throughput = len(finished) / drained if drained else 0.0
    print(f"{count} candidates for {load_phase:.0f} s, then {drained - load_phase:.0f} s until every accepted submission "
          f"finished; {len(stats.accepted)} submissions accepted, {len(finished)} finished, {len(pending)} lost or "
          f"unfinished, {failed} failed by the service, throttled (429): {stats.throttled or 'none'}, errors: {stats.errors or 'none'}; "
          f"throughput {throughput:.2f} graded submissions per second (from the start to the last result)")
    print(f"evaluation queue (sampled each second): waiting submissions in {busy:.0%} of samples (all workers busy), "
          f"median {percentile(queue, 50):.0f}, max {max(queue, default=0):.0f}\n")
    print("| what | count | per second (load phase) | p50 ms | p99 ms | max ms |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, values in (("draft autosave", stats.drafts), ("run (examples)", stats.runs), ("submit to result", waits)):
        ms = [v * 1000 for v in values]
        print(f"| {name} | {len(ms)} | {len(ms) / load_phase:.1f} | {percentile(ms, 50):.0f} | {percentile(ms, 99):.0f} | {max(ms, default=float('nan')):.0f} |")


if __name__ == "__main__":
    main()
