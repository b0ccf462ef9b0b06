# expect: verdict=accepted score=3 time=O(n_log_n)
def remove_duplicates(lst):
    # Sort (value, index) pairs: the first pair holding a value carries the
    # index where that value first appears.
    pairs = sorted((x, i) for i, x in enumerate(lst))
    values = [v for v, _ in pairs]
    result = []
    for i, x in enumerate(lst):
        # binary search for the first pair with value x
        lo, hi = 0, len(values)
        while lo < hi:
            mid = (lo + hi) // 2
            if values[mid] < x:
                lo = mid + 1
            else:
                hi = mid
        if pairs[lo][1] == i:
            result.append(x)
    return result
