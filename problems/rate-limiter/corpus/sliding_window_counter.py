# expect: verdict=accepted score=3 algorithm=sliding_window_counter per_call=O(1)
from dataclasses import dataclass


@dataclass
class _Counts:
    index: int            # which fixed window we are in
    current: int = 0      # admitted in that window
    previous: int = 0     # admitted in the window before it
    last: float = 0.0     # time of the last admitted request


class RateLimiter:
    def __init__(self, limit, window):
        self.limit = limit
        self.window = window
        self.counts = {}

    def allow(self, key, now):
        index = int(now // self.window)
        c = self.counts.get(key)
        if c is None or now - c.last >= self.window:
            # nothing admitted for a whole window, so nothing still counts
            c = self.counts[key] = _Counts(index)
        elif index != c.index:
            c.previous = c.current if index == c.index + 1 else 0
            c.current = 0
            c.index = index
        # the sliding window still covers this share of the previous window
        share = 1 - (now - index * self.window) / self.window
        if c.previous * share + c.current >= self.limit:
            return False
        c.current += 1
        c.last = now
        return True
