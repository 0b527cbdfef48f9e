"""Where evidence lives: one country-year, one file; one country, one folder; no stray files.

The loader reads ``rules/**/*.yaml`` and ``evidence/<country>/<year>.yaml`` and nothing
else, and evaluation takes one file per country and year.  A second file for the same
country and year, or a country's files split over two folders, would otherwise decide
the verdict silently by which file is read first; a file the loader skips (``2018.yml``,
``2018.YAML``, ``Evidence/``) would otherwise leave ``validate`` saying ok about data it
never read.  Both are reported here, before they can mislead.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic

READ_FOLDERS = ("rules", "evidence")
"""The folders whose YAML files the loader reads (seeds/ files are named by the catalogue)."""

_PROJECT_NAMES = ("evidence", "rules", "seeds", "scorecard.yaml", "reviews.yaml")


@dataclass(frozen=True)
class LayoutProblem:
    """A problem of one evidence file's place: the key it concerns, code, message, hint."""

    key: str
    code: str
    message: str
    hint: str | None


@dataclass
class EvidenceLayout:
    """What the evidence files seen so far say about where each country's files are.

    Files are seen one at a time (validation streams them), so a problem is reported on
    the second file of a pair, naming the first; the messages name both either way.
    Seeing the same file twice is harmless (the cache may look before the full check).
    """

    folder_country: dict[str, tuple[str, str]] = field(default_factory=dict)
    """folder -> (country, first file there)"""
    country_folder: dict[str, tuple[str, str]] = field(default_factory=dict)
    """country -> (folder, first file of it)"""
    country_year: dict[tuple[str, int], str] = field(default_factory=dict)
    """(country, year) -> the first file giving it"""
    reported_folders: dict[tuple[str, str], str] = field(default_factory=dict)
    """(country, second folder) -> the file R021 was reported on (once per folder)"""

    def see(self, path: str, country: str, year: int) -> list[LayoutProblem]:
        folder = path.rpartition("/")[0]
        problems: list[LayoutProblem] = []
        first_country, first_path = self.folder_country.setdefault(folder, (country, path))
        if first_country != country:
            problems.append(LayoutProblem("country", "R008", f'country "{country}" differs from "{first_country}" in {first_path}',
                                          f"an evidence folder holds one country's files; move this file or correct its country"))  # fmt: skip
            return problems  # the folder is wrong already; its other conflicts follow from that
        home, home_path = self.country_folder.setdefault(country, (folder, path))
        if home != folder and self.reported_folders.setdefault((country, folder), path) == path:
            problems.append(LayoutProblem("country", "R021", f'country "{country}" has evidence in two folders: {home}/ (as in {home_path}) and {folder}/',
                                          "keep a country's files in one folder: move one folder's files into the other, or correct the country of the file that names the wrong one"))  # fmt: skip
        first_file = self.country_year.setdefault((country, year), path)
        if first_file != path:
            problems.append(LayoutProblem("year", "R020", f"{path} and {first_file} both give the evidence of {country} for {year}",
                                          "one country-year, one file: merge the facts into one of them and delete the other, or correct the country or year of the one that is wrong"))  # fmt: skip
        return problems


def folder_names(code: str, english_name: str | None) -> list[str]:
    """The folder names that name a country: its English name in lower case with spaces as
    hyphens (``peru``, ``el-salvador``), or its code in lower case (``per``)."""
    names = [code.lower()]
    if english_name:
        names.insert(0, "-".join(english_name.lower().split()))
    return names


def folder_problem(path: str, code: str, english_name: str | None) -> LayoutProblem | None:
    """R021 when the file's folder names another country than the ``country`` it gives
    (only for a country the project describes, whose name is known)."""
    folder = path.rpartition("/")[0]
    names = folder_names(code, english_name)
    if english_name is None or folder.rpartition("/")[2] in names:
        return None
    return LayoutProblem("country", "R021", f'{folder}/ does not name country "{code}" ({english_name}), which this file gives',
                         f"move it to evidence/{names[0]}/, or correct its country")  # fmt: skip


def stray_files(root: Path) -> list[Diagnostic]:
    """Files the loader would skip where a curator expects them read: under rules/ and
    evidence/ every name that is not ``*.yaml`` (hidden files aside), and top-level
    folders or files whose names differ from the project's only in case."""
    found: list[Diagnostic] = []
    try:
        top = sorted(os.listdir(root))
    except OSError:
        return found
    for name in top:
        for expected in _PROJECT_NAMES:
            if name != expected and name.casefold() == expected.casefold():
                found.append(Diagnostic(name, 0, 0, "P003", f'"{name}" is not read: the project\'s name for it is "{expected}"',
                                        hint=f"rename it to {expected}"))  # fmt: skip
    for folder in READ_FOLDERS:
        for path in _files_under(root, folder):
            if not path.endswith(".yaml"):
                found.append(Diagnostic(path, 0, 0, "P003", f"{path} is not read: only files ending in .yaml are", hint=_rename_hint(path)))
    return found


def _files_under(root: Path, folder: str) -> list[str]:
    """Project-relative paths of the files under ``root/folder`` (links not followed: the
    loader reports links of its own), hidden files and folders left out."""
    start = root / folder
    if not start.is_dir() or start.is_symlink():
        return []
    paths = []
    for current, dirs, files in os.walk(start):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        base = Path(current).relative_to(root).as_posix()
        paths += [f"{base}/{name}" for name in files if not name.startswith(".")]
    return sorted(paths)


def _rename_hint(path: str) -> str:
    stem, dot, extension = path.rpartition(".")
    if dot and extension.lower() in ("yml", "yaml"):
        return f"rename it to {Path(stem).name}.yaml"
    return "move it out of the project's rules/ and evidence/ folders, or give it the .yaml ending if it is data"
