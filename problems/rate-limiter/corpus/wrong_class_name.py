# expect: verdict=accepted score=4 algorithm=sliding_log
# The class is not named RateLimiter; the one class that defines allow() is graded, and the report says so.
from collections import defaultdict, deque


class Ratelimiter:
    def __init__(self, limit, window):
        self.limit = limit
        self.window = window
        self.log = defaultdict(deque)

    def allow(self, key, now):
        q = self.log[key]
        while q and now - q[0] >= self.window:
            q.popleft()
        if len(q) < self.limit:
            q.append(now)
            return True
        return False
