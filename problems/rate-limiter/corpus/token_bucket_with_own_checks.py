# expect: verdict=accepted score=3 algorithm=token_bucket per_call=O(1)
# Real-style: postponed annotations, a dataclass per key, typing, logging, a docstring test, a unittest
# class, a __main__ block and doctest.testmod() at the end: none of it is the answer, the class is.
from __future__ import annotations

import logging
import unittest
from dataclasses import dataclass
from typing import Dict

log = logging.getLogger(__name__)


@dataclass
class Bucket:
    tokens: float
    last: float


class RateLimiter:
    """A token bucket per key.

    >>> limiter = RateLimiter(2, 1.0)
    >>> [limiter.allow("k", 0.0) for _ in range(3)]
    [True, True, False]
    """

    def __init__(self, limit: int, window: float) -> None:
        self.capacity = float(limit)
        self.rate = limit / window
        self.buckets: Dict[str, Bucket] = {}

    def allow(self, key: str, now: float) -> bool:
        bucket = self.buckets.get(key)
        if bucket is None:
            bucket = self.buckets[key] = Bucket(self.capacity, now)
        bucket.tokens = min(self.capacity, bucket.tokens + (now - bucket.last) * self.rate)
        bucket.last = now
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            return True
        log.debug("refused %s at %s", key, now)
        return False


class RateLimiterTest(unittest.TestCase):
    def test_burst(self) -> None:
        limiter = RateLimiter(3, 1.0)
        self.assertEqual([limiter.allow("a", 0.0) for _ in range(4)], [True, True, True, False])


if __name__ == "__main__":
    print("running my own checks")
    unittest.main()

import doctest  # noqa: E402

doctest.testmod()
