"""What happens to a document after it is received: order rules, the validation gate, the operator's actions.

- `rules`: the parameters processing reads, fresh each time (a change made from the CLI
  or the console applies to the next document without a restart).
- `facts`: the ERP data an order's rules need (article family, perishability code,
  description; the customer's payment code) and the payment transcoding table, read
  before the write lock.
- `split`: the order rules as a pure function: split by family / delivery date /
  destination / perishability, line order, delivery days, payment transcoding.
- `paytrans`: the payment transcoding table (list, set, remove).
- `processing`: `Processor`, hooked into intake: computes a document's parts inside the
  transaction that stores it, then holds it for validation or queues it.
- `actions`: the operator's functions (list, show, validate, reject, reprocess, queue
  again), shared by the CLI and the console.
- `status`: the agents' view of their orders (`GET /api/v1/documents/orders`).

A document's status: `received` -> `pending` (waiting for an operator) or `queued`;
`pending` -> `queued` or `rejected`; `queued` -> `delivered` -> `taken`.
"""
