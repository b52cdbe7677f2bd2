"""The health report: what the tray, monitoring and an operator need to see at a glance.

Always 200 while the process answers; `status` says "ok" or "degraded" and `problems`
says why (exchange folder missing, a watched folder missing, a failed batch, files
waiting for an operator, a license that refuses device logins). Other modules add sections
through `service.add_health(name, fn)`; the license section is built here. `GET /health` (in
`web/health.py`) and the console's dashboard both show this report.
"""

from __future__ import annotations

from appliance import __version__
from appliance.licensing import license_status
from appliance.messages import days
from appliance.store.imports import last_import

LICENSE_KEYS = ("state", "message", "login_allowed", "customer", "project", "expires_at", "last_grace_day",
                "modules", "seats", "warnings")
# License states in which devices cannot log in: a problem for the operator.
LICENSE_PROBLEMS = ("expired", "invalid", "not_yet_valid", "clock_rollback")


def license_section(service) -> dict:
    """The part of the license state that monitoring and the tray need."""
    status = license_status(service.store, service.settings)
    return {key: status[key] for key in LICENSE_KEYS}


def health_report(service) -> dict:
    """The /health document for a service."""
    watch = service.watcher.state()
    files = service.waiting_files()
    report = {
        "status": "ok",
        "problems": [],
        "version": __version__,
        "started_at": service.started_at.isoformat(timespec="seconds"),
        "uptime_seconds": round(service.uptime_seconds(), 1),
        "exchange": watch["exchange"],
        "folders": watch["folders"],
        "workers": watch["workers"],
        "last_import": _last_import(service),
        "files": files,
    }
    report.update(service.health_sections())
    report["problems"] = _problems(report)
    report["status"] = "degraded" if report["problems"] else "ok"
    return report


def _last_import(service) -> dict | None:
    row = last_import(service.store)
    if row is None:
        return None
    return {"time": row["finished_at"], "file": row["file_name"], "result": row["result"],
            "message": row["message"]}


def _problems(report: dict) -> list[str]:
    problems = []
    if (report.get("data_dir") or {}).get("problem"):
        problems.append(f"the data folder is not writable: {report['data_dir']['problem']}")
    if report["exchange"]["state"] == "missing":
        problems.append(f"exchange folder {report['exchange']['path']} is missing")
    else:
        problems.extend(f"{name}/ is missing" for name, folder in report["folders"].items()
                        if folder["state"] == "missing")
    problems.extend(f"the last {kind} batch failed: {worker['last_error']}"
                    for kind, worker in report["workers"].items() if worker["failing"])
    license = report.get("license") or {}
    if license.get("state") in LICENSE_PROBLEMS:
        problems.append(f"license {license['state']}: {license.get('message', '')}")
    problems.extend(_certificate_problems(report.get("tls") or {}))
    backups = report.get("backups") or {}
    if backups.get("problem"):
        problems.append(backups["problem"])
    for kind in ("rejected", "held"):
        problems.extend(_waiting(report["files"][kind], kind))
    return problems


def _waiting(count: int, kind: str) -> list[str]:
    """ "1 rejected file waits for an operator", "2 held files wait for an operator"; nothing for 0."""
    if not count:
        return []
    return [f"1 {kind} file waits for an operator" if count == 1 else f"{count} {kind} files wait for an operator"]


def _certificate_problems(tls: dict) -> list[str]:
    """An HTTPS certificate the iPads refuse now, or an imported one that nobody renews for them soon."""
    expiry = (tls.get("expires_at") or "")[:10]
    if tls.get("state") == "expired":
        return [f"the HTTPS certificate expired on {expiry}: iPads cannot connect until it is renewed"]
    if tls.get("state") == "expiring" and tls.get("source") == "imported":
        return [f"the imported HTTPS certificate expires on {expiry} ({days(tls['days_left'])} left): "
                f"import its renewal"]
    return []
