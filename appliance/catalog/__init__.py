"""The media catalog and the reports: indexing multimedia/ and reports/, and what devices receive of them.

The pieces: `scan` (what is in a folder), `naming` (the file-name rule of filesystem
mode), `indexfile` (io_catalogo.dat and io_reports.dat, read with the ERP checks),
`hashing` and `images` (content hashes, scaled copies and thumbnails in the cache),
`listing` (folders and items in both modes), `indexer` (one area brought up to date,
changes numbered for the devices), `handlers` (the watcher's handlers and /health),
`feed` (pages of changes after a cursor), `access` and `serving` (who may see and
download what), `ranges` (HTTP byte ranges).
"""
