# expect: verdict=accepted score=2 time=O(n^2) costly_line=7
def length_of_longest_substring(s):
    best = 0
    for start in range(len(s)):
        # walk right from this start until a character repeats
        seen = set()
        for ch in s[start:]:
            if ch in seen:
                break
            seen.add(ch)
        best = max(best, len(seen))
    return best
