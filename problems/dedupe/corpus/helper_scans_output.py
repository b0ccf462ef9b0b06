# expect: verdict=accepted score=2 time=O(n^2) costly_line=5 called_from=14
# The "seen before?" check is a helper of its own that walks the output: the loop that grows is in the
# helper, and its cost shows on the line that calls it too.
def seen_before(items, x):
    for item in items:
        if item == x:
            return True
    return False


def remove_duplicates(lst):
    out = []
    for x in lst:
        if not seen_before(out, x):
            out.append(x)
    return out
