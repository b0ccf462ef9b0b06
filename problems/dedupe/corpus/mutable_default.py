# expect: verdict=wrong_answer score=1
def remove_duplicates(lst, seen=set()):
    result = []
    for x in lst:
        if x not in seen:
            seen.add(x)
            result.append(x)
    return result

# The default set is created once and shared by every call, so values from
# earlier calls are silently dropped later. All hidden tests run against one
# loaded module, so after the first test almost every test whose values were
# seen before (small ints recur in basic, edge and trap cases, and the second
# of the called-twice pair returns []) is wrong. Only the first test, [] and
# inputs made entirely of new values pass: fewer than half.
