# expect: verdict=accepted score=2 time=O(n^2) costly_line=10
# Restarts the scan one past each start: quadratic whenever a long repeat-free block recurs.
def length_of_longest_substring(s: str) -> int:
    best = 0
    i = 0
    n = len(s)
    while i < n:
        seen = set()
        j = i
        while j < n and s[j] not in seen:
            seen.add(s[j])
            j += 1
        best = max(best, j - i)
        i += 1
    return best
