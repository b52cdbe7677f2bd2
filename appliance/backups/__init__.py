"""Backups, the restore drill, restores and the document journal: no accepted order is ever lost.

archive: take a backup (online database copy, settings, license, keys, manifest), one
  compressed archive, encrypted with `crypto` when a passphrase is set.
verify: unpack an archive and check it against its manifest (the drill and restore use it).
records, rotation, work: the backup folder, what is kept, the schedule and /health section.
restore: put a backup back; upgrade: a backup before migrations, a stop on a newer schema.
journal, replay: every accepted upload on disk before it is answered, and stored again from there.
"""
