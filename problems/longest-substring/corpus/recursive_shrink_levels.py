# expect: verdict=timeout score=2 time=O(2^n)
def length_of_longest_substring(s):
    def search(windows):
        # every window here has the same length; if one has no repeats it is
        # the answer, otherwise try all windows one character shorter
        for lo, hi in windows:
            piece = s[lo:hi]
            if len(set(piece)) == len(piece):
                return hi - lo
        shorter = []
        for lo, hi in windows:
            shorter.append((lo + 1, hi))
            shorter.append((lo, hi - 1))
        return search(shorter)

    return search([(0, len(s))])
