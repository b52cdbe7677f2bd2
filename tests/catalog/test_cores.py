"""Image jobs use every processor while no ERP import runs, and give one back while one runs."""

from __future__ import annotations

import threading

from appliance.cores import CoreShare


def test_image_jobs_use_every_processor_when_no_import_runs():
    cores = CoreShare(processors=2)
    with cores.media_job(), cores.media_job():
        assert cores.media_limit == 2


def test_an_import_takes_one_processor_back_from_the_image_jobs():
    cores = CoreShare(processors=2)
    started, second_ran = threading.Event(), threading.Event()

    def second_job():
        started.set()
        with cores.media_job():
            second_ran.set()

    with cores.importing():
        assert cores.media_limit == 1
        with cores.media_job():
            worker = threading.Thread(target=second_job)
            worker.start()
            started.wait(5)
            assert not second_ran.wait(0.2)  # waits for the processor the first job holds
        assert second_ran.wait(5)
    worker.join(5)
    assert cores.media_limit == 2


def test_one_processor_always_scales():
    cores = CoreShare(processors=1)
    with cores.importing():
        assert cores.media_limit == 1
