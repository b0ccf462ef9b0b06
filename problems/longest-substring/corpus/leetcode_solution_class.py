# expect: verdict=accepted score=4 time=O(n)
# The LeetCode shape: no module-level function, a Solution class with the camelCase method.
from typing import List


class Solution:
    def lengthOfLongestSubstring(self, s: str) -> int:
        last = {}
        start = best = 0
        for i, ch in enumerate(s):
            if last.get(ch, -1) >= start:
                start = last[ch] + 1
            last[ch] = i
            best = max(best, i - start + 1)
        return best
