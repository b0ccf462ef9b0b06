# expect: verdict=accepted score=3 algorithm=fixed_window per_call=O(1)
class RateLimiter:
    def __init__(self, limit: int, window: float):
        self.limit = limit
        self.window = window
        self.start = {}
        self.count = {}

    def allow(self, key: str, now: float) -> bool:
        # each key's window opens at its first request and restarts at the
        # first request made after it has expired
        if key not in self.start or now - self.start[key] >= self.window:
            self.start[key] = now
            self.count[key] = 0
        if self.count[key] < self.limit:
            self.count[key] += 1
            return True
        return False
