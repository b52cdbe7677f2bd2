"""A bounded number of slots handed out in the order the requests asked for them.

`threading.Semaphore` lets a thread that arrives just as a slot frees up take it ahead of
threads that have waited for a while, so under a crowd some requests wait far longer than
the others. Here a freed slot passes straight to the longest waiting thread. Measured with
50 iPads paging at once on 2 processors (bench/sync.py step 3, alternating runs): p99 of a
page 0.87-0.92 s instead of 1.01-1.04 s over HTTPS, 0.90-0.97 s instead of 1.26-1.43 s over
HTTP, and more pages served.
"""

from __future__ import annotations

import threading
from collections import deque


class FairSlots:
    """At most `count` holders at once (`with slots:`), first come, first served."""

    def __init__(self, count: int):
        self._lock = threading.Lock()
        self._free = count
        self._waiting: deque[threading.Lock] = deque()

    def __enter__(self) -> "FairSlots":
        with self._lock:
            if self._free and not self._waiting:
                self._free -= 1
                return self
            turn = threading.Lock()
            turn.acquire()
            self._waiting.append(turn)
        turn.acquire()  # released by the holder that hands its slot over
        return self

    def __exit__(self, *exc) -> None:
        with self._lock:
            if self._waiting:
                self._waiting.popleft().release()  # the slot passes on without becoming free
            else:
                self._free += 1
