"""``python -m scorecard``: the same as the ``scorecard`` command."""

from .cli import main

main()
