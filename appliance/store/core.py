"""Core tables: counters, the state of each ERP table, and the import log."""

from __future__ import annotations

import sqlite3

from appliance.store.migrations import migration, run_script


@migration("0001", "counters, ERP table state and import log")
def _core_tables(conn: sqlite3.Connection) -> None:
    run_script(conn, """
        CREATE TABLE _counters (
            name  TEXT PRIMARY KEY,
            value INTEGER NOT NULL
        );
        CREATE TABLE erp_tables (
            name           TEXT PRIMARY KEY,
            layout         TEXT,
            columns        TEXT NOT NULL,
            last_md5       TEXT,
            last_file      TEXT,
            last_import_id INTEGER,
            last_seq       INTEGER NOT NULL DEFAULT 0,
            live_rows      INTEGER NOT NULL DEFAULT 0,
            updated_at     TEXT
        );
        CREATE TABLE import_log (
            id             INTEGER PRIMARY KEY,
            batch_id       TEXT NOT NULL,
            file_name      TEXT NOT NULL,
            table_name     TEXT,
            layout         TEXT,
            source_path    TEXT,
            stored_path    TEXT,
            md5            TEXT,
            size           INTEGER,
            encoding       TEXT,
            started_at     TEXT NOT NULL,
            finished_at    TEXT NOT NULL,
            seconds        REAL NOT NULL,
            rows_read      INTEGER NOT NULL DEFAULT 0,
            rows_new       INTEGER NOT NULL DEFAULT 0,
            rows_changed   INTEGER NOT NULL DEFAULT 0,
            rows_deleted   INTEGER NOT NULL DEFAULT 0,
            rows_unchanged INTEGER NOT NULL DEFAULT 0,
            result         TEXT NOT NULL CHECK (result IN ('imported', 'skipped', 'rejected', 'held')),
            forced         INTEGER NOT NULL DEFAULT 0,
            errors_count   INTEGER NOT NULL DEFAULT 0,
            warnings_count INTEGER NOT NULL DEFAULT 0,
            message        TEXT NOT NULL DEFAULT '',
            problems       TEXT NOT NULL DEFAULT '[]',
            seq_from       INTEGER,
            seq_to         INTEGER
        );
        CREATE INDEX import_log_finished ON import_log(finished_at);
        CREATE INDEX import_log_result ON import_log(result, id);
    """)
