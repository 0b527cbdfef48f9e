"""``scorecard init``: copy the embedded dataset out as a new project."""

from __future__ import annotations

import shutil
from pathlib import Path

from .errors import ScorecardError

PROJECT_PARTS = ("scorecard.yaml", "seeds", "rules", "evidence", "schemas")
COPIED_SUFFIXES = {".yaml", ".txt", ".json", ".md"}


def init_project(source: Path, destination: Path) -> int:
    """Copy the project files of ``source`` into ``destination``; returns the number of files."""
    if destination.exists() and (not destination.is_dir() or any(destination.iterdir())):
        raise ScorecardError(f'"{destination}" exists and is not an empty folder; choose a new folder')
    files = [
        path
        for part in PROJECT_PARTS
        for path in ([source / part] if (source / part).is_file() else sorted((source / part).rglob("*")))
        if path.is_file() and path.suffix in COPIED_SUFFIXES
    ]
    try:
        for path in files:
            target = destination / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    except OSError as error:
        raise ScorecardError(f'cannot create the project in "{destination}": {error.strerror or error}') from None
    return len(files)
