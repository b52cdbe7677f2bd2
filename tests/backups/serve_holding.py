"""`appliance serve` whose document uploads stop just before the database commit, for the kill -9 test.

    python serve_holding.py MARKER serve --data-dir ... (the usual `appliance` arguments)

Only this script installs the hold (the intake's test hook); the command is otherwise the
real one. When an upload reaches the commit it writes MARKER and waits to be killed.
"""

import sys
import threading
from pathlib import Path

import appliance.service as service
from appliance.cli import main
from appliance.documents.intake import Hooks

marker = Path(sys.argv[1])
original_create_app = service.create_app


def hold() -> None:
    marker.write_text("holding before the commit", encoding="ascii")
    threading.Event().wait()  # until the test kills the process


def create_app(running):
    app = original_create_app(running)
    app.config["appliance.upload_hooks"] = Hooks(before_commit=hold)
    return app


service.create_app = create_app
sys.exit(main(sys.argv[2:]))
