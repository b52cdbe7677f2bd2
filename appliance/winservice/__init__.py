"""The appliance as a Windows service, run by the WinSW service wrapper (v2.12).

Why a wrapper: the Service Control Manager waits 30 seconds for the program it started
to connect to it (StartServiceCtrlDispatcher) and gives up with error 1053. A one-file
PyInstaller executable first unpacks itself and starts a second process, so a Python
service class inside it (pywin32) is slow to connect or never connects from the process
the SCM started. WinSW is a small service program of its own: it answers the SCM at once
and runs `appliance.exe serve` as an ordinary console child, which stops cleanly on the
Ctrl+C WinSW sends (the same path as SIGTERM, tested on the frozen build in CI). So no
Windows-only code runs inside the service; build/README.md has the details.

    definition  ServiceDefinition (what runs, as whom) and the WinSW XML for it
    control     ServiceControl (install, uninstall, start, stop) and WinswControl, which
                runs the wrapper program (AppManagerService.exe next to appliance.exe)
"""

from appliance.winservice.control import ServiceControl, WinswControl
from appliance.winservice.definition import SERVICE_ID, ServiceAccount, ServiceDefinition, winsw_xml

__all__ = ["SERVICE_ID", "ServiceAccount", "ServiceControl", "ServiceDefinition", "WinswControl", "winsw_xml"]
