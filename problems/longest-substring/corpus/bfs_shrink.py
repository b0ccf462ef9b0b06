# expect: verdict=timeout score=2 time=O(2^n)
from collections import deque


def length_of_longest_substring(s):
    # Try the whole string first, then everything one shorter, and so on.
    # The first window with no repeats is the longest one.
    queue = deque([(0, len(s))])
    while queue:
        lo, hi = queue.popleft()
        piece = s[lo:hi]
        if len(set(piece)) == len(piece):
            return hi - lo
        queue.append((lo + 1, hi))
        queue.append((lo, hi - 1))
    return 0
