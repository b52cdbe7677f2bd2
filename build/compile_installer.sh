#!/usr/bin/env bash
# Compile build/installer.nsi with makensis (Debian: apt-get install nsis), warnings as errors. On Linux the
# payload is a stand-in: the Linux build renamed to .exe and placeholder files for WinSW, so the check is of
# the script, not of a usable installer (build/build.ps1 makes the real one on Windows, with LZMA).
# Needs dist/appliance and dist/appliance-tray (bash build/build.sh); writes dist/AppManager-appliance-*-setup.exe.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v makensis >/dev/null; then
    echo "makensis is missing: apt-get install nsis" >&2
    exit 1
fi
version="$(python3 -c 'import appliance; print(appliance.__version__)')"
payload="$(mktemp -d)"
trap 'rm -rf "$payload"' EXIT
cp dist/appliance "$payload/appliance.exe"
cp dist/appliance-tray "$payload/appliance-tray.exe"
echo "stand-in for WinSW v2.12 (AppManagerService.exe) in the Linux compile check" > "$payload/AppManagerService.exe"
echo "stand-in for WinSW's license (MIT) in the Linux compile check" > "$payload/WinSW-LICENSE.txt"
out="$PWD/dist/AppManager-appliance-$version-setup.exe"
makensis -V2 -WX -DCOMPRESSOR=zlib -DVERSION="$version" -DPAYLOAD="$payload" -DOUTFILE="$out" build/installer.nsi
ls -l "$out"
