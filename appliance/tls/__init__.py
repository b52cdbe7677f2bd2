"""HTTPS for the iPads: a local certificate authority, the server certificate, and checks against
Apple's App Transport Security (ATS) rules.

- `files`: where the CA and the server certificate live in the data directory (keys 0600).
- `names`: the names and addresses this machine answers to (what the certificate must cover).
- `authority`: makes the CA and signs server certificates (ECDSA P-256, SHA-256).
- `lifecycle`: `ensure_certificate` makes them at first start and renews before expiry or when
  the machine's names change.
- `importing`: an operator's own certificate (PKCS#12 or PEM), refused when it breaks a rule.
- `rules`: the ATS rules on a certificate; `probe`: the same plus the protocol rules, checked on a
  live connection (`appliance tls check`).
- `context`: the server's `ssl.SSLContext` (TLS 1.2/1.3, ECDHE only).
- `profile`: the Apple configuration profile that installs the CA on an iPad.
- `status`: the `tls` section of /health and the console.
"""
