class RateLimiter:
    """Admit at most `limit` requests per `window` seconds for each key."""

    def __init__(self, limit: int, window: float) -> None:
        """`limit` requests are allowed per key in any `window` seconds."""
        ...

    def allow(self, key: str, now: float) -> bool:
        """Return True to admit a request from `key` made at time `now` (seconds).

        `now` never decreases between calls. Use it; do not read a clock.
        A rejected request does not count against the key.
        """
        ...
