# expect: verdict=wrong_answer score=2
def length_of_longest_substring(s):
    current = set()
    best = 0
    for ch in s:
        if ch in current:
            current.clear()  # start a fresh window at the repeated character
        current.add(ch)
        best = max(best, len(current))
    return best
