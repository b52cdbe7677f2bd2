"""The ERP's side of the documents: queues, export ids, records, the pull API, acknowledgements, legacy files.

A document that becomes exportable (it passed the validation gate, or none applies)
is queued: each of its parts (an order may have been split) gets the id connectors
page on, from one counter per queue taken inside the committing transaction, so ids
become visible in increasing order. Then:

- `queues`: the six queues, their URL names (AMHelper's `coda*` paths and the documented
  aliases), list keys and record types, from connector_api.json.
- `records`: a document as the record the connector receives (every field, spec order,
  ISO dates, `[]` for lists).
- `queueing`: putting a document's parts in its queue (ids, records, legacy files wanted).
- `delivery`: what the connectors did: pages served, ids passed back as `lastID`
  (delivered), acknowledgements (taken by the ERP, with its reference); the document's
  status follows its parts.
- `pull`: the compatible `exportPaginazione` API (parameters, page, envelope).
- `plain`: the same queues as plain JSON (`after`, `limit`) and the acknowledgement body.
- `key`: the connector key (one per installation), compared in constant time.
- `legacy_format` and `legacy_files`: the headerless order file for old connectors,
  written atomically into `<exchange>/appmanager/`.
"""
