# expect: verdict=accepted score=3 algorithm=token_bucket per_call=O(1)
class RateLimiter:
    def __init__(self, limit, window):
        self.capacity = float(limit)
        self.refill_rate = limit / window  # tokens per second
        self.buckets = {}  # key -> (tokens, time of last update)

    def allow(self, key, now):
        tokens, last = self.buckets.get(key, (self.capacity, now))
        tokens = min(self.capacity, tokens + (now - last) * self.refill_rate)
        # tiny slack so float rounding in the refill can't cost a whole token
        if tokens >= 1 - 1e-9:
            self.buckets[key] = (tokens - 1, now)
            return True
        self.buckets[key] = (tokens, now)
        return False
