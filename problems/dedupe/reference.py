def remove_duplicates(lst: list) -> list:
    """Return a new list holding each value of `lst` once, in first-seen order.

    A set answers "seen before?" in O(1) on average, so one pass suffices:
    O(n) time and O(n) extra space. The input list is only read.
    """
    seen = set()
    result = []
    for value in lst:
        if value not in seen:
            seen.add(value)
            result.append(value)
    return result


if __name__ == "__main__":
    assert remove_duplicates([3, 1, 3, 2, 1]) == [3, 1, 2]
    assert remove_duplicates([]) == []
    assert remove_duplicates([-4, 2**70, -4, 0, 2**70]) == [-4, 2**70, 0]
