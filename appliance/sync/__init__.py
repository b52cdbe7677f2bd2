"""Device sync: what each user may see of the ERP data, and what changed since a device's last sync.

- `scopes`: the scope of every layout (who sees which rows), declared in one table.
- `views`: each user's visible sets, refreshed when their inputs change.
- `cursor`: the opaque position a device pages and resumes with.
- `delta`: one page of a table for a device, and the summary of every table.

This package is imported by the store's index hook: keep this file free of imports.
"""
