"""`python -m appliance_vendor` runs the same command line as the `appliance-vendor` script."""

import sys

from appliance_vendor.cli import main

if __name__ == "__main__":
    sys.exit(main())
