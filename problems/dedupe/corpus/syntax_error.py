# expect: verdict=compile_error score=1
def remove_duplicates(lst):
    seen = set()
    result = []
    for x in lst
        if x not in seen:
            seen.add(x)
            result.append(x)
    return result
