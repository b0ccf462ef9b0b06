# expect: verdict=accepted score=3 algorithm=token_bucket per_call=O(1)
class RateLimiter:
    """Generic cell rate algorithm: one timestamp per key."""

    def __init__(self, limit, window):
        self.interval = window / limit            # spacing between requests at the steady rate
        self.tolerance = window - self.interval   # how far ahead of `now` a key may book
        self.tat = {}                             # theoretical arrival time of the next request

    def allow(self, key, now):
        tat = max(self.tat.get(key, now), now)
        if tat - now > self.tolerance + 1e-9:     # slack for float rounding
            return False
        self.tat[key] = tat + self.interval
        return True
