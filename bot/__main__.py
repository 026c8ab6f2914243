"""`python -m bot` runs the `thidua` command line."""

import sys

from bot.cli import main

sys.exit(main())
