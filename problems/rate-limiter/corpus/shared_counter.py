# expect: verdict=wrong_answer score=2 algorithm=fixed_window per_call=O(1)
class RateLimiter:
    def __init__(self, limit, window):
        self.limit = limit
        self.window = window
        self.window_start = None
        self.count = 0

    def allow(self, key, now):
        if self.window_start is None or now - self.window_start >= self.window:
            self.window_start = now
            self.count = 0
        if self.count < self.limit:
            self.count += 1
            return True
        return False
