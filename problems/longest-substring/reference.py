def length_of_longest_substring(s: str) -> int:
    """Return the length of the longest substring of `s` with no repeated character.

    Sliding window: `start` is the left edge of the current repeat-free window
    and `last[ch]` is the most recent index of `ch`. When `ch` was last seen
    inside the window, the window restarts just after that index. `start` only
    ever moves right, so this is one pass: O(n) time, O(k) space for k distinct
    characters.
    """
    last = {}
    start = 0
    best = 0
    for i, ch in enumerate(s):
        prev = last.get(ch)
        if prev is not None and prev >= start:
            start = prev + 1
        last[ch] = i
        best = max(best, i - start + 1)
    return best


if __name__ == "__main__":
    assert length_of_longest_substring("abcabcbb") == 3
    assert length_of_longest_substring("bbbbb") == 1
    assert length_of_longest_substring("pwwkew") == 3
    assert length_of_longest_substring("abba") == 2
    assert length_of_longest_substring("") == 0
