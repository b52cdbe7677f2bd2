"""Background backups yield the processors to the devices: the thread that runs one lowers its priority.

A backup compresses, hashes and checks hundreds of megabytes; on a two-core server the
devices syncing at the same time must not wait behind it. Linux schedules threads on
their own (a thread's nice value is its own); Windows has a per-thread background mode
that lowers CPU and disk priority. Elsewhere the thread keeps its priority.
"""

from __future__ import annotations

import logging
import os
import sys
import threading

log = logging.getLogger("appliance.backups")

NICEST = 19
THREAD_MODE_BACKGROUND_BEGIN = 0x00010000


def lower_this_thread() -> bool:
    """Lower the calling thread's CPU priority (and disk priority on Windows); False where not possible."""
    try:
        if sys.platform.startswith("linux"):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), NICEST)
            return True
        if sys.platform == "win32":
            import ctypes

            kernel32 = ctypes.windll.kernel32
            return bool(kernel32.SetThreadPriority(kernel32.GetCurrentThread(), THREAD_MODE_BACKGROUND_BEGIN))
    except OSError as exc:
        log.debug("cannot lower the backup thread's priority: %s", exc)
    return False
