# expect: verdict=accepted score=3 time=O(n_log_n)
def remove_duplicates(lst):
    # Sort positions by value. sorted() is stable, so inside a run of equal
    # values the smallest index comes first; keep that one.
    order = sorted(range(len(lst)), key=lambda i: lst[i])
    keep = []
    for pos, idx in enumerate(order):
        if pos == 0 or lst[order[pos - 1]] != lst[idx]:
            keep.append(idx)
    keep.sort()  # back to original order
    return [lst[i] for i in keep]
