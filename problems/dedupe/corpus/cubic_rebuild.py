# expect: verdict=timeout score=2 time=O(n^3) costly_line=8
def remove_duplicates(lst):
    result = []
    for i in range(len(lst)):
        # dedupe everything up to position i again and keep the latest answer;
        # a value survives if it does not occur earlier in the list
        prefix = lst[: i + 1]
        result = [v for k, v in enumerate(prefix) if prefix[:k].count(v) == 0]
    return result
