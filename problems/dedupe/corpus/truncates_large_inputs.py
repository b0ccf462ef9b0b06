# expect: verdict=wrong_answer score=2
# Right on every hidden test (the largest has 5,000 items) and fast, because it quietly drops everything
# past the first 10,000 items: only the timing probes' larger inputs show the wrong answers.
def remove_duplicates(lst):
    seen = set()
    out = []
    for x in lst[:10_000]:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out
