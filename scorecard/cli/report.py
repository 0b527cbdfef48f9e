"""Commands for readers of the scorecard: the table, progress by year, one verdict explained, the memo, the gaps."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from .terminal import write_table
from .common import (
    EXIT_PROBLEMS,
    EXIT_USAGE,
    AllCountriesOption,
    CountryOption,
    FormatOption,
    LangOption,
    ProgressFormat,
    GateLevel,
    NoCacheOption,
    OneCountryOption,
    EmbeddedOption,
    ProjectOption,
    TableFormat,
    fail,
    one_country,
    open_project,
    write,
    parse_years,
)


def evaluate(
    ruleset: Annotated[Optional[str], typer.Argument(metavar="[RULESET]", help="Rule set id (default: the project's default_ruleset).")] = None,
    year: Annotated[Optional[int], typer.Option("--year", "-y", help="Year (default: the latest with evidence).")] = None,
    country: CountryOption = None,
    all_countries: AllCountriesOption = False,
    format: FormatOption = TableFormat.plain,
    fail_on: Annotated[Optional[GateLevel], typer.Option("--fail-on", help="Exit 1 when any assessed verdict is at or below this level (a CI gate).")] = None,
    project: ProjectOption = None,
    embedded: EmbeddedOption = False,
    no_cache: NoCacheOption = False,
) -> None:
    """The scorecard: one row per recommendation with its verdict and citations (several countries: one column each).

    Examples:

      scorecard evaluate

      scorecard evaluate tip-2015-peru --year 2014 --format markdown

      scorecard evaluate tvpa-minimum-standards --country PER --format json

      scorecard evaluate --fail-on unmet        # a CI gate
    """
    from .. import api
    from ..errors import ScorecardError
    from ..models import Scorecard, Status
    from ..render.regional import render_regional
    from ..render.tables import render_scorecard

    try:
        opened = open_project(project, no_cache, embedded)
        result = api.evaluate_countries(opened, ruleset, year, country or [], all_countries)
    except ScorecardError as error:
        fail(error)
    scorecards = [result] if isinstance(result, Scorecard) else result.scorecards
    text = render_scorecard(result, format.value, api.country_names(opened)) if isinstance(result, Scorecard) else render_regional(result, format.value)
    write_table(text) if format is TableFormat.plain else write(text)
    if fail_on is not None and any(api.fails_gate(sc, Status(fail_on.value)) for sc in scorecards):
        sys.stderr.write(f"scorecard: a verdict is at or below {fail_on.value} (--fail-on {fail_on.value})\n")
        raise typer.Exit(EXIT_PROBLEMS)


def progress(
    ruleset: Annotated[str, typer.Argument(metavar="RULESET", help="Rule set id.")],
    years: Annotated[Optional[str], typer.Option("--years", help="Only these years, e.g. 2014,2017 (default: every year with evidence).")] = None,
    follow: Annotated[Optional[str], typer.Option("--follow", metavar="REC", help="Follow this recommendation through the reports that continue it (one row per report).")] = None,
    country: CountryOption = None,
    all_countries: AllCountriesOption = False,
    format: Annotated[ProgressFormat, typer.Option("--format", "-f", help="Output format (svg: the verdict grid as a picture).")] = ProgressFormat.plain,
    lang: LangOption = None,
    project: ProjectOption = None,
    embedded: EmbeddedOption = False,
    no_cache: NoCacheOption = False,
) -> None:
    """Recommendations by year, with each year's verdict and the trend (several countries: rows for each);
    with --follow, one recommendation through successive reports (items linked by `continues`).

    Examples:

      scorecard progress tip-2015-peru

      scorecard progress tip-2015-peru --years 2014,2017 --format csv
    """
    from .. import api
    from ..errors import ScorecardError
    from ..models import Progress
    from ..render.regional import render_regional_progress
    from ..render.tables import render_progress

    from ..memos import country_name, memo_language

    try:
        chosen = parse_years(years)
        opened = open_project(project, no_cache, embedded)
        result = api.progress_countries(opened, ruleset, country or [], all_countries, chosen, follow=follow)
    except ScorecardError as error:
        fail(error)
    if not isinstance(result, Progress):
        if format is ProgressFormat.svg:
            raise typer.BadParameter("the svg grid shows one country; name one with --country", param_hint="--format")
        text = render_regional_progress(result, format.value)
        write_table(text, column=r"\d{4}") if format.value == "plain" else write(text)
        return
    words = memo_language(opened, lang.value if lang else None)
    text = render_progress(result, format.value, api.country_names(opened), lang=words, country=country_name(opened, result.country, words)[0])
    # Only the plain table is coloured for a terminal (from the first year's column on).
    write_table(text, column=r"\d{4}") if format.value == "plain" else write(text)


def explain(
    ruleset: Annotated[str, typer.Argument(metavar="RULESET", help="Rule set id.")],
    recommendation: Annotated[str, typer.Argument(metavar="REC", help="Recommendation id, e.g. R1.")],
    year: Annotated[Optional[int], typer.Option("--year", "-y", help="Year (default: the latest with evidence).")] = None,
    country: OneCountryOption = None,
    project: ProjectOption = None,
    embedded: EmbeddedOption = False,
    no_cache: NoCacheOption = False,
) -> None:
    """Each criterion of one recommendation, the facts it read and their full quotes.

    Examples:

      scorecard explain tip-2015-peru R2

      scorecard explain tip-2015-peru r2 --year 2014      # ids in any case
    """
    from .. import api
    from ..errors import ScorecardError, UnknownRecommendation
    from ..listing import canonical_id
    from ..render.explain import render_explanation

    try:
        opened = open_project(project, no_cache, embedded)
        scorecard = api.evaluate(opened, ruleset, year, one_country(country))
        ids = [r.id for r in scorecard.results]
        recommendation = canonical_id(recommendation, ids)  # r2 finds R2
        if recommendation not in ids:
            raise UnknownRecommendation(ruleset, recommendation, ids)
    except ScorecardError as error:
        fail(error)
    write(render_explanation(scorecard, recommendation, api.country_names(opened)))


MEMO_SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html", ".pdf": "pdf"}


def memo(
    ruleset: Annotated[str, typer.Argument(metavar="RULESET", help="Rule set id.")],
    year: Annotated[Optional[int], typer.Option("--year", "-y", help="Year (default: the latest with evidence).")] = None,
    output: Annotated[
        Optional[Path],
        typer.Option("--output", "-o", help="Write to this file: .html a printable page, .pdf a PDF (the pdf extra), .md Markdown.", dir_okay=False),
    ] = None,
    lang: LangOption = None,
    date: Annotated[Optional[str], typer.Option("--date", help="Date printed on the memo, YYYY-MM-DD (default: today).")] = None,
    country: CountryOption = None,
    all_countries: AllCountriesOption = False,
    project: ProjectOption = None,
    embedded: EmbeddedOption = False,
    no_cache: NoCacheOption = False,
) -> None:
    """An advocacy memo: the table, the findings, quotes as footnotes, the sources (several countries: a section each).

    Examples:

      scorecard memo tip-2015-peru

      scorecard memo tip-2015-peru --year 2017 --output memo.html
    """
    import datetime as dt

    from .. import api
    from ..errors import ScorecardError
    from ..memos import memo_input, memo_language, project_templates
    from jinja2 import TemplateError

    from ..models import Scorecard
    from ..render.memo import render_memo
    from ..render.regional_memo import render_regional_memo
    from ..safe_write import write_atomic

    kind = "markdown" if output is None else MEMO_SUFFIXES.get(output.suffix.lower())
    if kind is None:
        raise typer.BadParameter(
            f'cannot write a memo as "{output.suffix or output.name}"; use .md, .html or .pdf', param_hint="--output"
        )
    try:
        day = dt.date.fromisoformat(date) if date else dt.date.today()
    except ValueError:
        raise typer.BadParameter(f'"{date}" is not a date such as 2026-03-31', param_hint="--date") from None
    try:
        opened = open_project(project, no_cache, embedded)
        result = api.evaluate_countries(opened, ruleset, year, country or [], all_countries)
    except ScorecardError as error:
        fail(error)
    chosen = memo_language(opened, lang.value if lang else None)
    fmt = "markdown" if kind == "markdown" else "html"
    try:
        if isinstance(result, Scorecard):
            text = render_memo(memo_input(opened, result, lang=chosen, date=day), fmt, project_templates(opened))
        else:
            inputs = [memo_input(opened, sc, lang=chosen, date=day) for sc in result.scorecards]
            text = render_regional_memo(result, inputs, fmt)
    except TemplateError as error:
        from ..render.memo import MEMO_TEMPLATES
        from ..templates import render_problem

        sys.stderr.write(f"{render_problem(error, MEMO_TEMPLATES[fmt])}\n")
        raise typer.Exit(EXIT_PROBLEMS)
    if output is None:
        write(text)
        return
    data = text.encode("utf-8")
    if kind == "pdf":
        from ..render.pdf import PdfUnavailable, memo_pdf

        try:
            data = memo_pdf(text)
        except PdfUnavailable as error:
            sys.stderr.write(f"scorecard: {error}\n")
            raise typer.Exit(EXIT_USAGE)
    try:
        write_atomic(output, data)
    except OSError as error:
        sys.stderr.write(f"scorecard: cannot write {output}: {error.strerror or error}\n")
        raise typer.Exit(EXIT_USAGE)
    sys.stderr.write(f"scorecard: wrote {output}\n")


def coverage(
    ruleset: Annotated[Optional[str], typer.Argument(metavar="[RULESET]", help="Rule set id (default: the project's default_ruleset).")] = None,
    country: OneCountryOption = None,
    format: FormatOption = TableFormat.plain,
    project: ProjectOption = None,
    embedded: EmbeddedOption = False,
    no_cache: NoCacheOption = False,
) -> None:
    """For each recommendation and year, the criteria with no evidence: the curator's to-do list.

    Examples:

      scorecard coverage

      scorecard coverage tip-2015-peru --format csv
    """
    from .. import api
    from ..errors import ScorecardError
    from ..render.tables import render_coverage

    try:
        opened = open_project(project, no_cache, embedded)
        result = api.coverage(opened, ruleset, one_country(country))
    except ScorecardError as error:
        fail(error)
    write(render_coverage(result, format.value, api.country_names(opened)))
