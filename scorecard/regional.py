"""Build regional views — one rule set for several countries — from a loaded Project.

Each country's scorecard is built exactly as for that country alone; the regional view
only puts them side by side, in the order asked for, and says whether their headline
scores can be compared (see :mod:`scorecard.models.regional`).
"""

from __future__ import annotations

from collections.abc import Iterable

from .countries import listed, names_of
from .errors import NoEvidence
from .models import Scorecard, Status
from .models.regional import RegionalProgress, RegionalProgressRow, RegionalScorecard, verdict_coverage
from .project import Project
from .scorecards import build_scorecard, ruleset_of, trend


def common_year(project: Project, countries: list[str]) -> int:
    """The latest year with evidence for every one of the countries, else the latest
    year with evidence for any of them."""
    shared = set.intersection(*(set(project.years(code)) for code in countries)) if countries else set()
    if shared:
        return max(shared)
    every = {year for code in countries for year in project.years(code)}
    if not every:
        raise NoEvidence(f"there is no evidence for {listed(project, countries)} yet")
    return max(every)


def build_regional(project: Project, ruleset_id: str, year: int | None, countries: list[str]) -> RegionalScorecard:
    """The rule set scored for each country on one year (default: the latest they share)."""
    ruleset = ruleset_of(project, ruleset_id)
    year = common_year(project, countries) if year is None else year
    scorecards = [build_scorecard(project, ruleset.id, year, code, require_evidence=False) for code in countries]
    missing = [code for code in countries if year not in project.years(code)]
    caveat = _caveat(project, scorecards)
    if missing:
        absent = "; ".join(f"{listed(project, [code])} has no evidence for {year} (years with evidence: {', '.join(map(str, project.years(code))) or 'none'}), so every verdict there is not assessed" for code in missing)
        caveat = absent + ("; " + caveat if caveat else "")
    return RegionalScorecard(
        ruleset=ruleset.id,
        title=ruleset.title,
        year=year,
        countries=list(countries),
        names=names_of(project, countries),
        scorecards=scorecards,
        comparable=caveat is None,
        caveat=caveat,
    )


def _caveat(project: Project, scorecards: list[Scorecard]) -> str | None:
    """Why the countries' scores cannot be compared, or None: they can when each rests on
    the same recommendations, assessed with the same coverage."""
    footing = {
        sc.country: tuple((r.id, round(verdict_coverage(r), 6)) for r in sc.results if verdict_coverage(r) > 0)
        for sc in scorecards
    }
    if len(set(footing.values())) <= 1:
        return None
    counts = ", ".join(
        f"{listed(project, [sc.country])} {sum(1 for r in sc.results if r.status is not Status.NOT_ASSESSED)} of {len(sc.results)}"
        for sc in scorecards
    )
    return (
        f"the scores rest on different evidence ({counts} assessed, with different coverage): "
        "they are not comparable, and the countries are not ranked"
    )


def build_regional_progress(
    project: Project, ruleset_id: str, countries: list[str], years: Iterable[int] | None = None
) -> RegionalProgress:
    """Each recommendation's verdict and coverage per country and year, with its trend.
    Years: those given, else every year with evidence for any of the countries; a year
    without evidence for a country is not assessed there."""
    ruleset = ruleset_of(project, ruleset_id)
    chosen = sorted(set(years)) if years else sorted({y for code in countries for y in project.years(code)})
    if not chosen:
        raise NoEvidence(f"there is no evidence for {listed(project, countries)} yet")
    rows: list[RegionalProgressRow] = []
    for code in countries:
        evidence_years = set(project.years(code))
        cards = {year: build_scorecard(project, ruleset.id, year, code) for year in chosen if year in evidence_years}
        for position, rec in enumerate(ruleset.recommendations):
            results = {year: card.results[position] for year, card in cards.items()}
            statuses = {year: results[year].status if year in results else Status.NOT_ASSESSED for year in chosen}
            coverage = {year: verdict_coverage(results[year]) if year in results else 0.0 for year in chosen}
            rows.append(RegionalProgressRow(country=code, id=rec.id, title=rec.title, statuses=statuses, coverage=coverage, trend=trend(statuses)))
    return RegionalProgress(
        ruleset=ruleset.id, title=ruleset.title, countries=list(countries), names=names_of(project, countries), years=chosen, rows=rows
    )
