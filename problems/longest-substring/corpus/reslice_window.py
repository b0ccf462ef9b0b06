# expect: verdict=accepted score=2 time=O(n^2) costly_line=7
# Keeps the window as a string and re-slices and re-concatenates it at every step: the copies grow with the window.
def length_of_longest_substring(s: str) -> int:
    window = ""
    best = 0
    for ch in s:
        if ch in window:
            window = window[window.index(ch) + 1:]
        window = window + ch
        best = max(best, len(window))
    return best
