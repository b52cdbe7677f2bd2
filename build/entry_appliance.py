"""Entry script of the frozen `appliance` executable: the same command line as `python -m appliance`."""

import multiprocessing
import sys

from appliance.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # a frozen Windows executable must say so before any child starts
    sys.exit(main())
