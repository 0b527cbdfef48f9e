"""Snapshot files: compare a rendering with its committed file, or rewrite it.

Run with ``UPDATE_SNAPSHOTS=1`` to write the files, then review the diff."""

from __future__ import annotations

import os
from pathlib import Path


def check_snapshot(folder: Path, name: str, text: str) -> None:
    path = folder / name
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        path.parent.mkdir(exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        return
    assert path.exists(), f"no snapshot {path.name}: run with UPDATE_SNAPSHOTS=1 to create it"
    with open(path, encoding="utf-8", newline="") as f:
        expected = f.read()
    assert text == expected, f"{path.name} differs; if the change is intended, run with UPDATE_SNAPSHOTS=1"
