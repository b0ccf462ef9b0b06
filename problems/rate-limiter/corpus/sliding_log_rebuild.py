# expect: verdict=accepted score=3 algorithm=sliding_log per_call=O(limit) costly_line=10
class RateLimiter:
    def __init__(self, limit, window):
        self.limit = limit
        self.window = window
        self.requests = {}

    def allow(self, key, now):
        # keep only the timestamps that are still inside the window
        recent = [t for t in self.requests.get(key, []) if now - t < self.window]
        allowed = len(recent) < self.limit
        if allowed:
            recent.append(now)
        self.requests[key] = recent
        return allowed
