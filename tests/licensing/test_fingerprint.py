"""This server's fingerprint: stable, derived from the OS machine id, never showing it."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from appliance.licensing.fingerprint import fingerprint_of, machine_fingerprint, machine_id, same_fingerprint

SHAPE = re.compile(r"[A-Z2-7]{4}(-[A-Z2-7]{4}){4}")


def test_the_fingerprint_has_five_groups_of_four():
    assert SHAPE.fullmatch(machine_fingerprint())


def test_it_is_derived_from_the_os_machine_id_without_showing_it():
    assert machine_fingerprint() == fingerprint_of(machine_id())
    assert machine_id().replace("-", "").lower() not in machine_fingerprint().replace("-", "").lower()


def test_on_linux_the_machine_id_file_is_used():
    if sys.platform.startswith("linux"):
        assert machine_id() == Path("/etc/machine-id").read_text().strip()
    else:
        assert machine_id()


def test_different_machines_get_different_fingerprints():
    assert fingerprint_of("machine-a") != fingerprint_of("machine-b")
    assert fingerprint_of(" Machine-A \n") == fingerprint_of("machine-a")


def test_comparison_ignores_case_spaces_and_dashes():
    assert same_fingerprint("ABCD-EFGH-IJKL-MNOP-QRST", "abcd efgh ijkl mnop qrst")
    assert not same_fingerprint("ABCD-EFGH-IJKL-MNOP-QRST", "ABCD-EFGH-IJKL-MNOP-QRSX")
