"""The table of ``scorecard list``: rule sets with their country, items and years with evidence."""

from __future__ import annotations

from collections.abc import Sequence

from .layout import check_format, csv_table, json_document, text_table

HEADERS = ("rule set", "title", "country", "items", "years with evidence")


def year_ranges(years: Sequence[int]) -> str:
    """``2011–2014, 2017``: runs of consecutive years joined with an en dash."""
    runs: list[list[int]] = []
    for year in sorted(years):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs) or "none"


def _years_cell(years: dict[str, list[int]], country: str | None) -> str:
    if country is not None or len(years) <= 1:
        return year_ranges(next(iter(years.values()), []))
    return "; ".join(f"{code} {year_ranges(ys)}" for code, ys in years.items()) or "none"


def render_rulesets(entries: Sequence, fmt: str) -> str:
    """Entries as :func:`scorecard.listing.list_rulesets` gives them, in their order."""
    check_format(fmt)
    if fmt == "json":
        return json_document({"rulesets": [e.to_dict() for e in entries]})
    rows = [[e.id, e.title, e.country or "any", str(e.items), _years_cell(e.years, e.country)] for e in entries]
    if fmt == "csv":
        return csv_table(HEADERS, rows)
    return text_table(fmt, f"{len(entries)} rule set{'s' if len(entries) != 1 else ''}", HEADERS, rows)
