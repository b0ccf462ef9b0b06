# expect: verdict=runtime_error score=2
def length_of_longest_substring(s):
    if len(set(s)) == len(s):
        return len(s)
    # the answer lies in s without its first char or s without its last char
    return max(length_of_longest_substring(s[1:]),
               length_of_longest_substring(s[:-1]))

# Exponential (no memo), but on the long repetitive hidden strings the first
# branch alone recurses once per character, so it reaches Python's default
# recursion limit (1000) and raises RecursionError long before the exponential
# blow-up would use up the fuel. runtime_error outranks timeout. The long
# all-distinct string returns at the first check, and the short cases pass.
