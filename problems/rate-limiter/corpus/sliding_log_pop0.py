# expect: verdict=accepted score=3 algorithm=sliding_log per_call=O(limit) costly_line=11
class RateLimiter:
    def __init__(self, limit, window):
        self.limit = limit
        self.window = window
        self.log = {}

    def allow(self, key, now):
        times = self.log.setdefault(key, [])
        while times and now - times[0] >= self.window:
            times.pop(0)
        if len(times) >= self.limit:
            return False
        times.append(now)
        return True
