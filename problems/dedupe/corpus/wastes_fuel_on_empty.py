# expect: verdict=accepted score=2 time=O(n^2) costly_line=11
# Quadratic, and slow on purpose for the empty list: were the empty call taken as the fixed cost of a
# call and subtracted, the small sizes would cost nothing and the growth would look flat.
def remove_duplicates(lst):
    if not lst:
        for _ in range(200_000):
            pass
        return []
    out = []
    for x in lst:
        if x not in out:
            out.append(x)
    return out
