"""Tables of a scorecard, of progress across years and of evidence gaps.

Each renderer is a pure function of its result and a format name from
:data:`~.layout.TABLE_FORMATS`; it returns the whole text, ending with a newline.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..models import CitationRef, Coverage, Progress, ProgressRow, RecommendationResult, ReviewNote, Scorecard, Status, Totals, Trend
from .layout import TEXT_FORMATS, check_format, csv_table, json_document, shorten, text_table

TITLE_WIDTH = 60
"""Titles longer than this are cut with an ellipsis in the text tables (never in CSV/JSON)."""

MAX_CITATION_MARKS = 2
"""How many ``source:line`` marks a scorecard row shows before ``+N``."""


def status_label(status: Status) -> str:
    """The word printed for a verdict: ``not assessed`` for NOT_ASSESSED, never ``unmet``."""
    return status.label


def trend_label(trend: Trend) -> str:
    return trend.value.replace("_", " ")


def since_label(row: ProgressRow) -> str:
    """The trend since the baseline, naming it, with what the verdicts did when the
    coverage changed: ``improved``, ``coverage changed (improved)``."""
    label = trend_label(row.trend)
    if row.trend is Trend.COVERAGE_CHANGED:
        label += f" ({trend_label(row.moved)})"
    return label


def last_change_label(row: ProgressRow) -> str:
    if not row.year_over_year:
        return ""
    year = max(row.year_over_year)
    return f"{trend_label(row.year_over_year[year])} ({year})"


PROGRESS_NOTE = (
    "Trends run from each row's baseline, the last assessed year at or before the rule set's issue ({issued}); "
    "earlier years are context only. \"coverage changed\": the two years rest on different shares of the evidence, "
    "so their verdicts are not read as a trend."
)


def percent(score: float | None) -> str:
    """A 0–1 score as a percentage with one decimal, ``n/a`` when nothing was assessed."""
    return "n/a" if score is None else f"{score * 100:.1f}%"


def criteria_count(result: RecommendationResult) -> str:
    """``held/assessed of total``, e.g. ``2/3 of 4``."""
    return f"{result.held}/{result.assessed} of {result.total}"


def citation_marks(citations: Sequence[CitationRef], limit: int | None = MAX_CITATION_MARKS) -> str:
    """``source:line`` of the first distinct (source, line) pairs, in citation order.

    With a ``limit``, at most that many marks followed by ``+N`` for the rest.
    """
    marks = list(dict.fromkeys(f"{c.source}:{c.line}" for c in citations))
    if limit is None or len(marks) <= limit:
        return ", ".join(marks)
    return ", ".join(marks[:limit]) + f" +{len(marks) - limit}"


def totals_line(totals: Totals) -> str:
    return (
        f"Totals: {totals.met} met, {totals.partial} partial, {totals.unmet} unmet, "
        f"{totals.not_assessed} not assessed; weighted score {percent(totals.score)}"
    )


Names = Mapping[str, str]
"""Country code -> the name outputs print (``rules/countries.yaml``); a code not in it prints as itself."""


def country_label(code: str, names: Names | None = None) -> str:
    """``Peru (PER)`` when the project names the country, else the code alone."""
    name = (names or {}).get(code, code)
    return code if name == code else f"{name} ({code})"


def scorecard_heading(sc: Scorecard, names: Names | None = None) -> str:
    return f"{sc.title} — {country_label(sc.country, names)}, {sc.year}"


SCORECARD_HEADERS = ("id", "recommendation", "status", "criteria held", "coverage", "citations")


def coverage_label(coverage: float) -> str:
    """A verdict's coverage (assessed weight over total weight) as a whole percentage."""
    return f"{round(coverage * 100)}%"


def scorecard_rows(sc: Scorecard) -> list[list[str]]:
    """Display rows of a scorecard, in the scorecard's own (rule-file) order."""
    return [
        [r.id, shorten(r.title, TITLE_WIDTH), status_label(r.status), criteria_count(r), coverage_label(r.coverage), citation_marks(r.citations)]
        for r in sc.results
    ]


def conclusion_lines(sc: Scorecard) -> list[str]:
    """The rule set's overall conclusion, tool's indication beside the published tier."""
    c = sc.conclusion
    if c is None:
        return []
    line = f"Conclusion: {c.explanation}."
    if c.differs:
        line += " The indication differs from what the report published."
    return [line]


def render_scorecard(sc: Scorecard, fmt: str, names: Names | None = None) -> str:
    """The scorecard as a table, one row per recommendation, then the totals.

    Order: the scorecard's ``results`` as given, which is the rule file's order of
    recommendations; no re-sorting, so the table reads like the rule set.

    - text formats (``plain``, ``github``/``markdown``, ``html``, ``latex``): a heading with
      rule-set title, country and year; columns id, title (cut to 60 characters), status
      label, ``held/assessed of total``, coverage, the first two ``source:line`` marks and
      ``+N``; a totals line with the weighted score as a percentage; the rule set's
      conclusion (tier indication beside the published tier) when it declares one.
    - ``csv``: one row per recommendation with every field a researcher needs, the full
      explanation and every ``source:line`` mark joined by ``; ``; status as its JSON value
      (``not_assessed``); no totals row.
    - ``json``: ``sc.model_dump(mode="json")``, unchanged.
    """
    check_format(fmt)
    if fmt == "json":
        return json_document(sc.model_dump(mode="json"))
    if fmt == "csv":
        headers = (
            "ruleset", "country", "year", "id", "title", "pillar", "status",
            "held", "assessed", "total", "score", "coverage", "explanation", "citations",
        )
        rows = [
            [
                sc.ruleset, sc.country, sc.year, r.id, r.title, r.pillar.value, r.status.value,
                r.held, r.assessed, r.total, r.score, r.coverage, r.explanation,
                "; ".join(f"{c.source}:{c.line}" for c in r.citations),
            ]
            for r in sc.results
        ]
        if any(r.review is not None for r in sc.results):
            headers = (*headers, "analyst_verdict", "analyst_to_revisit", "analyst_justification", "analyst_author", "analyst_date", "analyst_expires")
            rows = [[*row, *_review_cells(r.review)] for row, r in zip(rows, sc.results)]
        return csv_table(headers, rows)
    assert fmt in TEXT_FORMATS
    if any(r.review is not None for r in sc.results):  # the analyst's verdict beside the rules', never instead
        rows = [[*row, review_label(r.review)] for row, r in zip(scorecard_rows(sc), sc.results)]
        footer = f"{totals_line(sc.totals)}\n{REVIEW_FOOTNOTE}"
        return text_table(fmt, scorecard_heading(sc, names), (*SCORECARD_HEADERS, "analyst"), rows, [footer, *conclusion_lines(sc)])
    return text_table(fmt, scorecard_heading(sc, names), SCORECARD_HEADERS, scorecard_rows(sc), [totals_line(sc.totals), *conclusion_lines(sc)])


REVIEW_FOOTNOTE = "status: the rules' verdict; analyst: a reviewed verdict from reviews.yaml (see `scorecard explain`)"


def review_label(review: ReviewNote | None) -> str:
    """The analyst's verdict for a table cell: ``partial``, ``partial (to revisit)`` when the
    review has expired or the rules' verdict changed under it, empty when there is none."""
    if review is None:
        return ""
    return status_label(review.verdict) + (" (to revisit)" if review.expired or review.outdated else "")


def _review_cells(review: ReviewNote | None) -> list[str | bool | None]:
    if review is None:
        return [None] * 6
    return [review.verdict.value, review.expired or review.outdated, review.justification, review.author, review.date, review.expires]


def _year_range(years: Sequence[int]) -> str:
    if not years:
        return "no years"
    first, last = min(years), max(years)
    return str(first) if first == last else f"{first}–{last}"


def render_progress(p: Progress, fmt: str, names: Names | None = None, *, lang: str = "en", country: str | None = None) -> str:
    """Recommendations × years: the verdict label each year, then the trend.

    ``plain`` fits 100 columns, ``html`` is a styled page with the verdict grid and ``svg``
    the grid alone (see :mod:`.progress`); these two use ``lang`` and the ``country`` name.

    Order: rows as given (the rule file's order of recommendations); year columns in
    ascending order whatever the order of ``p.years``.  A year missing from a row's
    statuses is an empty cell.  ``csv`` gives status and trend as their JSON values
    (``not_assessed``, ``new_evidence``); ``json`` is ``p.model_dump(mode="json")``.
    """
    from .progress import check_progress_format, html_progress, plain_progress, progress_svg

    check_progress_format(fmt)
    if fmt == "json":
        return json_document(p.model_dump(mode="json"))
    if fmt == "svg":
        return progress_svg(p, lang, country)
    if fmt == "html":
        return html_progress(p, lang, country)
    if fmt == "plain":
        return plain_progress(p)
    years = sorted(p.years)
    headers = ["id", "recommendation", *(str(y) for y in years), "baseline", "since baseline", "last change"]
    if fmt == "csv":
        headers = ["country", "id", "title", *(str(y) for y in years), "baseline", "trend", "moved",
                   *(f"coverage_{y}" for y in years), *(f"change_{y}" for y in years)]  # fmt: skip
        rows = [
            [p.country, row.id, row.title, *(row.statuses[y].value if y in row.statuses else None for y in years),
             row.baseline, row.trend.value, row.moved.value,
             *(row.coverage.get(y) for y in years),
             *(row.year_over_year[y].value if y in row.year_over_year else None for y in years)]  # fmt: skip
            for row in p.rows
        ]
        if any(row.reviewed for row in p.rows):  # the analyst's verdicts in columns of their own
            headers += [f"{y} analyst" for y in years]
            rows = [[*cells, *(row.reviewed[y].value if y in row.reviewed else None for y in years)] for cells, row in zip(rows, p.rows)]
        return csv_table(headers, rows)
    rows = [
        [
            row.id,
            shorten(row.title, TITLE_WIDTH),
            *(_progress_cell(row, y) for y in years),
            str(row.baseline) if row.baseline is not None else "",
            since_label(row),
            last_change_label(row),
        ]
        for row in p.rows
    ]
    heading = f"{p.title} — {country_label(p.country, names)}, {_year_range(years)}"
    return text_table(fmt, heading, headers, rows, PROGRESS_NOTE.format(issued=p.issued or "unknown"))


def _progress_cell(row: ProgressRow, year: int) -> str:
    """The rules' verdict with its coverage, and the analyst's beside it when reviewed:
    ``partial 67%``, ``unmet 100% (analyst: partial)``; empty when the year is not a column."""
    if year not in row.statuses:
        return ""
    status = row.statuses[year]
    cell = status_label(status)
    if status is not Status.NOT_ASSESSED and year in row.coverage:
        cell += f" {coverage_label(row.coverage[year])}"
    return f"{cell} (analyst: {status_label(row.reviewed[year])})" if year in row.reviewed else cell


def render_coverage(c: Coverage, fmt: str, names: Names | None = None) -> str:
    """Evidence gaps: one row per (recommendation, year) with criteria lacking evidence.

    Order: by recommendation in order of first appearance in ``c.gaps`` (the rule file's
    order), then by year ascending; criteria and indicators inside a row as given.
    ``csv`` joins lists with ``; ``; ``json`` is ``c.model_dump(mode="json")``.
    """
    check_format(fmt)
    if fmt == "json":
        return json_document(c.model_dump(mode="json"))
    first_seen: dict[str, int] = {}
    for gap in c.gaps:
        first_seen.setdefault(gap.recommendation, len(first_seen))
    gaps = sorted(c.gaps, key=lambda g: (first_seen[g.recommendation], g.year))
    if fmt == "csv":
        return csv_table(
            ("country", "recommendation", "year", "missing_criteria", "indicators"),
            [[c.country, g.recommendation, g.year, "; ".join(g.criteria), "; ".join(g.indicators)] for g in gaps],
        )
    heading = f"Evidence gaps — {c.ruleset} — {country_label(c.country, names)}, {_year_range(c.years)}"
    rows = [[g.recommendation, str(g.year), ", ".join(g.criteria), ", ".join(g.indicators)] for g in gaps]
    footer = None if gaps else "No gaps: every criterion has evidence in every year."
    return text_table(fmt, heading, ("recommendation", "year", "missing criteria", "indicators"), rows, footer)
