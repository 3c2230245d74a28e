"""``python -m newsfix``: the same command line as the ``newsfix`` console script."""

from newsfix.cli import main

raise SystemExit(main())
