"""The embedded store: one DuckDB file of master data, runs, decisions and the audit log.

Each feature owns its tables and declares them with `Store.ensure_schema`; this package only
opens the file, runs transactions and keeps the hash-chained audit log (CONTRACT section 10).
Importing a submodule imports duckdb, so commands that do not use the store never pay for it.
"""
