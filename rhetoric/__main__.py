"""`python -m rhetoric`: the command line."""

import sys

from rhetoric.cli import main

sys.exit(main())
