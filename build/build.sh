#!/usr/bin/env bash
# Build the one-file executables `appliance` and `appliance-tray` into dist/ (work files in build/out/).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/out appliance.spec
ls -l dist/appliance dist/appliance-tray
