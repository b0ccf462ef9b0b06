# expect: verdict=accepted score=4 algorithm=sliding_log per_call=O(1) idle=released
from collections import deque


class RateLimiter:
    """Sliding log per key; every so often, keys with nothing left in their window are dropped."""

    SWEEP_EVERY = 64

    def __init__(self, limit, window):
        self.limit = limit
        self.window = window
        self.logs = {}
        self.calls = 0

    def allow(self, key, now):
        self.calls += 1
        if self.calls % self.SWEEP_EVERY == 0:
            self._sweep(now)
        log = self.logs.setdefault(key, deque())
        while log and now - log[0] >= self.window:
            log.popleft()
        if len(log) >= self.limit:
            return False
        log.append(now)
        return True

    def _sweep(self, now):
        idle = [k for k, log in self.logs.items() if not log or now - log[-1] >= self.window]
        for k in idle:
            del self.logs[k]
