# expect: verdict=accepted score=2 time=O(n^2) costly_line=5
def remove_duplicates(lst):
    result = []
    for x in lst:
        if x not in result:  # linear scan of the output each time
            result.append(x)
    return result
