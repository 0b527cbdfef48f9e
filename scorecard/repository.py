"""Where a project sits in its repository: CI tools want paths from the repository's root.

GitHub annotations and SARIF results name files relative to the checkout, while
diagnostics name them relative to the project; a project in ``data/peru`` would
otherwise have its problems pinned on files that do not exist.
"""

from __future__ import annotations

from pathlib import Path


def repository_root(project: Path) -> Path:
    """The nearest folder at or above the project holding ``.git`` (a folder, or the file
    that worktrees and submodules have), else the project itself."""
    project = project.resolve()
    for folder in (project, *project.parents):
        if (folder / ".git").exists():
            return folder
    return project


def project_prefix(project: Path) -> str:
    """The project's folder relative to its repository's root, as a path prefix:
    ``"data/peru/"``, or ``""`` when the project is the repository."""
    project = project.resolve()
    relative = project.relative_to(repository_root(project)).as_posix()
    return "" if relative == "." else relative + "/"
