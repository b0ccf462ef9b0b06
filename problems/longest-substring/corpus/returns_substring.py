# expect: verdict=wrong_answer score=1
def length_of_longest_substring(s):
    last = {}
    start = 0
    best_start, best_end = 0, 0
    for i, ch in enumerate(s):
        if ch in last and last[ch] >= start:
            start = last[ch] + 1
        last[ch] = i
        if i + 1 - start > best_end - best_start:
            best_start, best_end = start, i + 1
    return s[best_start:best_end]
