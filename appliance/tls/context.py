"""The server side of TLS: Python's ssl (OpenSSL) set up for what ATS demands and nothing weaker.

TLS 1.2 and 1.3 only; for TLS 1.2 only ECDHE key exchange with AEAD ciphers (forward
secrecy; TLS 1.3's suites always have it); no compression; the server's preference order.
"""

from __future__ import annotations

import ssl

from appliance.tls.files import TlsFiles

TLS12_CIPHERS = "ECDHE+AESGCM:ECDHE+CHACHA20"


def server_context(files: TlsFiles) -> ssl.SSLContext:
    """A server context holding the current certificate and key."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.set_ciphers(TLS12_CIPHERS)
    context.options |= ssl.OP_NO_COMPRESSION | ssl.OP_CIPHER_SERVER_PREFERENCE | ssl.OP_NO_RENEGOTIATION
    context.load_cert_chain(files.server_cert, files.server_key)
    return context
