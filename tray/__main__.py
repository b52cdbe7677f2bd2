"""`python -m tray` runs the tray icon, like the `appliance-tray` executable."""

import sys

from tray.cli import main

if __name__ == "__main__":
    sys.exit(main())
