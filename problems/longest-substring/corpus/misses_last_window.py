# expect: verdict=wrong_answer score=2
def length_of_longest_substring(s):
    last = {}
    start = 0
    best = 0
    for i, ch in enumerate(s):
        if ch in last and last[ch] >= start:
            # the window s[start:i] just ended, record it
            best = max(best, i - start)
            start = last[ch] + 1
        last[ch] = i
    return best
