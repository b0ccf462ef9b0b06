# expect: verdict=accepted score=4 algorithm=sliding_log per_call=O(1)
import threading
from collections import deque


class RateLimiter:
    def __init__(self, limit: int, window: float):
        self.limit = limit
        self.window = window
        self._logs: dict[str, deque] = {}
        self._lock = threading.Lock()  # allow() may be called from many request threads

    def allow(self, key: str, now: float) -> bool:
        with self._lock:
            log = self._logs.setdefault(key, deque())
            while log and now - log[0] >= self.window:
                log.popleft()
            if len(log) >= self.limit:
                return False
            log.append(now)
            return True
