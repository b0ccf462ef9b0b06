# expect: verdict=runtime_error score=2
def remove_duplicates(lst):
    out = [lst[0]]
    seen = {lst[0]}
    for value in lst[1:]:
        if value not in seen:
            seen.add(value)
            out.append(value)
    return out
