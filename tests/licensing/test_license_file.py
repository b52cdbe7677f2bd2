"""The license file: armor, signature, payload, project and machine checks, each with its own message."""

from __future__ import annotations

import base64
import json

import pytest

from appliance.licensing.armor import BEGIN, END, Envelope, armor, unarmor
from appliance.licensing.errors import LicenseError
from appliance.licensing.fingerprint import machine_fingerprint
from appliance.licensing.keys import key_id, trusted_keys
from appliance.licensing.verify import verify_license
from tests.licensing.conftest import PROJECT


def verify(text, settings, project=PROJECT, fingerprint="AAAA-BBBB-CCCC-DDDD-EEEE"):
    return verify_license(text, trusted_keys(settings), project=project, fingerprint=lambda: fingerprint)


def refusal(text, settings, **kw) -> LicenseError:
    with pytest.raises(LicenseError) as caught:
        verify(text, settings, **kw)
    return caught.value


def body_lines(text: str) -> list[str]:
    return text.strip().splitlines()[1:-1]


def test_a_signed_license_verifies_and_reads_every_field(issue, settings, vendor_keys):
    signed = verify(issue(), settings)
    payload = signed.payload
    assert signed.kid == key_id(vendor_keys.trusted.public_key())
    assert (payload.license_id, payload.customer, payload.project) == ("LIC-1", "Rossi SpA", PROJECT)
    assert payload.seats == {"orders": 3, "information": 1}
    assert payload.modules == ("catalog", "reports")
    assert payload.expires_at.isoformat() == "2027-12-31"
    assert (payload.grace_days, payload.devices_per_user, payload.machine) == (14, 2, None)


def test_the_armor_wraps_base64_at_64_columns(issue):
    text = issue()
    lines = text.strip().splitlines()
    assert lines[0] == BEGIN and lines[-1] == END
    assert all(len(line) == 64 for line in lines[1:-2]) and 0 < len(lines[-2]) <= 64
    document = json.loads(base64.b64decode("".join(lines[1:-1])))
    assert sorted(document) == ["alg", "kid", "payload", "sig"] and document["alg"] == "ed25519"


def test_windows_line_endings_and_surrounding_blank_lines_are_accepted(issue, settings):
    text = "\r\n\r\n" + issue().replace("\n", "\r\n") + "\r\n\r\n"
    assert verify(text, settings).payload.customer == "Rossi SpA"


def test_a_second_trusted_key_verifies_too(issue, settings, vendor_keys):
    assert verify(issue(key=vendor_keys.second), settings).kid == key_id(vendor_keys.second.public_key())


def test_unknown_payload_fields_are_kept_and_ignored(issue, settings):
    payload = verify(issue(support_level="gold", future={"x": 1}), settings).payload
    assert payload.extra == {"support_level": "gold", "future": {"x": 1}}


def test_truncated_file(issue, settings):
    text = issue()
    error = refusal(text[: len(text) // 2], settings)
    assert error.code == "malformed"
    assert "truncated" in str(error) and "send the license file again" in str(error)


def test_missing_body_lines_are_noticed(issue, settings):
    lines = issue().strip().splitlines()
    error = refusal("\n".join(lines[:2] + lines[3:]), settings)
    assert error.code == "malformed" and "part of the file is missing" in str(error)


def test_bad_base64(issue, settings):
    lines = issue().strip().splitlines()
    lines[2] = "!" + lines[2][1:]
    error = refusal("\n".join(lines), settings)
    assert error.code == "malformed" and "line 3 is not base64" in str(error)


def test_armor_lines_missing(issue, settings):
    error = refusal("\n".join(body_lines(issue())), settings)
    assert error.code == "malformed"
    assert "not an appliance license" in str(error) and "Pick the .lic file" in str(error)


def test_missing_begin_line(issue, settings):
    error = refusal("\n".join(issue().strip().splitlines()[1:]), settings)
    assert error.code == "malformed" and BEGIN in str(error)


def test_text_after_the_end_line(issue, settings):
    error = refusal(issue() + "Sent from my phone\n", settings)
    assert error.code == "malformed" and "nothing may follow" in str(error)


def test_binary_garbage(settings):
    error = refusal(b"\x89PNG\r\n\x1a\n\x00\xff", settings)
    assert error.code == "malformed" and "not plain text" in str(error)


def test_an_envelope_with_another_algorithm(settings, vendor_keys):
    envelope = unarmor(armor(Envelope(kid="x", payload=b"{}", sig=b"s")))
    text = armor(Envelope(kid=envelope.kid, payload=b"{}", sig=b"s", alg="rsa"))
    error = refusal(text, settings)
    assert error.code == "malformed" and "only ed25519" in str(error)


def test_signature_by_an_unknown_key(issue, settings, vendor_keys):
    error = refusal(issue(key=vendor_keys.untrusted), settings)
    assert error.code == "unknown_key"
    assert key_id(vendor_keys.untrusted.public_key()) in str(error)
    assert "Ask the vendor" in str(error)


def test_signed_by_one_trusted_key_labelled_with_another_trusted_kid(issue, settings, vendor_keys):
    envelope = unarmor(issue(key=vendor_keys.trusted))
    relabelled = armor(Envelope(kid=key_id(vendor_keys.second.public_key()), payload=envelope.payload,
                                sig=envelope.sig))
    error = refusal(relabelled, settings)
    assert error.code == "bad_signature" and "send the file again, unchanged" in str(error)


def test_payload_changed_by_one_byte(issue, settings):
    envelope = unarmor(issue())
    changed = envelope.payload.replace(b'"orders":3', b'"orders":9')
    assert len(changed) == len(envelope.payload) and changed != envelope.payload
    error = refusal(armor(Envelope(kid=envelope.kid, payload=changed, sig=envelope.sig)), settings)
    assert error.code == "bad_signature"


def test_a_signed_payload_that_is_not_json(settings, vendor_keys):
    key = vendor_keys.trusted
    text = armor(Envelope(kid=key_id(key.public_key()), payload=b"not json", sig=key.sign(b"not json")))
    error = refusal(text, settings)
    assert error.code == "bad_payload" and "not JSON" in str(error)


@pytest.mark.parametrize("field, value, expected", [
    ("customer", "", "'customer' must be a non-empty text"),
    ("seats", {"orders": -1}, "seats of profile 'orders'"),
    ("seats", [25], "'seats' must be an object"),
    ("expires_at", "31/12/2027", "'expires_at' must be a date"),
    ("issued_at", "2026-01-01T00:00:00", "with a time zone"),
    ("devices_per_user", 0, "'devices_per_user' must be a whole number of at least 1"),
    ("modules", "catalog", "'modules' must be a list"),
])
def test_a_signed_payload_with_a_bad_field(issue, settings, field, value, expected):
    error = refusal(issue(**{field: value}), settings)
    assert error.code == "bad_payload" and expected in str(error)
    assert "Ask the vendor for a corrected license" in str(error)


def test_wrong_project(issue, settings):
    error = refusal(issue(project="BIANCHI"), settings)
    assert error.code == "wrong_project"
    assert "'BIANCHI'" in str(error) and f"'{PROJECT}'" in str(error) and "APPLIANCE_PROJECT" in str(error)


def test_an_appliance_without_a_project_code_is_told_to_set_it(issue, settings):
    error = refusal(issue(), settings, project="")
    assert error.code == "wrong_project" and f'project = "{PROJECT}"' in str(error)


def test_machine_mismatch(issue, settings):
    error = refusal(issue(machine="ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ"), settings, fingerprint="AAAA-BBBB-CCCC-DDDD-EEEE")
    assert error.code == "wrong_machine"
    assert "AAAA-BBBB-CCCC-DDDD-EEEE" in str(error) and "appliance fingerprint" in str(error)


def test_machine_match_ignores_case_and_dashes(issue, settings):
    signed = verify(issue(machine="aaaabbbbccccddddeeee"), settings, fingerprint="AAAA-BBBB-CCCC-DDDD-EEEE")
    assert signed.payload.machine == "aaaabbbbccccddddeeee"


def test_a_license_bound_to_this_server_verifies_with_its_real_fingerprint(issue, settings):
    text = issue(machine=machine_fingerprint())
    signed = verify_license(text, trusted_keys(settings), project=PROJECT, fingerprint=machine_fingerprint)
    assert signed.payload.machine == machine_fingerprint()


@pytest.mark.parametrize("saved", [
    lambda text: b"\xef\xbb\xbf" + text.encode(),                             # Notepad: UTF-8 with BOM
    lambda text: b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode(),       # Notepad, CRLF
    lambda text: "\ufeff" + text,                                             # a BOM read as text
    lambda text: text.replace("\n", "\r\r\n").encode(),                       # a mail client's CRLF of CRLF
    lambda text: "\n".join(f"  {line}\t" for line in text.splitlines()).encode(),  # indented by a mail client
], ids=["bom", "bom crlf", "bom text", "cr cr lf", "indented"])
def test_a_bom_and_the_armors_whitespace_are_not_part_of_what_is_signed(issue, settings, saved):
    assert verify(saved(issue()), settings).payload.customer == "Rossi SpA"


def test_a_body_of_7000_nested_brackets_is_damaged_not_a_crash(settings):
    body = base64.b64encode(b"[" * 7000).decode()
    text = "\n".join([BEGIN, *(body[i:i + 64] for i in range(0, len(body), 64)), END])
    error = refusal(text, settings)
    assert error.code == "malformed" and "does not decode to a signed document" in str(error)
