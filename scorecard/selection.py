"""``validate FILE…``: the project that named files belong to, and the problems in them.

pre-commit and editors pass the files that changed.  The whole project is still
checked (a quote's source, an indicator's declaration and duplicate facts are
cross-file questions), and then only the problems placed in those files are
reported.  A seed text's problems are placed in the catalogue that describes it,
so naming a seed also reports the catalogue's problems.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from .errors import ProjectNotFound
from .loader import SOURCES_FILE, find_root


def project_of(paths: list[Path], project: Path | None = None) -> Path:
    """The root of the one project holding every path (``project`` when given, which
    must hold them all).  Fails closed: a file outside any project is an error."""
    roots: dict[Path, Path] = {}
    for path in paths:
        absolute = path.resolve()
        root = project if project is not None else find_root(absolute if absolute.is_dir() else absolute.parent)
        if root is None:
            raise ProjectNotFound(
                f'"{path}" is not inside a scorecard project (no scorecard.yaml at or above it): '
                "pass --project DIR, or restore the project's scorecard.yaml"
            )
        root = root.resolve()
        if absolute != root and root not in absolute.parents:
            raise ProjectNotFound(f'"{path}" is not inside the project "{root}"')
        roots.setdefault(root, path)
    if len(roots) > 1:
        named = ", ".join(f'"{p}"' for p in roots.values())
        raise ProjectNotFound(f"the files belong to more than one project ({named}): validate each project on its own")
    return next(iter(roots))


def selector(root: Path, paths: list[Path]) -> Callable[[str], bool]:
    """Whether a diagnostic's project-relative path is one of ``paths`` or lies in a
    folder among them."""
    root = root.resolve()
    files, folders = set(), []
    for path in paths:
        absolute = path.resolve()
        name = absolute.relative_to(root).as_posix()
        if absolute.is_dir():
            folders.append("" if name == "." else name + "/")
        else:
            files.add(name)
            if name.startswith("seeds/"):
                files.add(SOURCES_FILE)
    return lambda path: path in files or any(path.startswith(folder) for folder in folders)


def only_files(report, chosen: Callable[[str], bool]):
    """The report with only the diagnostics that ``chosen`` keeps."""
    return replace(report, diagnostics=[d for d in report.diagnostics if chosen(d.path)])
