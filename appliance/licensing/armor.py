"""The outer shape of a license file: an armored, base64-encoded, signed envelope.

    -----BEGIN APPLIANCE LICENSE-----
    <base64 of {"alg": "ed25519", "kid": ..., "payload": <base64>, "sig": <base64>},
     wrapped at 64 columns>
    -----END APPLIANCE LICENSE-----

Reading is strict: only blank lines may surround the armor, every body line is pure
base64 of at most 64 characters, and the envelope has exactly the four fields. What is
not signed is not checked: a byte order mark (Windows Notepad saves one), CR or CRLF line
ends, blank lines and spaces around the lines (mail clients) are taken away first. What
the payload says is `payload.py`'s business; whether the signature holds is `verify.py`'s.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import json
import re
from dataclasses import dataclass

from appliance.licensing.errors import LicenseError

BEGIN = "-----BEGIN APPLIANCE LICENSE-----"
END = "-----END APPLIANCE LICENSE-----"
LINE_WIDTH = 64
ALGORITHM = "ed25519"
ENVELOPE_FIELDS = ("alg", "kid", "payload", "sig")

_BASE64_LINE = re.compile(r"[A-Za-z0-9+/=]+")
_BODY_DAMAGED = "the body does not decode to a signed document (part of the file is missing or was changed)"
_ASK_VENDOR = "Ask the vendor to send the license file again, as an attachment, unchanged."


@dataclass(frozen=True)
class Envelope:
    """The signed parts of a license: which key signed (`kid`), the payload bytes and the signature."""

    kid: str
    payload: bytes
    sig: bytes
    alg: str = ALGORITHM


def armor(envelope: Envelope) -> str:
    """The license file text for an envelope."""
    document = {
        "alg": envelope.alg,
        "kid": envelope.kid,
        "payload": base64.b64encode(envelope.payload).decode("ascii"),
        "sig": base64.b64encode(envelope.sig).decode("ascii"),
    }
    body = base64.b64encode(json.dumps(document, separators=(",", ":")).encode("utf-8")).decode("ascii")
    lines = [body[i:i + LINE_WIDTH] for i in range(0, len(body), LINE_WIDTH)]
    return "\n".join([BEGIN, *lines, END]) + "\n"


def unarmor(data: str | bytes) -> Envelope:
    """Read a license file's text into its envelope; raises LicenseError(code="malformed")."""
    text = _as_text(data)
    lines = [line.strip() for line in text.splitlines()]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    if BEGIN not in lines and END not in lines:
        raise LicenseError("malformed", "This file is not an appliance license: the BEGIN and END APPLIANCE "
                                        "LICENSE lines are missing. Pick the .lic file the vendor sent.")
    if not lines or lines[0] != BEGIN:
        raise _malformed(f"the first line must be '{BEGIN}'")
    if END not in lines:
        raise _malformed(f"the file is truncated (the line '{END}' is missing)")
    if lines[-1] != END:
        raise _malformed(f"nothing may follow the line '{END}'")
    body_lines = [line for line in lines[1:-1] if line]  # "\r\r\n" (a mail client's CRLF of a CRLF) leaves blanks
    _check_body_lines(body_lines)
    document = _decode_json(_strict_b64("".join(body_lines), "the license body"))
    return _envelope_from(document)


def _as_text(data: str | bytes) -> str:
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    try:
        return data.removeprefix(codecs.BOM_UTF8).decode("ascii")
    except UnicodeDecodeError:
        raise _malformed("it contains bytes that are not plain text") from None


def _check_body_lines(body_lines: list[str]) -> None:
    if not body_lines:
        raise _malformed("there is nothing between the BEGIN and END lines")
    for number, line in enumerate(body_lines, start=2):
        if not line or not _BASE64_LINE.fullmatch(line):
            raise _malformed(f"line {number} is not base64")
        if len(line) > LINE_WIDTH:
            raise _malformed(f"line {number} is longer than {LINE_WIDTH} characters")
    if any(len(line) != LINE_WIDTH for line in body_lines[:-1]):
        raise _malformed("a line is shorter than 64 characters before the last one: part of the file is missing")


def _strict_b64(text: str, what: str) -> bytes:
    if len(text) % 4:
        raise _malformed(f"{what} is not complete base64 (part of the file is missing)")
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise _malformed(f"{what} is not valid base64") from None


def _decode_json(raw: bytes) -> dict:
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _malformed(_BODY_DAMAGED) from None
    if not isinstance(document, dict):
        raise _malformed(_BODY_DAMAGED)
    return document


def _envelope_from(document: dict) -> Envelope:
    missing = [name for name in ENVELOPE_FIELDS if not isinstance(document.get(name), str)]
    if missing:
        raise _malformed(f"the signed document lacks {', '.join(missing)}")
    extra = sorted(set(document) - set(ENVELOPE_FIELDS))
    if extra:
        raise _malformed(f"the signed document has unexpected fields {', '.join(extra)}")
    if document["alg"] != ALGORITHM:
        raise _malformed(f"it is signed with '{document['alg']}', but only {ALGORITHM} is accepted")
    return Envelope(kid=document["kid"], payload=_strict_b64(document["payload"], "the payload"),
                    sig=_strict_b64(document["sig"], "the signature"))


def _malformed(reason: str) -> LicenseError:
    return LicenseError("malformed", f"The license file is damaged: {reason}. {_ASK_VENDOR}")
