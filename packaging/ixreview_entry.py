"""Entry point of the desktop bundle: the same `ixreview` command the wheel installs.

One executable serves the GUI (`ixreview gui`, the .desktop file's Exec) and the CLI.
"""

import sys

from ixreview.cli import main

if __name__ == "__main__":
    sys.exit(main())
