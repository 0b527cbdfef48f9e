"""Regional tables: one rule set, several countries side by side.

Pure functions of a :class:`~scorecard.models.regional.RegionalScorecard` (or
``RegionalProgress``) and a format name.  Countries appear in the order asked for, never
ranked; every verdict shows its coverage (how much of its criteria's weight evidence could
assess), and the totals say when the countries' scores cannot be compared.
"""

from __future__ import annotations

from ..models import Totals
from ..models.regional import RegionalProgress, RegionalScorecard, verdict_coverage
from .layout import TEXT_FORMATS, check_format, csv_table, json_document, shorten, text_table
from .tables import TITLE_WIDTH, country_label, percent, status_label, trend_label


def verdict_cell(status_word: str, coverage: float) -> str:
    """``partial (75% assessed)``: a verdict and how much of it evidence could assess."""
    return f"{status_word} ({coverage * 100:.0f}% assessed)"


def _totals_cell(totals: Totals, count: int) -> str:
    assessed = count - totals.not_assessed
    return f"{percent(totals.score)} over {assessed} of {count} assessed"


def render_regional(r: RegionalScorecard, fmt: str) -> str:
    """Recommendations × countries for one year.

    - text formats: a heading with the rule set, the countries and the year; one row per
      recommendation (rule-file order), one column per country (the order asked for) with
      the verdict and its coverage; a totals row (weighted score over how many
      recommendations were assessed); a closing line saying whether the scores compare.
    - ``csv``: one row per country and recommendation, the country's code and name on each.
    - ``json``: the regional scorecard, with ``country`` added to every result.
    """
    check_format(fmt)
    if fmt == "json":
        data = r.model_dump(mode="json")
        for card in data["scorecards"]:
            card["results"] = [{"country": card["country"], **result} for result in card["results"]]
        return json_document(data)
    if fmt == "csv":
        headers = (
            "ruleset", "country", "country_name", "year", "id", "title", "pillar", "status", "coverage",
            "held", "assessed", "total", "score", "explanation", "citations",
        )
        rows = [
            [
                sc.ruleset, sc.country, r.names.get(sc.country, sc.country), sc.year, res.id, res.title, res.pillar.value,
                res.status.value, round(verdict_coverage(res), 4), res.held, res.assessed, res.total, res.score, res.explanation,
                "; ".join(f"{c.source}:{c.line}" for c in res.citations),
            ]
            for sc in r.scorecards
            for res in sc.results
        ]
        return csv_table(headers, rows)
    assert fmt in TEXT_FORMATS
    headers = ["id", "recommendation", *(country_label(code, r.names) for code in r.countries)]
    first = r.scorecards[0].results if r.scorecards else []
    rows = [
        [res.id, shorten(res.title, TITLE_WIDTH), *(verdict_cell(status_label(sc.results[i].status), verdict_coverage(sc.results[i])) for sc in r.scorecards)]
        for i, res in enumerate(first)
    ]
    rows.append(["", "weighted score", *(_totals_cell(sc.totals, len(sc.results)) for sc in r.scorecards)])
    heading = f"{r.title} — {', '.join(country_label(code, r.names) for code in r.countries)}, {r.year}"
    footer = r.caveat[0].upper() + r.caveat[1:] + "." if r.caveat else "Every country's score rests on the same assessed recommendations and coverage."
    return text_table(fmt, heading, headers, rows, footer)


def render_regional_progress(p: RegionalProgress, fmt: str) -> str:
    """Country × recommendation rows, one column per year (verdict and coverage), then the trend.

    ``csv``: per year a status and a coverage column; ``json``: ``p.model_dump(mode="json")``
    (every row has its ``country``)."""
    check_format(fmt)
    if fmt == "json":
        return json_document(p.model_dump(mode="json"))
    years = sorted(p.years)
    if fmt == "csv":
        headers = ["country", "country_name", "id", "title"]
        for year in years:
            headers += [str(year), f"coverage_{year}"]
        rows = []
        for row in p.rows:
            cells: list = [row.country, p.names.get(row.country, row.country), row.id, row.title]
            for year in years:
                cells += [row.statuses[year].value, round(row.coverage[year], 4)]
            rows.append([*cells, row.trend.value])
        return csv_table([*headers, "trend"], rows)
    headers = ["country", "id", "recommendation", *(str(y) for y in years), "trend"]
    rows = [
        [
            country_label(row.country, p.names), row.id, shorten(row.title, TITLE_WIDTH),
            *(verdict_cell(status_label(row.statuses[y]), row.coverage[y]) for y in years),
            trend_label(row.trend),
        ]
        for row in p.rows
    ]
    span = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
    heading = f"{p.title} — {', '.join(country_label(code, p.names) for code in p.countries)}, {span}"
    return text_table(fmt, heading, headers, rows)
