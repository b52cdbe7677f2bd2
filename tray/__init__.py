"""The tray icon on the server: the appliance's state at a glance and a few actions.

It talks to the running service only over HTTP on 127.0.0.1: `/health` for the state, and
the local API (`/local/v1/...`, authorised by the token in the data dir's secrets/ folder)
for "import now" and pause/resume watching. The pieces:

    status      TrayStatus from a /health report: colour, tooltip line, details
    client      ServiceClient: /health and the local API over HTTP
    menu        the menu model: entries (label, enabled, default) built from a status
    actions     what each menu entry does (through a Desktop to open URLs and folders)
    desktop     Desktop: opening a URL or a folder on this OS (Windows: os.startfile)
    icon_image  the icon drawn with Pillow, one colour per state
    app         TrayApp: polls /health, keeps the pystray icon and its menu current
    cli         `appliance-tray` / `python -m tray`
"""
