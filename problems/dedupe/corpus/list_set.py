# expect: verdict=wrong_answer score=1
def remove_duplicates(lst):
    return list(set(lst))

# Why 1: a set of small non-negative ints happens to iterate in ascending
# order, so this is still right whenever the first occurrences already come
# in ascending order: [1, 2, 3, 3, 3], the empty, single-element and
# all-equal cases, and the 5,000 equal ints. Every test that checks order
# fails: [3, 1, 3, 2, 1], the alternating and already-distinct cases, the
# unsorted, negative and "set would reorder" traps, and both large random
# lists. Roughly 6 of the 14 hidden tests pass, under half.
