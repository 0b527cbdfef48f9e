"""The regional memo: one rule set for several countries, one section per country and
one list of sources, notes and provenance for all of them.

Each country's section is that country's own memo view (the same words, findings and
quotes as its memo alone); here its footnotes are renumbered to run on across the
sections, and the sources they cite are listed once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..models.regional import RegionalScorecard, verdict_coverage
from . import numbers
from .i18n import translations
from .memo import environment
from .memo_view import MemoInput, Wording, memo_view, status_word

REGIONAL_TEMPLATES: Mapping[str, str] = {"html": "regional.html.j2", "markdown": "regional.md.j2"}


def regional_view(region: RegionalScorecard, inputs: Sequence[MemoInput]) -> dict[str, object]:
    """The regional memo as plain data: the side-by-side table, a section per country
    (in the order asked for) and the shared sources, notes and provenance."""
    first = inputs[0]
    w = Wording(first.lang, translations(first.lang), first.indicators, first.territory)
    sections, notes, sources, provenance = [], [], [], []
    offset = 0
    for m in inputs:
        view = memo_view(m)
        shift = _renumber(view, offset)
        offset += shift
        notes += view["notes"]  # type: ignore[operator]
        sources += [s for s in view["sources"] if s not in sources]  # type: ignore[attr-defined]
        provenance += [s for s in view["provenance"]["sources"] if s not in provenance]  # type: ignore[index]
        sections.append({"code": m.scorecard.country, "name": m.country_name or m.scorecard.country, "summary": view["summary"], "findings": view["findings"]})
    names = [s["name"] for s in sections]
    table = [
        {"id": res.id, "title": res.title, "cells": [_cell(sc.results[i], w) for sc in region.scorecards]}
        for i, res in enumerate(region.scorecards[0].results)
    ]
    return {
        "lang": first.lang,
        "title": w._("{title} — {country}, {year}", title=region.title, country=", ".join(names), year=region.year),
        "date": numbers.date(first.date, w.lang) if first.date else None,
        "countries": names,
        "table": table,
        "caveat": _caveat(region, w),
        "sections": sections,
        "sources": sources,
        "notes": notes,
        "provenance": provenance,
    }


def _cell(result: object, w: Wording) -> str:
    return w._("{verdict} ({share} assessed)", verdict=status_word(result.status, w), share=numbers.percent(verdict_coverage(result), w.lang))  # type: ignore[attr-defined]


def _caveat(region: RegionalScorecard, w: Wording) -> str:
    if region.comparable:
        return w._("Every country's verdicts rest on the same assessed recommendations and coverage.")
    return w._("The countries' verdicts rest on different evidence: their scores are not comparable, and the countries are not ranked.")


def _renumber(view: dict[str, object], offset: int) -> int:
    """Shift a section's footnote numbers by ``offset``; returns how many notes it has."""
    for finding in view["findings"]:  # type: ignore[attr-defined]
        finding["refs"] = [(n + offset, use) for n, use in finding["refs"]]
        for criterion in finding["criteria"]:
            criterion["refs"] = [(n + offset, use) for n, use in criterion["refs"]]
    for note in view["notes"]:  # type: ignore[attr-defined]
        note["number"] += offset
    return len(view["notes"])  # type: ignore[arg-type]


def render_regional_memo(region: RegionalScorecard, inputs: Sequence[MemoInput], fmt: str) -> str:
    """The regional memo in ``fmt`` (``html`` or ``markdown``)."""
    if fmt not in REGIONAL_TEMPLATES:
        raise ValueError(f'unknown memo format "{fmt}"; expected one of: {", ".join(REGIONAL_TEMPLATES)}')
    from .memo import _css, Trusted

    view = regional_view(region, inputs)
    view["css"] = Trusted(_css().rstrip("\n"))
    template = environment(fmt, {}, inputs[0].lang).get_template(REGIONAL_TEMPLATES[fmt])
    return template.render(view).rstrip("\n") + "\n"
