def remove_duplicates(lst: list) -> list:
    """Return a new list holding each value of `lst` once, in first-seen order.

    `lst` must not be modified.

    >>> remove_duplicates([3, 1, 3, 2, 1])
    [3, 1, 2]
    """
    ...
