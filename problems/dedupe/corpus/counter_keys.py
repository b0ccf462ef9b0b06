# expect: verdict=accepted score=4 time=O(n)
from collections import Counter


def remove_duplicates(lst):
    # Counter is a dict subclass, so its keys come out in the order they
    # were first counted. The counts themselves are not needed.
    counts = Counter(lst)
    return list(counts)
