# expect: verdict=accepted score=3 algorithm=fixed_window per_call=O(1)
import math


class RateLimiter:
    def __init__(self, limit, window):
        self.limit = limit
        self.window = window
        self.buckets = {}  # key -> (window number, requests admitted in it)

    def allow(self, key, now):
        current = math.floor(now / self.window)
        number, count = self.buckets.get(key, (current, 0))
        if number != current:
            count = 0
        if count >= self.limit:
            return False
        self.buckets[key] = (current, count + 1)
        return True
