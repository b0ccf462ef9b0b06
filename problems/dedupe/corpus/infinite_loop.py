# expect: verdict=timeout score=1
def remove_duplicates(lst):
    seen = set()
    result = []
    i = 0
    while i < len(lst):
        x = lst[i]
        if x not in seen:
            seen.add(x)
            result.append(x)
    i += 1
    return result
