# expect: verdict=wrong_answer score=1 costly_line=8
def remove_duplicates(lst):
    # remove repeats in place to save memory
    seen = set()
    i = 0
    while i < len(lst):
        if lst[i] in seen:
            del lst[i]
        else:
            seen.add(lst[i])
            i += 1
    return lst
