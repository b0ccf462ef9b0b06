# expect: verdict=accepted score=4 time=O(n)
# Real-style: imports a candidate reaches for while testing (json, sys, io, pprint, asyncio, typing)
# and a __main__ block that prints and asserts: graded on the function alone.
import asyncio
import io
import json
import pprint
import sys
from typing import Iterable, List


def remove_duplicates(lst: Iterable[int]) -> List[int]:
    seen = set()
    out = []
    for x in lst:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out


async def _check() -> None:
    assert remove_duplicates([3, 1, 3, 2, 1]) == [3, 1, 2]


if __name__ == "__main__":
    buffer = io.StringIO()
    pprint.pprint(remove_duplicates(json.loads(sys.argv[1] if len(sys.argv) > 1 else "[1, 1, 2]")), stream=buffer)
    print(buffer.getvalue())
    asyncio.run(_check())
