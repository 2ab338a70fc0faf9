"""Run the batch command: `python -m moderation check|redact`."""

import sys

from moderation.cli import main

sys.exit(main())
