# expect: verdict=accepted score=2 time=O(n^2) costly_line=13
# Searches the window for a character only if it was seen before, from the window's start. On every
# standard shape a repeat sits at the window's start and is found at once; after "a block, its last
# character, the block again" every character was seen and none is in the window, so each search runs
# through the whole window: a square done at C speed, small beside the interpreter's per-character cost
# until a few thousand characters.
def length_of_longest_substring(s):
    seen = set()
    start = 0
    best = 0
    for i, ch in enumerate(s):
        if ch in seen:
            j = s.find(ch, start, i)
            if j >= 0:
                start = j + 1
        seen.add(ch)
        best = max(best, i - start + 1)
    return best
