# expect: verdict=accepted score=3 time=O(n_log_n)
# Sorts positions by value to find first occurrences, then sorts the kept positions back into order.
def remove_duplicates(lst: list) -> list:
    order = sorted(range(len(lst)), key=lambda i: (lst[i], i))
    keep = []
    for k, i in enumerate(order):
        if k == 0 or lst[order[k - 1]] != lst[i]:
            keep.append(i)
    keep.sort()
    return [lst[i] for i in keep]
