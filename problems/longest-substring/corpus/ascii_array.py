# expect: verdict=runtime_error score=2
def length_of_longest_substring(s):
    last = [-1] * 128  # last index of each character
    start = 0
    best = 0
    for i, ch in enumerate(s):
        code = ord(ch)
        if last[code] >= start:
            start = last[code] + 1
        last[code] = i
        best = max(best, i - start + 1)
    return best
