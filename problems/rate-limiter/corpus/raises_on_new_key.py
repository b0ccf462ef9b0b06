# expect: verdict=runtime_error score=1
class RateLimiter:
    def __init__(self, limit, window):
        self.limit = limit
        self.window = window
        self.windows = {}

    def allow(self, key, now):
        start, count = self.windows[key]
        if now - start >= self.window:
            start, count = now, 0
        if count >= self.limit:
            return False
        self.windows[key] = (start, count + 1)
        return True
