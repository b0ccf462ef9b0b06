# expect: verdict=accepted score=4 time=O(n)
def remove_duplicates(lst: list) -> list:
    # dict keys keep insertion order and fromkeys skips keys it already has,
    # so this keeps the first occurrence of each value.
    return list(dict.fromkeys(lst))
