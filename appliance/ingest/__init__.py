"""Loading the ERP's files: validate, stage, diff and commit whole batches atomically."""
