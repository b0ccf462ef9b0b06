# expect: verdict=accepted score=4 time=O(n)
def remove_duplicates(lst):
    seen = set()
    unique = []
    for item in lst:
        if item not in seen:
            seen.add(item)
            unique.append(item)
    return unique
