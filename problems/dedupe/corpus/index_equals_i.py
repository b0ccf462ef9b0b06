# expect: verdict=accepted score=2 time=O(n^2) costly_line=4
def remove_duplicates(lst):
    # keep an element only if this is where it first appears
    return [x for i, x in enumerate(lst) if lst.index(x) == i]
