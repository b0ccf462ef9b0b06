# expect: verdict=wrong_answer score=1 algorithm=sliding_log per_call=O(1)
from collections import deque


class RateLimiter:
    def __init__(self, limit, window):
        self.limit = limit
        self.window = window
        self.logs = {}

    def allow(self, key, now):
        log = self.logs.setdefault(key, deque())
        while log and now - log[0] >= self.window:
            log.popleft()
        if len(log) > self.limit:
            return False
        log.append(now)
        return True
