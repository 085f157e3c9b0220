"""``python -m mlopskg``."""

import sys

from mlopskg.cli import main

sys.exit(main())
