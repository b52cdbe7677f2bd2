#!/usr/bin/env bash
# Smoke test of the frozen executables (build/smoke_frozen.py says what it checks): builds dist/appliance and
# dist/appliance-tray first, unless SKIP_BUILD=1 reuses them. Runs from a temp folder, never the checkout:
# a service starts in System32 and a frozen program unpacks elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    bash build/build.sh
fi
checkout="$PWD"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
python3 "$checkout/build/smoke_frozen.py" "$checkout" "$work"
