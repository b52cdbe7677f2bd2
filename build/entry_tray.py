"""Entry script of the frozen `appliance-tray` executable (windowless on Windows): the same as `python -m tray`."""

import sys

from tray.cli import main

if __name__ == "__main__":
    sys.exit(main())
