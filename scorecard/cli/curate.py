"""Commands for curators: check the files, repair quotes, find a quote, publish the schemas, start a project."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from .common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    DiagnosticFormat,
    NoCacheOption,
    EmbeddedOption,
    ProjectOption,
    cached_root,
    located,
    fail,
    project_root,
    write,
    write_notes,
)


def validate(
    files: Annotated[
        Optional[list[Path]],
        typer.Argument(metavar="[FILE]...", help="Report only the problems in these files (the whole project is still checked).", show_default=False),
    ] = None,
    project: ProjectOption = None,
    embedded: EmbeddedOption = False,
    format: Annotated[
        DiagnosticFormat,
        typer.Option("--format", "-f", help="text for people, json for tools, github for workflow annotations, sarif for code scanning."),
    ] = DiagnosticFormat.text,
    no_cache: NoCacheOption = False,
) -> None:
    """Check every file: YAML, schema, references, citations, source hashes and spans.

    Findings go to stdout; exit 0 when clean, 1 when any problem is found (all are
    listed at once), 2 when there is no project to check. GitHub and SARIF paths are
    relative to the repository's root.

    Examples:

      scorecard validate

      scorecard validate --format github --no-cache --project data/peru

      scorecard validate evidence/peru/2017.yaml        # as pre-commit runs it

      scorecard validate --format sarif > scorecard.sarif
    """
    from .. import api
    from ..errors import ScorecardError
    from ..render.diagnostics import render_diagnostics
    from ..repository import project_prefix
    from ..selection import only_files, project_of, selector

    try:
        if files and not embedded:
            root = project_of(files, located(project)[0] if project is not None else None)
            cache = not no_cache
        else:
            root, cache = cached_root(project, no_cache, embedded)
        report = api.validate(root, cache=cache)
        if files and not embedded:
            report = only_files(report, selector(root, files))
    except ScorecardError as error:
        fail(error)
    write_notes(report.notes)
    prefix = "" if embedded else project_prefix(root)
    if format is DiagnosticFormat.sarif:
        from .. import __version__
        from ..diagnostics import CATALOGUE
        from ..render.sarif import render_sarif

        text = render_sarif(report.diagnostics, list(CATALOGUE.values()), prefix=prefix, version=__version__)
    else:
        text = render_diagnostics(report.diagnostics, format.value, files=report.files, citations=report.citations, prefix=prefix)
    sys.stdout.write(text)  # findings are the command's output: `| grep` must see them
    raise typer.Exit(EXIT_OK if report.ok else EXIT_PROBLEMS)


def cite(
    source: Annotated[str, typer.Argument(metavar="SOURCE", help="Source id from seeds/sources.yaml.")],
    quote: Annotated[str, typer.Argument(metavar="QUOTE", help="The words to find.")],
    prefix: Annotated[Optional[str], typer.Option(help="Words just before the quote.")] = None,
    suffix: Annotated[Optional[str], typer.Option(help="Words just after the quote.")] = None,
    project: ProjectOption = None,
    embedded: EmbeddedOption = False,
) -> None:
    """Where a quote is in a source, or the closest passage: a curation helper.

    Examples:

      scorecard cite tip-2015-peru "increased staff in the anti-trafficking police unit"
    """
    from .. import api
    from ..errors import ScorecardError
    from ..render.cite import render_cite

    try:
        result = api.cite(project_root(project, embedded), source, quote, prefix, suffix)
    except ScorecardError as error:
        fail(error)
    write(render_cite(result))
    raise typer.Exit(EXIT_OK if result.status == "found" and not result.outside_span else EXIT_PROBLEMS)


def fix(
    paths: Annotated[Optional[list[Path]], typer.Argument(metavar="[PATHS]...", help="Only these evidence or rule files (default: all).")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the changes as a unified diff; write nothing.")] = False,
    project: ProjectOption = None,
) -> None:
    """Rewrite quotes that match only after normalisation to the source's own words, and
    add a prefix or suffix to a quote found more than once; comments and layout are kept.

    Exit 0 when done, 1 when some citation needs a repair only a person can make.

    Examples:

      scorecard fix --dry-run

      scorecard fix evidence/peru/2017.yaml
    """
    from ..errors import ScorecardError
    from ..fix import apply, plan, project_paths
    from ..render.escape import visible

    try:
        root = project_root(project)
        report = plan(root, project_paths(root, paths) if paths else None)
    except ScorecardError as error:
        fail(error)
    for note in report.notes:
        sys.stderr.write(f"{note}\n")
    changed = sum(len(f.notes) for f in report.files)
    refused: list[tuple[str, str]] = []
    if dry_run:
        sys.stdout.write(visible(report.diff()))
        sys.stderr.write(f"scorecard: would repair {changed} citation(s) in {len(report.files)} file(s); nothing written (--dry-run)\n")
    else:
        try:
            written, refused = apply(report)
        except OSError as error:
            sys.stderr.write(f"scorecard: cannot write: {error.strerror or error}; each file is either wholly repaired or as it was\n")
            raise typer.Exit(EXIT_USAGE)
        for path, why in refused:
            sys.stderr.write(f"{visible(path)}: not repaired: {visible(why)}\n")
        repaired = sum(len(f.notes) for f in report.files if f.path in written)
        sys.stderr.write(f"scorecard: repaired {repaired} citation(s) in {len(written)} file(s)\n")
    raise typer.Exit(EXIT_PROBLEMS if report.skipped or refused else EXIT_OK)


def schema(
    write: Annotated[bool, typer.Option("--write", help="Write the schemas into the project's schemas/ folder.")] = False,
    check: Annotated[bool, typer.Option("--check", help="Exit 1 when the project's schemas/ differ from the generated ones.")] = False,
    project: ProjectOption = None,
) -> None:
    """The JSON Schemas (draft-07) of every file kind and of the evaluate JSON output.

    Examples:

      scorecard schema --check

      scorecard schema --write
    """
    from ..schemas import generate, schema_differences, write_schemas

    schemas = generate()
    if not (write or check):
        import json

        write(json.dumps(schemas, indent=2, ensure_ascii=False))
        return
    from ..errors import ScorecardError

    try:
        root = project_root(project)
    except ScorecardError as error:
        fail(error)
    if check:
        stale = schema_differences(root / "schemas", schemas)
        for name in stale:
            sys.stderr.write(f"schemas/{name} differs from the generated schema; run `scorecard schema --write`\n")
        raise typer.Exit(EXIT_PROBLEMS if stale else EXIT_OK)
    try:
        written = write_schemas(root / "schemas", schemas)
    except (ScorecardError, OSError) as error:
        fail(error)
    for name in written:
        sys.stderr.write(f"scorecard: wrote schemas/{name}\n")


def init(
    directory: Annotated[Path, typer.Argument(metavar="DIR", help="Folder for the new project (created; must be empty if it exists).", file_okay=False)],
    country: Annotated[Optional[str], typer.Option("--country", "-c", help="Start an empty project for this country (ISO 3166 alpha-3 code).")] = None,
    example: Annotated[bool, typer.Option("--example", help="Copy the example dataset shipped with the tool (the default).")] = False,
) -> None:
    """Start a project in DIRECTORY: empty, for one country (--country CODE), or a copy of the example dataset (--example).

    Examples:

      scorecard init my-project --example

      cd my-project && scorecard validate
    """
    from .. import api
    from ..scaffold import init_country_project, init_project
    from ..errors import ScorecardError

    if country is not None and example:
        raise typer.BadParameter("give --country CODE or --example, not both", param_hint="--country")
    try:
        if country is not None:
            count, folder = init_country_project(api.embedded_root(), directory, country)
            sys.stderr.write(f"scorecard: created {directory} for {country.upper()} with {count} files and an empty {folder}/; see {directory}/README.md\n")
            return
        count = init_project(api.embedded_root(), directory)
    except ScorecardError as error:
        fail(error)
    sys.stderr.write(f"scorecard: created {directory} with {count} files (the example dataset); try `cd {directory} && scorecard validate`\n")
