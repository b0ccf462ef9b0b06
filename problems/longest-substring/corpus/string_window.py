# expect: verdict=accepted score=2 time=O(n^2) costly_line=6
def length_of_longest_substring(s):
    window = ""
    best = 0
    for ch in s:
        if ch in window:
            # drop everything up to and including the earlier copy of ch
            window = window[window.index(ch) + 1:]
        window += ch
        best = max(best, len(window))
    return best
