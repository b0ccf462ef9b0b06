# expect: verdict=wrong_answer score=2 algorithm=unknown per_call=O(1)
import time
from collections import defaultdict, deque


class RateLimiter:
    def __init__(self, limit, window):
        self.limit = limit
        self.window = window
        self.hits = defaultdict(deque)

    def allow(self, key, now=None):
        now = time.monotonic()  # don't trust the caller's clock
        hits = self.hits[key]
        while hits and now - hits[0] >= self.window:
            hits.popleft()
        if len(hits) >= self.limit:
            return False
        hits.append(now)
        return True

# Measured as algorithm=unknown: it ignores the injected time, so no model of `now` explains it.
