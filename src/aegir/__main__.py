"""``python -m aegir``: the same command line as ``aegir``."""

from aegir.cli import main

raise SystemExit(main())
