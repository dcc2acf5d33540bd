"""`python -m generator` is the `studyplan` command."""

import sys

from .cli import main

sys.exit(main())
