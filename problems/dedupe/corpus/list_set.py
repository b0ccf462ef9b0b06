# expect: verdict=wrong_answer score=1
def remove_duplicates(lst):
    return list(set(lst))

# Why 2 and not 1: a set of small non-negative ints iterates in ascending
# order, and it iterates the same way every time. So this still gives the
# right answer whenever the first occurrences already come in ascending
# order: the empty, single-element and all-equal edge cases, basic cases
# like [1, 1, 2, 3, 3], and the list-type, no-mutation and called-twice
# checks when their input has that shape. It fails the unsorted, negative
# and huge-int traps and every large random list. That comes to roughly half
# the hidden tests, so it is a borderline 2.
