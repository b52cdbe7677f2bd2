"""The only package that talks SQL: the database handle, migrations and one module per domain."""
