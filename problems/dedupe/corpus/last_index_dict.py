# expect: verdict=wrong_answer score=2
def remove_duplicates(lst):
    position = {value: i for i, value in enumerate(lst)}
    return sorted(position, key=position.get)

# The comprehension overwrites, so each value ends up at its LAST index and
# the output is in last-occurrence order: [1, 2, 1] gives [2, 1]. It is still
# right on the empty, single and all-equal edge cases and whenever repeats
# never cross other values. But the basic and trap cases exist to check order
# and nearly all contain a crossing repeat, and so do large lists with
# duplicates. Fewer than half pass.
