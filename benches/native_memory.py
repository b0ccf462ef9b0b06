"""The native side of the pages' memory calibration (`web/src/shared/native-memory.js`).

Runs the dedupe reference on the probe family "all distinct, shuffled" (0..n-1 shuffled) in this machine's
CPython and prints tracemalloc's peak for the call beside the guest's heap growth the grader reported for
the same n (`screenjudge eval --json --problem dedupe problems/dedupe/reference.py`: the complexity's
`memory_reach` and `points`). Their ratio at the largest n is `NATIVE_BYTES_PER_GUEST_BYTE`.

Usage: python3 benches/native_memory.py [guest bytes at 65,536]
"""

import pathlib
import random
import sys
import tracemalloc

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "problems" / "dedupe"))
from reference import remove_duplicates  # noqa: E402

N = 65_536
guest = int(sys.argv[1]) if len(sys.argv) > 1 else 1_310_720
values = list(range(N))
random.Random(21).shuffle(values)
tracemalloc.start()
remove_duplicates(values)
_, peak = tracemalloc.get_traced_memory()
tracemalloc.stop()
print(f"n = {N:,}: native peak {peak:,} B, guest heap growth {guest:,} B, ratio {peak / guest:.2f}")
