"""This server's fingerprint, which a license may be bound to (`machine`).

The fingerprint is derived from the operating system's own machine identifier
(Windows: the MachineGuid in the registry; Linux: /etc/machine-id; macOS: the
IOPlatformUUID), hashed so the identifier itself is never shown, and printed in
groups of four (`appliance fingerprint`). It survives reboots and upgrades of the
appliance; reinstalling the operating system changes it, and then the vendor issues
a new license.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import subprocess
import sys
import uuid
from functools import lru_cache
from pathlib import Path

from appliance.errors import ApplianceError

_LINUX_IDS = (Path("/etc/machine-id"), Path("/var/lib/dbus/machine-id"))
_GROUP = 4
_LENGTH = 20


def fingerprint_of(machine_id: str) -> str:
    """The fingerprint for an OS machine identifier, e.g. 'K3ZQ-7M2A-...' (5 groups of 4)."""
    digest = hashlib.sha256(b"appliance-machine:" + machine_id.strip().lower().encode("utf-8")).digest()
    text = base64.b32encode(digest).decode("ascii")[:_LENGTH]
    return "-".join(text[i:i + _GROUP] for i in range(0, _LENGTH, _GROUP))


@lru_cache(maxsize=1)
def machine_fingerprint() -> str:
    """This server's fingerprint."""
    return fingerprint_of(machine_id())


def same_fingerprint(a: str, b: str) -> bool:
    """Compare two fingerprints, ignoring case, spaces and dashes."""
    return hmac.compare_digest(_normal(a).encode("ascii", "replace"), _normal(b).encode("ascii", "replace"))


def machine_id(platform: str = sys.platform) -> str:
    """The operating system's identifier of this machine."""
    if platform.startswith("win"):
        return _windows_machine_guid()
    if platform == "darwin":
        return _mac_platform_uuid()
    for path in _LINUX_IDS:
        try:
            text = path.read_text(encoding="ascii").strip()
        except OSError:
            continue
        if text:
            return text
    node = uuid.getnode()
    if node >> 40 & 1:  # a random node: getnode found no network card, so it changes every run
        raise ApplianceError("This machine has no stable identifier (no /etc/machine-id and no network card). "
                             "Create one with `systemd-machine-id-setup`, then run `appliance fingerprint` again.")
    return f"mac:{node:012x}"


def _windows_machine_guid() -> str:
    import winreg  # only on Windows

    with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, r"SOFTWARE\Microsoft\Cryptography", 0,
                        winreg.KEY_READ | winreg.KEY_WOW64_64KEY) as key:
        value, _ = winreg.QueryValueEx(key, "MachineGuid")
    return str(value)


def _mac_platform_uuid() -> str:
    output = subprocess.run(["ioreg", "-rd1", "-c", "IOPlatformExpertDevice"],
                            capture_output=True, text=True, check=True).stdout
    found = re.search(r'"IOPlatformUUID"\s*=\s*"([^"]+)"', output)
    if not found:
        raise ApplianceError("Cannot read this Mac's IOPlatformUUID (ioreg gave none); the fingerprint "
                             "cannot be computed. Run `ioreg -rd1 -c IOPlatformExpertDevice` to check.")
    return found.group(1)


def _normal(text: str) -> str:
    return re.sub(r"[\s-]", "", text).upper()
