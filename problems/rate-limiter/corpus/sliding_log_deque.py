# expect: verdict=accepted score=4 algorithm=sliding_log per_call=O(1) idle=kept
from collections import defaultdict, deque


class RateLimiter:
    def __init__(self, limit, window):
        self.limit = limit
        self.window = window
        self.history = defaultdict(deque)

    def allow(self, key, now):
        q = self.history[key]
        while q and now - q[0] >= self.window:
            q.popleft()
        if len(q) < self.limit:
            q.append(now)
            return True
        return False
