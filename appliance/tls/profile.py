"""The Apple configuration profile (`.mobileconfig`) that installs the local CA on an iPad.

One `com.apple.security.root` payload holding the CA certificate (DER). Its UUIDs come
from the certificate's fingerprint, so downloading it again gives the same profile and iOS
replaces rather than duplicates it. It is not signed: iOS shows it as "Not Verified",
which is expected for a profile made on site (an MDM signs its own).
"""

from __future__ import annotations

import hashlib
import plistlib
import uuid

from cryptography import x509
from cryptography.hazmat.primitives import serialization

CONTENT_TYPE = "application/x-apple-aspen-config"
IDENTIFIER = "com.appmanager.appliance"


def mobileconfig(ca_cert: x509.Certificate, project: str, host: str) -> bytes:
    """The profile as an XML property list."""
    der = ca_cert.public_bytes(serialization.Encoding.DER)
    digest = hashlib.sha256(der).digest()
    label = " ".join(part for part in ("AppManager", project, host) if part)
    payload = {
        "PayloadType": "com.apple.security.root",
        "PayloadVersion": 1,
        "PayloadIdentifier": f"{IDENTIFIER}.ca.{digest[:6].hex()}",
        "PayloadUUID": str(uuid.UUID(bytes=digest[:16])).upper(),
        "PayloadDisplayName": f"{label} CA",
        "PayloadDescription": "Certificate authority of the AppManager appliance on your company's server.",
        "PayloadCertificateFileName": "appmanager-ca.cer",
        "PayloadContent": der,
    }
    profile = {
        "PayloadType": "Configuration",
        "PayloadVersion": 1,
        "PayloadIdentifier": f"{IDENTIFIER}.profile.{digest[:6].hex()}",
        "PayloadUUID": str(uuid.UUID(bytes=digest[16:32])).upper(),
        "PayloadDisplayName": f"{label} (HTTPS)",
        "PayloadDescription": f"Lets this iPad trust the AppManager server {host} over HTTPS.",
        "PayloadOrganization": "AppManager",
        "PayloadRemovalDisallowed": False,
        "PayloadContent": [payload],
    }
    return plistlib.dumps(profile, fmt=plistlib.FMT_XML)
