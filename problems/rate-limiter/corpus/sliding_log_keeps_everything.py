# expect: verdict=accepted score=3 algorithm=sliding_log per_call=O(requests) idle=kept costly_line=12
# Correct decisions, but every timestamp is kept forever and rescanned on each call, so the work per
# call grows with the number of requests the key has ever made.
class RateLimiter:
    def __init__(self, limit, window):
        self.limit = limit
        self.window = window
        self.log = {}

    def allow(self, key, now):
        times = self.log.setdefault(key, [])
        recent = sum(1 for t in times if t > now - self.window)
        if recent < self.limit:
            times.append(now)
            return True
        return False
