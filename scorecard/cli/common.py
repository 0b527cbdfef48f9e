"""What every command shares: option types, exit codes, finding the project, failing for people."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class TableFormat(str, Enum):
    plain = "plain"
    github = "github"
    markdown = "markdown"
    html = "html"
    latex = "latex"
    csv = "csv"
    json = "json"


class Language(str, Enum):
    en = "en"
    es = "es"


ProgressFormat = Enum("ProgressFormat", {f.value: f.value for f in TableFormat} | {"svg": "svg"}, type=str)  # type: ignore[misc]
"""The table formats and ``svg``, the verdict grid as a picture (``progress`` only)."""


class DiagnosticFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


class GateLevel(str, Enum):
    unmet = "unmet"
    partial = "partial"


ProjectOption = Annotated[
    Optional[Path],
    typer.Option("--project", "-p", help="Project folder, holding scorecard.yaml (default: the nearest one at or above here).", file_okay=False),
]
EmbeddedOption = Annotated[
    bool,
    typer.Option("--embedded", help="Use the Peru dataset shipped with the tool instead of a project folder."),
]
FormatOption = Annotated[TableFormat, typer.Option("--format", "-f", help="Output format.")]
CountryOption = Annotated[
    Optional[list[str]],
    typer.Option("--country", "-c", help="ISO 3166 alpha-3 code (any case), for rule sets that apply to any country; several: PER,PRY or --country repeated."),
]
OneCountryOption = Annotated[
    Optional[list[str]],
    typer.Option("--country", "-c", help="ISO 3166 alpha-3 code (any case), for rule sets that apply to any country."),
]
AllCountriesOption = Annotated[bool, typer.Option("--all-countries", help="Every country with evidence, side by side (rule sets that apply to any country).")]
LangOption = Annotated[Optional[Language], typer.Option("--lang", help="Language of the words the tool adds (default: the project's lang, else en).")]
NoCacheOption = Annotated[bool, typer.Option("--no-cache", help="Read and check every evidence file, ignoring and not updating .scorecard-cache/.")]


def fail(error: Exception) -> None:
    """Print a tool failure for people and exit with its code."""
    from ..errors import InvalidProject, ScorecardError

    if isinstance(error, InvalidProject) and error.diagnostics:
        from ..render.diagnostics import render_diagnostics

        shown = error.diagnostics[:20]
        sys.stderr.write(render_diagnostics(shown, "text", files=0, citations=0, with_summary=False))
        if len(error.diagnostics) > len(shown):
            sys.stderr.write(f"… and {len(error.diagnostics) - len(shown)} more\n")
    from ..render.escape import visible

    sys.stderr.write(f"scorecard: {visible(str(error))}\n")  # it may quote a name from the data
    raise typer.Exit(error.exit_code if isinstance(error, ScorecardError) else EXIT_USAGE)


def project_root(project: Path | None, embedded: bool = False) -> Path:
    return located(project, embedded)[0]


def first_run() -> bool:
    """Whether a person is at a terminal outside CI: only then may a command fall back
    to the embedded dataset unasked (and say so), as a first taste of the tool."""
    import os

    return sys.stdin.isatty() and sys.stderr.isatty() and not os.environ.get("CI")


def located(project: Path | None, embedded: bool = False) -> tuple[Path, bool]:
    """The project root and whether it is the embedded dataset (said on stderr when
    it was not asked for)."""
    from .. import api

    root, is_embedded = api.locate(project, embedded=embedded, first_run=first_run())
    if is_embedded and not embedded:
        sys.stderr.write(
            "scorecard: no project here; using the embedded example dataset (Peru) "
            "(pass --embedded to say so, --project DIR for yours; `scorecard init --help` starts one)\n"
        )
    return root, is_embedded


def cached_root(project: Path | None, no_cache: bool, embedded: bool = False) -> tuple[Path, bool]:
    """The project root and whether to use its evidence cache: not for the embedded
    dataset, which lives in the installed package and is small."""
    root, is_embedded = located(project, embedded)
    return root, not (no_cache or is_embedded)


def open_project(project: Path | None, no_cache: bool, embedded: bool = False):
    from .. import api

    root, cache = cached_root(project, no_cache, embedded)
    opened = api.open_project(root, cache=cache)
    write_notes(opened.notes)
    return opened


def write_notes(notes: list[str]) -> None:
    """What a run has to say besides problems (about the cache), on stderr."""
    from ..render.escape import strip_controls

    for note in notes:
        sys.stderr.write(f"scorecard: note: {strip_controls(note)}\n")


def one_country(codes: list[str] | None) -> str | None:
    """The one country a command takes (``explain``, ``coverage``): several is a usage
    error, never the last one silently."""
    from ..countries import parse_codes
    from ..errors import ScorecardError

    try:
        parsed = parse_codes(codes or [])
    except ScorecardError as error:
        raise typer.BadParameter(str(error), param_hint="--country") from None
    if len(parsed) > 1:
        raise typer.BadParameter(f"this command takes one country, not {len(parsed)} ({', '.join(parsed)})", param_hint="--country")
    return parsed[0] if parsed else None


def parse_years(text: str | None) -> list[int] | None:
    if text is None:
        return None
    try:
        return sorted({int(part) for part in text.split(",") if part.strip()})
    except ValueError:
        raise typer.BadParameter(f'"{text}" is not a list of years such as 2014,2017', param_hint="--years") from None


def write(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
