"""The ERP exchange file formats: layouts, encoding, parsing and validation (no database)."""
