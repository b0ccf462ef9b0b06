# expect: verdict=wrong_answer score=2 algorithm=token_bucket per_call=O(1)
class RateLimiter:
    def __init__(self, limit, window):
        self.limit = limit
        self.rate = limit / window
        self.tokens = {}
        self.last = {}

    def allow(self, key, now):
        if key not in self.tokens:
            self.tokens[key] = self.limit
            self.last[key] = now
        # refill for the time that has passed (forgot to cap at limit)
        self.tokens[key] += (now - self.last[key]) * self.rate
        self.last[key] = now
        if self.tokens[key] >= 1:
            self.tokens[key] -= 1
            return True
        return False
