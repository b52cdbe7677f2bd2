"""Documents from the devices: orders (and offers), customers, customer notes, leads, lead notes, activities.

- `kinds`: the kinds, their record shapes (from connector_api.json) and the fields the
  server sets.
- `shape`: the shape check (422 naming each bad field).
- `canonical`: exact JSON text and the canonical form retries are compared in.
- `checks`: business-rule warnings (never a rejection).
- `intake`: `accept` and `accept_batch`, idempotent by guid.

A stored document starts in status `received`. What happens next (splitting orders,
an operator's validation, queueing for the connector with per-queue export ids, the
legacy files) is a sequence of steps, each recorded with `store.documents.advance`.
"""
