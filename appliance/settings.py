"""The appliance's settings: one table of definitions, one typed object built at start.

Precedence, lowest to highest: defaults < `appliance.toml` in the data directory <
`APPLIANCE_*` environment variables < command-line flags. Every value is validated
when the object is built; a bad value stops the program with a message that names
the setting, where the value came from and how to fix it. No other module reads the
environment: the object is passed down.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping

from appliance.errors import ConfigError
from appliance.paths import Paths, default_data_dir

ENV_PREFIX = "APPLIANCE_"


@dataclass(frozen=True)
class Setting:
    """One setting: its name, type, default and help text."""

    name: str
    kind: str  # str | int | float | bool | path | choice | list | paths | clock (HH:MM)
    default: Any
    help: str
    flag: str | None = None
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    in_file: bool = True  # may be set in appliance.toml

    @property
    def env(self) -> str:
        return ENV_PREFIX + self.name.upper()


SETTINGS: tuple[Setting, ...] = (
    Setting("data_dir", "path", None,
            "Folder for the database, archive, logs, cache and license (default: one per-OS location).",
            flag="--data-dir", in_file=False),
    Setting("exchange", "path", None,
            "The exchange folder shared with the ERP connector (holds gestionale/, multimedia/, reports/, appmanager/).",
            flag="--exchange"),
    Setting("project", "str", "",
            "Project code of this installation; must match the license and the connector URL.",
            flag="--project"),
    Setting("host", "str", "127.0.0.1",
            "Address the HTTP server listens on (0.0.0.0 to accept iPads from the LAN).", flag="--host"),
    Setting("port", "int", 8470, "TCP port of the HTTP server (0 picks a free one and logs it).", flag="--port",
            minimum=0, maximum=65535),
    Setting("https_port", "int", 8471,
            "TCP port of the HTTPS server the iPads use (on --host, next to the HTTP port); 0 turns HTTPS off.",
            flag="--https-port", minimum=0, maximum=65535),
    Setting("tls_names", "list", (),
            "Extra DNS names or IP addresses the server certificate covers besides this machine's own (a VPN "
            "name, a NAT address), e.g. appliance.vpn.example.com,10.8.0.1."),
    Setting("device_http", "choice", "refuse",
            "Whether the device API answers over plain HTTP: refuse (403 https_required with the HTTPS URL, "
            "while HTTPS is on and a certificate exists) or allow. The connector API, /health, /ca.crt and "
            "/ca.mobileconfig always stay on HTTP.", choices=("refuse", "allow")),
    Setting("settle_seconds", "float", 10.0,
            "A file is ready when its size and time have not changed for this long.", minimum=0),
    Setting("rescan_minutes", "float", 15.0,
            "Full rescan of the exchange folder every N minutes (the OS misses events on network drives).",
            minimum=0.1),
    Setting("archive_days", "int", 30, "Imported files are kept in the archive this many days.", minimum=0),
    Setting("encoding", "choice", "auto",
            "Text encoding of the ERP files: auto (UTF-8 when the whole file is valid UTF-8, else Windows-1252), "
            "utf-8 or cp1252.", choices=("auto", "utf-8", "cp1252")),
    Setting("encoding_mixed", "choice", "reject",
            "A file that is UTF-8 except for some lines (say, one Windows-1252 byte in a UTF-8 export): reject it "
            "naming those lines, or replace: read it as UTF-8, the bad bytes becoming U+FFFD, and report the lines.",
            choices=("reject", "replace")),
    Setting("max_delete_ratio", "float", 0.5,
            "A snapshot deleting more than this share of a non-empty table is held for an operator.",
            minimum=0, maximum=1),
    Setting("incremental_layouts", "list", (),
            "Layouts whose files are incremental (upsert only, never delete), e.g. io_stoart,io_clifor_righdoc."),
    Setting("busy_timeout_seconds", "float", 300.0,
            "How long a writer waits for another writer (the service or the CLI) before giving up.", minimum=1),
    Setting("log_level", "choice", "INFO", "Level of the log file and console.",
            choices=("DEBUG", "INFO", "WARNING", "ERROR")),
    Setting("log_max_bytes", "int", 5_000_000, "Size at which the log file is rotated.", minimum=10_000),
    Setting("log_backups", "int", 10, "Rotated log files kept.", minimum=1),
    Setting("dev_trusted_key", "paths", (),
            "Development runs only: extra trusted vendor public keys (vendor.pub paths separated by the OS "
            "path separator), so tests can sign their own licenses. The frozen executable ignores it."),
    Setting("password_hash_cost", "int", 15,
            "Cost of the scrypt password hashes as a power of two (15 = 32768 rounds); lower it only for tests.",
            minimum=4, maximum=20),
    Setting("session_days", "int", 30, "A device's session expires after this many days without use.",
            minimum=1, maximum=3650),
    Setting("access_log_days", "int", 90, "Login attempts are kept in the access log this many days.",
            minimum=1),
    Setting("shutdown_grace_seconds", "float", 60.0,
            "On stop, wait this long for the import in progress to finish; after that it is rolled back and "
            "its files are imported again at the next start.", minimum=0),
    Setting("console_idle_minutes", "int", 60,
            "The admin console signs an operator out after this many minutes without a page load.",
            minimum=1, maximum=1440),
    Setting("console_localhost_only", "bool", False,
            "Serve the admin console only to a browser on this server (127.0.0.1 or ::1); other addresses get 403."),
    Setting("sync_tombstone_days", "int", 90,
            "Deleted ERP rows are remembered this many days for the devices' deltas; a device that has not "
            "synced for longer syncs those tables in full.", minimum=1, maximum=3650),
    Setting("device_max_body_bytes", "int", 8_000_000,
            "Largest request body a device may send (document uploads); a larger one is refused with 413.",
            minimum=10_000, maximum=500_000_000),
    Setting("import_processes", "int", 0,
            "Processes that read one large ERP file (0: two on a machine with two "
            "processors or more; 1: one).", minimum=0, maximum=2),
    Setting("media_threads", "int", 0,
            "Threads that hash and scale catalog images (0: one per processor); while an ERP import "
            "runs, scaling gives one processor back to it (at least one thread scales).", minimum=0, maximum=64),
    Setting("sync_row_cache_rows", "int", 100_000,
            "Rows whose JSON the service keeps in memory for device syncs (most rows go to every device); "
            "about 1 KB each. 0 turns the cache off.", minimum=0),
    Setting("connector_max_limit", "int", 500,
            "Most records one page of the connector APIs holds; a connector asking for more gets this many.",
            minimum=1, maximum=10_000),
    Setting("backup_dir", "path", None,
            "Folder for the backup archives (default: <data_dir>/backups); a second disk or a \\\\server\\share "
            "path keeps them off the data disk."),
    Setting("backup_at", "clock", "02:30", "Time of day (HH:MM, this server's time zone) of the daily backup."),
    Setting("backup_keep_daily", "int", 7, "Daily backups kept: the newest of each of the last N days.",
            minimum=1, maximum=366),
    Setting("backup_keep_weekly", "int", 4, "Weekly backups kept beyond the daily ones: the newest of each of the "
            "last N weeks.", minimum=0, maximum=520),
    Setting("backup_passphrase_file", "path", None,
            "A file holding a passphrase: backups are then encrypted (AES-256-GCM); keep a copy of the passphrase "
            "elsewhere, a lost one makes the backups unreadable."),
    Setting("journal_days", "int", 30, "Accepted document uploads are kept in the document journal at least "
            "this many days.", minimum=1, maximum=3650),
    Setting("journal_max_bytes", "int", 16_000_000, "Size at which a document journal file is closed and a new "
            "one started.", minimum=10_000),
)

_BY_NAME = {s.name: s for s in SETTINGS}

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def _field_type(setting: Setting) -> Any:
    return {"str": str, "int": int, "float": float, "bool": bool, "path": Path | None,
            "choice": str, "clock": str, "list": tuple, "paths": tuple}[setting.kind]


def _make_settings_class() -> type:
    fields = [(s.name, _field_type(s)) for s in SETTINGS]
    cls = dataclasses.make_dataclass("Settings", fields + [("sources", dict)], frozen=True)
    cls.__doc__ = "The validated settings of one run; `sources` says where each value came from."
    cls.paths = property(lambda self: Paths(self.data_dir))
    cls.replace = lambda self, **changes: dataclasses.replace(self, **changes)
    return cls


Settings = _make_settings_class()


def _convert(setting: Setting, raw: Any, origin: str) -> Any:
    """Turn a raw value (text from env/flags, or a TOML value) into the setting's type."""

    def fail(reason: str) -> ConfigError:
        return ConfigError(f"Setting '{setting.name}' from {origin}: {reason}. "
                           f"Fix it in {origin} ({setting.help})")

    kind = setting.kind
    if kind == "clock":
        value = str(raw).strip()
        if not re.fullmatch(r"([01]?\d|2[0-3]):[0-5]\d", value):
            raise fail(f"'{value}' is not a time of day like 02:30")
        return value.zfill(5)
    if kind in ("str", "choice"):
        value = str(raw).strip()
        if kind == "choice":
            lookup = {c.lower(): c for c in setting.choices}
            if value.lower() not in lookup:
                raise fail(f"'{value}' is not one of {', '.join(setting.choices)}")
            value = lookup[value.lower()]
        return value
    if kind == "path":
        text = str(raw).strip()
        return Path(text).expanduser() if text else None
    if kind in ("list", "paths"):
        if isinstance(raw, (list, tuple)):
            items = [str(x).strip() for x in raw]
        else:
            sep = os.pathsep if kind == "paths" else ","
            items = [x.strip() for x in str(raw).split(sep)]
        return tuple(x for x in items if x)
    if kind == "bool":
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise fail(f"'{raw}' is not a yes/no value (use true or false)")
    converter: Callable[[Any], Any] = int if kind == "int" else float
    try:
        if isinstance(raw, bool):
            raise ValueError
        value = converter(raw)
    except (TypeError, ValueError):
        noun = "a whole number" if kind == "int" else "a number"
        raise fail(f"'{raw}' is not {noun}") from None
    if setting.minimum is not None and value < setting.minimum:
        raise fail(f"{value} is below the minimum {setting.minimum:g}")
    if setting.maximum is not None and value > setting.maximum:
        raise fail(f"{value} is above the maximum {setting.maximum:g}")
    return value


def _suggest(name: str) -> str:
    close = difflib.get_close_matches(name, list(_BY_NAME), n=1)
    return f" Did you mean '{close[0]}'?" if close else ""


def _read_config_file(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        return {}
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML ({exc}). Fix the file or remove it.") from None
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):  # allow [section] tables: their keys are plain setting names
            flat.update(value)
        else:
            flat[key] = value
    for key in flat:
        setting = _BY_NAME.get(key)
        if setting is None:
            raise ConfigError(f"{path}: unknown setting '{key}'.{_suggest(key)} "
                              f"Remove it or correct its name (`appliance config` lists the settings).")
        if not setting.in_file:
            raise ConfigError(f"{path}: '{key}' cannot be set in the file it lives in; "
                              f"use {setting.flag} or {setting.env}.")
    return flat


def load_settings(flags: Mapping[str, Any] | None = None,
                  environ: Mapping[str, str] | None = None) -> Settings:
    """Build the settings: defaults < appliance.toml < APPLIANCE_* environment < flags.

    `flags` holds command-line values by setting name (None = not given).
    """
    flags = {k: v for k, v in (flags or {}).items() if v is not None}
    environ = os.environ if environ is None else environ
    for key in flags:
        if key not in _BY_NAME:
            raise ConfigError(f"unknown setting '{key}'.{_suggest(key)}")

    values: dict[str, Any] = {}
    sources: dict[str, str] = {}

    def take(name: str, raw: Any, origin: str) -> None:
        values[name] = _convert(_BY_NAME[name], raw, origin)
        sources[name] = origin

    for setting in SETTINGS:
        values[setting.name] = setting.default
        sources[setting.name] = "default"

    # The data directory comes first: the config file lives in it.
    data_setting = _BY_NAME["data_dir"]
    if "data_dir" in flags:
        take("data_dir", flags["data_dir"], data_setting.flag)
    elif environ.get(data_setting.env, "").strip():
        take("data_dir", environ[data_setting.env], data_setting.env)
    if values["data_dir"] is None:
        values["data_dir"] = default_data_dir(environ=environ)
    values["data_dir"] = Path(values["data_dir"]).absolute()

    config_file = Paths(values["data_dir"]).config_file
    for key, raw in _read_config_file(config_file).items():
        take(key, raw, str(config_file))
    for setting in SETTINGS:
        if setting.name != "data_dir" and environ.get(setting.env, "").strip():
            take(setting.name, environ[setting.env], setting.env)
    for key, raw in flags.items():
        if key != "data_dir":
            take(key, raw, _BY_NAME[key].flag or f"--{key.replace('_', '-')}")

    if values["exchange"] is None:
        values["exchange"] = values["data_dir"] / "exchange"
        sources["exchange"] = "default (inside the data dir)"
    values["exchange"] = Path(values["exchange"]).absolute()
    if values["backup_dir"] is None:
        values["backup_dir"] = Paths(values["data_dir"]).backups
        sources["backup_dir"] = "default (inside the data dir)"
    values["backup_dir"] = Path(values["backup_dir"]).absolute()
    return Settings(**values, sources=sources)


def describe(settings: Settings) -> list[tuple[str, str, str, str]]:
    """Rows of (name, value, source, how to set it) for `appliance config`."""
    rows = []
    for setting in SETTINGS:
        value = getattr(settings, setting.name)
        if isinstance(value, tuple):
            value = ",".join(value)
        how = setting.env + (f" or {setting.flag}" if setting.flag else "")
        rows.append((setting.name, "" if value is None else str(value), settings.sources[setting.name], how))
    return rows


def setting(name: str) -> Setting:
    """The definition of one setting."""
    return _BY_NAME[name]
