"""Run the command line in-process from a chosen working folder, as a user at a prompt would."""

import os
from pathlib import Path

from typer.testing import CliRunner

from scorecard.cli import app

runner = CliRunner()


def run_in(cwd: Path, *args: str):
    """``scorecard ARGS`` with ``cwd`` as the working folder; exceptions propagate."""
    previous = Path.cwd()
    os.chdir(cwd)
    try:
        return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)
    finally:
        os.chdir(previous)
