# expect: verdict=wrong_answer score=2
from collections import defaultdict


class RateLimiter:
    def __init__(self, limit, window):
        self.limit = limit
        self.window = window
        self.counts = defaultdict(int)

    def allow(self, key, now):
        if self.counts[key] >= self.limit:
            return False
        self.counts[key] += 1
        return True
