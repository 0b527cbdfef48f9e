"""Commands for curating a new year: look up indicators, catalogue a source, start a
year's evidence file, and find sentences that probably state a fact not yet recorded."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from .common import FormatOption, ProjectOption, TableFormat, fail, project_root, write

source_app = typer.Typer(
    name="source",
    help="Manage the source catalogue, seeds/sources.yaml.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)


def indicators(
    query: Annotated[Optional[str], typer.Argument(metavar="[QUERY]", help="Only indicators whose id, label, description, unit or values hold every word.")] = None,
    format: FormatOption = TableFormat.plain,
    project: ProjectOption = None,
) -> None:
    """List and search the indicators: id, label, type, unit or basis, enum values in
    order (worst first) and the rule-set items that read each."""
    from ..authoring.vocabulary import list_indicators
    from ..errors import ScorecardError
    from ..loader import load_project
    from ..render.authoring import render_indicators

    try:
        entries = list_indicators(load_project(project_root(project), evidence=False).project, query)
    except ScorecardError as error:
        fail(error)
    write(render_indicators(entries, format.value, query))


@source_app.command("add")
def source_add(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="The source text (UTF-8), as received.", dir_okay=False)],
    id: Annotated[str, typer.Option("--id", help="Its id, e.g. tip-2019-peru.")],
    title: Annotated[str, typer.Option("--title", help="Its title.")],
    publisher: Annotated[str, typer.Option("--publisher", help="Who published it.")],
    date: Annotated[str, typer.Option("--date", help="Publication date, YYYY-MM-DD.")],
    covers: Annotated[str, typer.Option("--covers", help="The reporting period it covers, YYYY-MM/YYYY-MM.")],
    country: Annotated[Optional[str], typer.Option("--country", "-c", help="ISO 3166 alpha-3 code (default: the project's only country).")] = None,
    url: Annotated[Optional[str], typer.Option("--url", help="Where it was published.")] = None,
    heading: Annotated[Optional[str], typer.Option("--heading", help="The country's name as its heading prints it (default: its English name in rules/countries.yaml).")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the catalogue entry; copy and write nothing.")] = False,
    project: ProjectOption = None,
) -> None:
    """Copy FILE to seeds/<id>.txt, compute its SHA-256, propose the span about the
    country from its heading, and append the entry to seeds/sources.yaml (the rest of
    the file is left as it is)."""
    from ..authoring.sources import add_source
    from ..errors import ScorecardError

    try:
        added = add_source(project_root(project), file, source_id=id, title=title, publisher=publisher, published=date,
                           covers=covers, country=country, url=url, heading=heading, dry_run=dry_run)  # fmt: skip
    except (ScorecardError, OSError) as error:
        fail(error)
    sys.stdout.write(added.entry.lstrip("\n"))
    sys.stderr.write(f"scorecard: {added.note}\n")
    if dry_run:
        sys.stderr.write("scorecard: nothing written (--dry-run)\n")
    else:
        sys.stderr.write(f"scorecard: copied {file} to {added.seed} (SHA-256 {added.sha256}) and appended its entry to seeds/sources.yaml\n")


def new_year(
    country: Annotated[str, typer.Argument(metavar="COUNTRY", help="ISO 3166 alpha-3 code, e.g. PER.")],
    year: Annotated[int, typer.Argument(metavar="YEAR", help="The year, e.g. 2018.")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the file; write nothing.")] = False,
    project: ProjectOption = None,
) -> None:
    """Start evidence/<country>/<year>.yaml: valid as it stands, with comments listing the
    sources that cover the year, every indicator the rule sets read, and what the
    previous year recorded for each."""
    from ..authoring.skeleton import new_year as start
    from ..errors import ScorecardError

    try:
        skeleton = start(project_root(project), country, year, dry_run=dry_run)
    except (ScorecardError, OSError) as error:
        fail(error)
    if dry_run:
        sys.stdout.write(skeleton.text)
        return
    since = f", with what {skeleton.previous_year} recorded" if skeleton.previous_year else ""
    sys.stderr.write(f"scorecard: wrote {skeleton.path}: {skeleton.indicators} indicators to look for{since}; "
                     f"`scorecard suggest SOURCE` proposes facts from a source\n")  # fmt: skip


def suggest(
    source: Annotated[str, typer.Argument(metavar="SOURCE", help="Source id from seeds/sources.yaml.")],
    year: Annotated[Optional[int], typer.Option("--year", "-y", help="The year the facts are for (default: the first year the source covers).")] = None,
    project: ProjectOption = None,
) -> None:
    """Sentences of SOURCE (within its span) that probably state a fact for an indicator
    no fact of the year gives yet, as ready-to-edit YAML with the exact quote."""
    from ..authoring.suggest import suggest as find
    from ..errors import ScorecardError
    from ..render.authoring import render_suggestions

    try:
        result = find(project_root(project), source, year)
    except ScorecardError as error:
        fail(error)
    write(render_suggestions(result))
