# expect: verdict=wrong_answer score=2
def length_of_longest_substring(s):
    # a substring without repeats can use each character at most once,
    # so count the distinct characters
    chars = sorted(s)
    count = 0
    for i, ch in enumerate(chars):
        if i == 0 or ch != chars[i - 1]:
            count += 1
    return count
