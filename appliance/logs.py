"""Logging: a rotating file in the data directory plus the console.

INFO carries what an operator needs (imports started and finished with counts and
timing, rejected files with reasons, refused logins with reasons); nothing noisy.
Secrets never reach a log line: callers log names and reasons, never values.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys

from appliance.settings import Settings

FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
_CONFIGURED_MARK = "_appliance_handler"


def setup_logging(settings: Settings, *, console: bool = True, console_level: str | None = None) -> None:
    """Attach the rotating file handler (and a console handler) to the root logger once."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, _CONFIGURED_MARK, False):
            root.removeHandler(handler)
            handler.close()
    level = getattr(logging, settings.log_level)
    root.setLevel(min(level, logging.INFO))
    settings.paths.logs.mkdir(parents=True, exist_ok=True)
    file_handler = logging.handlers.RotatingFileHandler(
        settings.paths.log_file, maxBytes=settings.log_max_bytes,
        backupCount=settings.log_backups, encoding="utf-8", delay=True)
    file_handler.setFormatter(logging.Formatter(FORMAT))
    file_handler.setLevel(level)
    setattr(file_handler, _CONFIGURED_MARK, True)
    root.addHandler(file_handler)
    if console:
        stream = logging.StreamHandler(sys.stderr)
        stream.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
        stream.setLevel(getattr(logging, console_level or settings.log_level))
        setattr(stream, _CONFIGURED_MARK, True)
        root.addHandler(stream)
    for noisy in ("watchdog", "PIL"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    # waitress warns at every request that waits for a free thread: under a burst of devices that
    # is hundreds of lines a second saying the same thing.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
