# expect: verdict=wrong_answer score=1
def remove_duplicates(lst):
    seen = set()
    return tuple(x for x in lst if not (x in seen or seen.add(x)))
