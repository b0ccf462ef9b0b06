from collections import deque


class RateLimiter:
    """Sliding log: admit at most `limit` requests per `window` seconds per key.

    Each key keeps the times of its admitted requests that are still inside
    the window, oldest first. A request is admitted when fewer than `limit`
    remain after dropping the expired ones. Every timestamp is appended once
    and popped at most once, so a call costs O(1) amortised, and a key holds
    at most `limit` timestamps.
    """

    def __init__(self, limit: int, window: float) -> None:
        if limit < 1 or window <= 0:
            raise ValueError("limit must be >= 1 and window > 0")
        self.limit = limit
        self.window = window
        self.logs: dict[str, deque[float]] = {}

    def allow(self, key: str, now: float) -> bool:
        log = self.logs.get(key)
        if log is None:
            log = self.logs[key] = deque()
        # A request made `window` or more seconds ago no longer counts.
        while log and now - log[0] >= self.window:
            log.popleft()
        if len(log) >= self.limit:
            return False
        log.append(now)
        return True


if __name__ == "__main__":
    rl = RateLimiter(3, 1.0)
    assert [rl.allow("alice", 0.0) for _ in range(4)] == [True, True, True, False]
    assert rl.allow("bob", 0.0)
    assert not rl.allow("alice", 0.2)
    assert rl.allow("alice", 1.0)
