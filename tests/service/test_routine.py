"""The service's routine: tasks run every round on their own thread; one failing task does not stop the rest."""

from __future__ import annotations

import threading

from appliance.routine import Routine


def test_tasks_run_every_round_until_stopped_and_a_failure_does_not_stop_the_others(caplog):
    rounds = []
    third_round = threading.Event()

    def failing():
        raise OSError("share unreachable")

    def counting():
        rounds.append(len(rounds) + 1)
        if len(rounds) == 3:
            third_round.set()
        return len(rounds)

    routine = Routine([("broken", failing), ("counter", counting)], every=0.01)
    routine.start()
    try:
        assert third_round.wait(10)
    finally:
        routine.stop()
    stopped_at = len(rounds)
    assert stopped_at >= 3
    assert any("routine task 'broken' failed" in r.getMessage() for r in caplog.records)
    results = routine.run_once()
    assert isinstance(results["broken"], OSError) and results["counter"] == stopped_at + 1
