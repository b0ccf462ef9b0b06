# expect: verdict=accepted score=4 time=O(n)
def length_of_longest_substring(s: str) -> int:
    window = set()
    left = 0
    longest = 0
    for right, ch in enumerate(s):
        # shrink from the left until ch is no longer inside the window
        while ch in window:
            window.remove(s[left])
            left += 1
        window.add(ch)
        longest = max(longest, right - left + 1)
    return longest
