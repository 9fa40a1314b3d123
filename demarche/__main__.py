"""``python -m demarche``: the same as the ``demarche`` command."""

import sys

from .cli import main

sys.exit(main())
