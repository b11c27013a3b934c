"""`python -m ranking` is the `dti` command."""

from ranking.cli import main

raise SystemExit(main())
