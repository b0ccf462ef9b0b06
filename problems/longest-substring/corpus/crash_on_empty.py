# expect: verdict=runtime_error score=2
def length_of_longest_substring(s):
    last = {s[0]: 0}
    start = 0
    best = 1
    for i in range(1, len(s)):
        ch = s[i]
        if ch in last and last[ch] >= start:
            start = last[ch] + 1
        last[ch] = i
        best = max(best, i - start + 1)
    return best
