def length_of_longest_substring(s: str) -> int:
    """Return the length of the longest substring of `s` with no repeated character.

    >>> length_of_longest_substring("abcabcbb")
    3
    >>> length_of_longest_substring("")
    0
    """
    ...
