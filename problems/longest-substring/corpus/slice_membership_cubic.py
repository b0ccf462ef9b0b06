# expect: verdict=timeout score=2 time=O(n^3) costly_line=7
# For each start, tests s[j] in s[i:j]: cubic, though the slice and search run at C speed, so a square dominates up to a few thousand.
def length_of_longest_substring(s: str) -> int:
    best = 0
    for i in range(len(s)):
        for j in range(i, len(s)):
            if s[j] in s[i:j]:
                break
            best = max(best, j - i + 1)
    return best
