# expect: verdict=accepted score=4 time=O(n)
from collections import defaultdict


def length_of_longest_substring(s):
    counts = defaultdict(int)
    lo = 0
    ans = 0
    for hi, c in enumerate(s):
        counts[c] += 1
        while counts[c] > 1:
            counts[s[lo]] -= 1
            lo += 1
        ans = max(ans, hi - lo + 1)
    return ans
