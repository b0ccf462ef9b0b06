# expect: verdict=accepted score=3 time=O(n_log_n)
# First positions in a dict, then a heap of (position, value) popped in order: heapify is linear, the
# n pops cost O(n log n).
import heapq
def remove_duplicates(lst):
    first = {}
    for i, x in enumerate(lst):
        if x not in first:
            first[x] = i
    heap = [(i, x) for x, i in first.items()]
    heapq.heapify(heap)
    out = []
    while heap:
        out.append(heapq.heappop(heap)[1])
    return out
