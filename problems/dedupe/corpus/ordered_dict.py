# expect: verdict=accepted score=4 time=O(n)
from collections import OrderedDict


def remove_duplicates(lst):
    first_seen = OrderedDict()
    for n in lst:
        if n not in first_seen:
            first_seen[n] = True
    return list(first_seen.keys())
