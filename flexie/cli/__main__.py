"""``python -m flexie.cli``: the same as the ``flexie`` script."""

import sys

from flexie.cli import main

sys.exit(main())
