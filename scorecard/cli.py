"""The command line: parse options, call one api function, render, exit 0 / 1 / 2.

Heavy modules (pydantic models, the evaluator, renderers) are imported inside
the commands so that ``scorecard --help`` starts quickly.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

app = typer.Typer(
    name="scorecard",
    help="How far has a government come on what it was asked to do about human trafficking? "
    "Scores recommendations per year as met, partial, unmet or not assessed, with the quotes behind every verdict.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class TableFormat(str, Enum):
    plain = "plain"
    github = "github"
    markdown = "markdown"
    html = "html"
    latex = "latex"
    csv = "csv"
    json = "json"


class DiagnosticFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"


class GateLevel(str, Enum):
    unmet = "unmet"
    partial = "partial"


ProjectOption = Annotated[
    Optional[Path],
    typer.Option("--project", "-p", help="Project folder (default: the nearest one above here, else the embedded Peru dataset).", file_okay=False),
]
FormatOption = Annotated[TableFormat, typer.Option("--format", "-f", help="Output format.")]
CountryOption = Annotated[Optional[str], typer.Option("--country", "-c", help="ISO 3166 alpha-3 code, for rule sets that apply to any country.")]
NoCacheOption = Annotated[bool, typer.Option("--no-cache", help="Read and check every evidence file, ignoring and not updating .scorecard-cache/.")]


def _fail(error: Exception) -> None:
    """Print a tool failure for people and exit with its code."""
    from .errors import InvalidProject, ScorecardError

    if isinstance(error, InvalidProject) and error.diagnostics:
        from .render.diagnostics import render_diagnostics

        shown = error.diagnostics[:20]
        sys.stderr.write(render_diagnostics(shown, "text", files=0, citations=0, with_summary=False))
        if len(error.diagnostics) > len(shown):
            sys.stderr.write(f"… and {len(error.diagnostics) - len(shown)} more\n")
    sys.stderr.write(f"scorecard: {error}\n")
    raise typer.Exit(error.exit_code if isinstance(error, ScorecardError) else EXIT_USAGE)


def _root(project: Path | None) -> Path:
    return _located(project)[0]


def _located(project: Path | None) -> tuple[Path, bool]:
    """The project root and whether it is the embedded dataset (said on stderr)."""
    from . import api

    root, embedded = api.locate(project)
    if embedded:
        sys.stderr.write("scorecard: no project here; using the embedded Peru dataset (`scorecard init DIR` copies it out)\n")
    return root, embedded


def _cached_root(project: Path | None, no_cache: bool) -> tuple[Path, bool]:
    """The project root and whether to use its evidence cache: not for the embedded
    dataset, which lives in the installed package and is small."""
    root, embedded = _located(project)
    return root, not (no_cache or embedded)


def _open(project: Path | None, no_cache: bool):
    from . import api

    root, cache = _cached_root(project, no_cache)
    return api.open_project(root, cache=cache)


def _years(text: str | None) -> list[int] | None:
    if text is None:
        return None
    try:
        return sorted({int(part) for part in text.split(",") if part.strip()})
    except ValueError:
        raise typer.BadParameter(f'"{text}" is not a list of years such as 2014,2017', param_hint="--years") from None


def _write(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


@app.command()
def validate(
    project: ProjectOption = None,
    format: Annotated[DiagnosticFormat, typer.Option("--format", "-f", help="text for people, json for tools, github for workflow annotations.")] = DiagnosticFormat.text,
    no_cache: NoCacheOption = False,
) -> None:
    """Check every file: YAML, schema, references, citations, source hashes and spans.

    Exit 0 when clean, 1 when any problem is found (all are listed at once).
    """
    from . import api
    from .errors import ScorecardError
    from .render.diagnostics import render_diagnostics

    try:
        root, cache = _cached_root(project, no_cache)
        report = api.validate(root, cache=cache)
    except ScorecardError as error:
        _fail(error)
    text = render_diagnostics(report.diagnostics, format.value, files=report.files, citations=report.citations)
    if format is DiagnosticFormat.text:
        (sys.stderr if report.diagnostics else sys.stdout).write(text)
    else:
        sys.stdout.write(text)
    raise typer.Exit(EXIT_OK if report.ok else EXIT_PROBLEMS)


@app.command()
def evaluate(
    ruleset: Annotated[Optional[str], typer.Argument(metavar="[RULESET]", help="Rule set id (default: the project's default_ruleset).")] = None,
    year: Annotated[Optional[int], typer.Option("--year", "-y", help="Year (default: the latest with evidence).")] = None,
    country: CountryOption = None,
    format: FormatOption = TableFormat.plain,
    fail_on: Annotated[Optional[GateLevel], typer.Option("--fail-on", help="Exit 1 when any assessed verdict is at or below this level (a CI gate).")] = None,
    project: ProjectOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """The scorecard: one row per recommendation with its verdict and citations."""
    from . import api
    from .errors import ScorecardError
    from .models import Status
    from .render.tables import render_scorecard

    try:
        scorecard = api.evaluate(_open(project, no_cache), ruleset, year, country)
    except ScorecardError as error:
        _fail(error)
    _write(render_scorecard(scorecard, format.value))
    if fail_on is not None and api.fails_gate(scorecard, Status(fail_on.value)):
        sys.stderr.write(f"scorecard: a verdict is at or below {fail_on.value} (--fail-on {fail_on.value})\n")
        raise typer.Exit(EXIT_PROBLEMS)


@app.command()
def progress(
    ruleset: Annotated[str, typer.Argument(metavar="RULESET", help="Rule set id.")],
    years: Annotated[Optional[str], typer.Option("--years", help="Only these years, e.g. 2014,2017 (default: every year with evidence).")] = None,
    country: CountryOption = None,
    format: FormatOption = TableFormat.plain,
    project: ProjectOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Recommendations by year, with each year's verdict and the trend."""
    from . import api
    from .errors import ScorecardError
    from .render.tables import render_progress

    try:
        chosen = _years(years)
        result = api.progress(_open(project, no_cache), ruleset, country, chosen)
    except ScorecardError as error:
        _fail(error)
    _write(render_progress(result, format.value))


@app.command()
def explain(
    ruleset: Annotated[str, typer.Argument(metavar="RULESET", help="Rule set id.")],
    recommendation: Annotated[str, typer.Argument(metavar="REC", help="Recommendation id, e.g. R1.")],
    year: Annotated[Optional[int], typer.Option("--year", "-y", help="Year (default: the latest with evidence).")] = None,
    country: CountryOption = None,
    project: ProjectOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Each criterion of one recommendation, the facts it read and their full quotes."""
    from . import api
    from .errors import ScorecardError, UnknownRecommendation
    from .render.explain import render_explanation

    try:
        scorecard = api.evaluate(_open(project, no_cache), ruleset, year, country)
        ids = [r.id for r in scorecard.results]
        if recommendation not in ids:
            raise UnknownRecommendation(ruleset, recommendation, ids)
    except ScorecardError as error:
        _fail(error)
    _write(render_explanation(scorecard, recommendation))


@app.command()
def memo(
    ruleset: Annotated[str, typer.Argument(metavar="RULESET", help="Rule set id.")],
    year: Annotated[int, typer.Option("--year", "-y", help="Year of the scorecard.")],
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file; .html gives a printable page, anything else Markdown.", dir_okay=False)] = None,
    country: CountryOption = None,
    project: ProjectOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """An advocacy memo: the table, the findings, quotes as footnotes, the sources."""
    from . import api
    from .errors import ScorecardError
    from .render.memo import render_memo_html, render_memo_markdown
    from .safe_write import write_atomic

    try:
        opened = _open(project, no_cache)
        scorecard = api.evaluate(opened, ruleset, year, country)
    except ScorecardError as error:
        _fail(error)
    sources = list(opened.sources.values())  # the memo lists those it cites, in catalogue order
    html = output is not None and output.suffix.lower() in (".html", ".htm")
    text = (render_memo_html if html else render_memo_markdown)(scorecard, sources)
    if output is None:
        _write(text)
        return
    try:
        write_atomic(output, text.encode("utf-8"))
    except OSError as error:
        sys.stderr.write(f"scorecard: cannot write {output}: {error.strerror or error}\n")
        raise typer.Exit(EXIT_USAGE)
    sys.stderr.write(f"scorecard: wrote {output}\n")


@app.command()
def coverage(
    ruleset: Annotated[Optional[str], typer.Argument(metavar="[RULESET]", help="Rule set id (default: the project's default_ruleset).")] = None,
    country: CountryOption = None,
    format: FormatOption = TableFormat.plain,
    project: ProjectOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """For each recommendation and year, the criteria with no evidence: the curator's to-do list."""
    from . import api
    from .errors import ScorecardError
    from .render.tables import render_coverage

    try:
        result = api.coverage(_open(project, no_cache), ruleset, country)
    except ScorecardError as error:
        _fail(error)
    _write(render_coverage(result, format.value))


@app.command()
def cite(
    source: Annotated[str, typer.Argument(metavar="SOURCE", help="Source id from seeds/sources.yaml.")],
    quote: Annotated[str, typer.Argument(metavar="QUOTE", help="The words to find.")],
    prefix: Annotated[Optional[str], typer.Option(help="Words just before the quote.")] = None,
    suffix: Annotated[Optional[str], typer.Option(help="Words just after the quote.")] = None,
    project: ProjectOption = None,
) -> None:
    """Where a quote is in a source, or the closest passage: a curation helper."""
    from . import api
    from .errors import ScorecardError
    from .render.cite import render_cite

    try:
        result = api.cite(_root(project), source, quote, prefix, suffix)
    except ScorecardError as error:
        _fail(error)
    _write(render_cite(result))
    raise typer.Exit(EXIT_OK if result.status == "found" and not result.outside_span else EXIT_PROBLEMS)


@app.command()
def fix(
    paths: Annotated[Optional[list[Path]], typer.Argument(metavar="[PATHS]...", help="Only these evidence or rule files (default: all).")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the changes as a unified diff; write nothing.")] = False,
    project: ProjectOption = None,
) -> None:
    """Rewrite quotes that match only after normalisation to the source's own words, and
    add a prefix or suffix to a quote found more than once; comments and layout are kept.

    Exit 0 when done, 1 when some citation needs a repair only a person can make.
    """
    from .errors import ScorecardError
    from .fix import apply, plan, project_paths

    try:
        root = _root(project)
        report = plan(root, project_paths(root, paths) if paths else None)
    except ScorecardError as error:
        _fail(error)
    for note in report.notes:
        sys.stderr.write(f"{note}\n")
    changed = sum(len(f.notes) for f in report.files)
    if dry_run:
        sys.stdout.write(report.diff())
        sys.stderr.write(f"scorecard: would repair {changed} citation(s) in {len(report.files)} file(s); nothing written (--dry-run)\n")
    else:
        try:
            written = apply(report)
        except OSError as error:
            sys.stderr.write(f"scorecard: cannot write: {error.strerror or error}; each file is either wholly repaired or as it was\n")
            raise typer.Exit(EXIT_USAGE)
        sys.stderr.write(f"scorecard: repaired {changed} citation(s) in {len(written)} file(s)\n")
    raise typer.Exit(EXIT_PROBLEMS if report.skipped else EXIT_OK)


@app.command()
def schema(
    write: Annotated[bool, typer.Option("--write", help="Write the schemas into the project's schemas/ folder.")] = False,
    check: Annotated[bool, typer.Option("--check", help="Exit 1 when the project's schemas/ differ from the generated ones.")] = False,
    project: ProjectOption = None,
) -> None:
    """The JSON Schemas (draft-07) of every file kind and of the evaluate JSON output."""
    from .schemas import generate, schema_differences, write_schemas

    schemas = generate()
    if not (write or check):
        import json

        _write(json.dumps(schemas, indent=2, ensure_ascii=False))
        return
    from .errors import ScorecardError

    try:
        root = _root(project)
    except ScorecardError as error:
        _fail(error)
    if check:
        stale = schema_differences(root / "schemas", schemas)
        for name in stale:
            sys.stderr.write(f"schemas/{name} differs from the generated schema; run `scorecard schema --write`\n")
        raise typer.Exit(EXIT_PROBLEMS if stale else EXIT_OK)
    try:
        written = write_schemas(root / "schemas", schemas)
    except (ScorecardError, OSError) as error:
        _fail(error)
    for name in written:
        sys.stderr.write(f"scorecard: wrote schemas/{name}\n")


@app.command()
def init(
    directory: Annotated[Path, typer.Argument(metavar="DIR", help="Folder for the new project (created; must be empty if it exists).", file_okay=False)],
) -> None:
    """Start a project: copy the embedded Peru dataset into DIRECTORY."""
    from . import api
    from .scaffold import init_project
    from .errors import ScorecardError

    try:
        count = init_project(api.embedded_root(), directory)
    except ScorecardError as error:
        _fail(error)
    sys.stderr.write(f"scorecard: created {directory} with {count} files; try `cd {directory} && scorecard validate`\n")


def main() -> None:
    """Console entry point."""
    app()
