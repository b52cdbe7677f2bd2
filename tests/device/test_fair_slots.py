"""The page slots go to waiting requests in the order they asked, and never to more than their count."""

from __future__ import annotations

import threading

from appliance.web.fair_slots import FairSlots
from tests.folderwatch.helpers import wait_for


def test_waiting_threads_are_served_in_the_order_they_came():
    slots = FairSlots(1)
    served: list[str] = []
    slots.__enter__()
    waiters = []
    for number, name in enumerate(("first", "second", "third"), start=1):
        waiter = threading.Thread(target=_take, args=(slots, served, name))
        waiter.start()
        waiters.append(waiter)
        wait_for(lambda: len(slots._waiting) == number, what=f"{name} in line")
    slots.__exit__()
    for waiter in waiters:
        waiter.join(10)
    assert served == ["first", "second", "third"]


def test_a_thread_that_frees_its_slot_and_asks_again_goes_behind_the_one_waiting():
    # threading.Semaphore lets the releasing thread take the slot straight back (it still runs
    # while the waiter is being woken): under a crowd that is how some pages waited seconds.
    slots = FairSlots(1)
    served: list[str] = []
    slots.__enter__()
    waiter = threading.Thread(target=_take, args=(slots, served, "waiter"))
    waiter.start()
    wait_for(lambda: len(slots._waiting) == 1, what="the waiter in line")
    slots.__exit__()
    _take(slots, served, "again")
    waiter.join(10)
    assert served == ["waiter", "again"]




def test_never_more_holders_than_slots():
    slots = FairSlots(2)
    served: list[str] = []
    slots.__enter__()
    slots.__enter__()
    third = threading.Thread(target=_take, args=(slots, served, "third"))
    third.start()
    wait_for(lambda: len(slots._waiting) == 1, what="the third in line")
    assert served == []  # two slots, both taken: the third waits
    slots.__exit__()
    third.join(10)
    assert served == ["third"]
    slots.__exit__()
    assert slots._free == 2 and not slots._waiting


def _take(slots: FairSlots, served: list[str], name: str) -> None:
    with slots:
        served.append(name)
