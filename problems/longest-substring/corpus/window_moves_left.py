# expect: verdict=wrong_answer score=2
def length_of_longest_substring(s):
    index = {}
    left = 0
    best = 0
    for right, ch in enumerate(s):
        if ch in index:
            left = index[ch] + 1
        index[ch] = right
        best = max(best, right - left + 1)
    return best
