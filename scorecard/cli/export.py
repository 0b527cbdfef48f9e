"""``scorecard export``: every verdict, criterion, fact, citation and source, for research."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from .common import EXIT_USAGE, EmbeddedOption, NoCacheOption, ProjectOption, fail, open_project

SQLITE_SUFFIXES = (".sqlite", ".sqlite3", ".db")


def export(
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="FILE.sqlite (every table, with keys and indexes) or FILE.csv (the verdicts table).", dir_okay=False),
    ],
    project: ProjectOption = None,
    embedded: EmbeddedOption = False,
    no_cache: NoCacheOption = False,
) -> None:
    """Tidy long tables across every rule set, country and year: verdicts (with coverage and
    trend), criteria, facts, citations (one row each) and the source catalogue.

    Examples:

      scorecard export --output all.sqlite      # then: datasette all.sqlite, or sqlite3

      scorecard export --output verdicts.csv
    """
    from ..errors import ScorecardError
    from ..export import build_tables

    suffix = output.suffix.lower()
    if suffix not in (*SQLITE_SUFFIXES, ".csv"):
        sys.stderr.write(f'scorecard: cannot tell the format of "{output}": name it .sqlite (all tables) or .csv (the verdicts)\n')
        raise typer.Exit(EXIT_USAGE)
    if output.is_symlink() or (output.exists() and not output.is_file()):
        sys.stderr.write(f'scorecard: "{output}" is not a regular file; export writes only to a new or regular file\n')
        raise typer.Exit(EXIT_USAGE)
    try:
        tables = build_tables(open_project(project, no_cache, embedded))
    except ScorecardError as error:
        fail(error)
    try:
        if suffix == ".csv":
            from ..render.layout import csv_table
            from ..safe_write import write_atomic

            verdicts = next(t for t in tables if t.name == "verdicts")
            write_atomic(output, csv_table(verdicts.column_names, verdicts.rows).encode("utf-8"))
        else:
            from ..export_sqlite import write_sqlite

            write_sqlite(output, tables)
    except OSError as error:
        sys.stderr.write(f"scorecard: cannot write {output}: {error.strerror or error}\n")
        raise typer.Exit(EXIT_USAGE)
    counts = ", ".join(f"{len(t.rows)} {t.name}" for t in tables)
    sys.stderr.write(f"scorecard: wrote {output} ({counts if suffix != '.csv' else f'{len(verdicts.rows)} verdicts'})\n")
