# expect: verdict=wrong_answer score=2
def remove_duplicates(lst):
    position = {value: i for i, value in enumerate(lst)}
    return sorted(position, key=position.get)

# The comprehension overwrites, so each value ends up at its LAST index and
# the output is in last-occurrence order: [1, 2, 1] gives [2, 1]. That only
# matters when a repeat crosses another value. The edge cases, the alternating
# and repeats-at-the-end cases, and the large distinct and equal lists still
# pass. The order-checking cases ([3, 1, 3, 2, 1], the unsorted, negative,
# huge-int and reorder traps) and the large list with repeats fail. About 8
# of 14 pass: at least half, so 2.
