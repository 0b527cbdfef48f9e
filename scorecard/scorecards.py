"""Build the result objects — scorecard, progress, coverage — from a loaded Project.

Everything here is deterministic: recommendations and criteria in rule-file order,
years ascending, citations de-duplicated in first-seen order, provenance sources
sorted by id.
"""

from __future__ import annotations

from collections.abc import Iterable

from . import __version__
from .errors import NoEvidence, UnknownRuleSet
from .evaluate import Evaluator, build_index, indicators_read
from .models import (
    Coverage,
    CoverageGap,
    Progress,
    ProgressRow,
    Provenance,
    RecommendationResult,
    RuleSet,
    Scorecard,
    Status,
    Trend,
)
from .project import Project
from .scoring import RANK, at_or_below, score_recommendation, totals

# -- choosing the rule set, country and year ------------------------------------------------


def ruleset_of(project: Project, ruleset_id: str) -> RuleSet:
    if ruleset_id not in project.rulesets:
        raise UnknownRuleSet(ruleset_id, project.rulesets)
    return project.rulesets[ruleset_id]


def country_of(project: Project, ruleset: RuleSet, country: str | None) -> str:
    """The rule set's own country, else the one asked for (in any case), else the
    project's only one; with several and none asked for, an error that lists them."""
    from .countries import choose_countries, parse_codes

    return choose_countries(project, ruleset, parse_codes([country]) if country else [])[0]


def latest_year(project: Project, country: str) -> int | None:
    """The latest year with an evidence file for the country, or None when there is none."""
    years = project.years(country)
    return years[-1] if years else None


def _check_years(project: Project, country: str, wanted: Iterable[int]) -> list[int]:
    years = project.years(country)
    if not years:
        raise NoEvidence(f"there is no evidence for {country} yet")
    for year in wanted:
        if year not in years:
            raise NoEvidence(
                f"there is no evidence for {country} in {year}; years with evidence: {', '.join(map(str, years))}"
            )
    return years


# -- the scorecard ---------------------------------------------------------------------------


def build_scorecard(project: Project, ruleset_id: str, year: int, country: str | None = None, *, require_evidence: bool = True) -> Scorecard:
    """Every recommendation of the rule set scored on one year's evidence for the country.
    ``require_evidence=False`` (a regional view) scores a year without an evidence file
    too: every verdict is then not assessed, as no evidence must give."""
    ruleset = ruleset_of(project, ruleset_id)
    country_code = country_of(project, ruleset, country)
    if require_evidence:
        _check_years(project, country_code, [year])
    results = _results(ruleset, Evaluator(project, country_code), year)
    return Scorecard(
        ruleset=ruleset.id,
        title=ruleset.title,
        country=country_code,
        year=year,
        results=results,
        totals=totals((r.status, rec.weight) for r, rec in zip(results, ruleset.recommendations)),
        provenance=_provenance(project, ruleset, results),
    )


def _results(ruleset: RuleSet, evaluator: Evaluator, year: int) -> list[RecommendationResult]:
    return [
        score_recommendation(rec, evaluator.criteria(rec.criteria, year, ruleset), ruleset.policy)
        for rec in ruleset.recommendations
    ]


def _provenance(project: Project, ruleset: RuleSet, results: list[RecommendationResult]) -> Provenance:
    cited = {ref.source for result in results for ref in result.citations}
    return Provenance(
        tool_version=__version__,
        ruleset_version=ruleset.version,
        ruleset_sha256=project.ruleset_hashes.get(ruleset.id, ""),
        sources={ident: project.sources[ident].sha256 for ident in sorted(cited) if ident in project.sources},
    )


def fails_gate(scorecard: Scorecard, level: Status) -> bool:
    """For ``--fail-on unmet|partial``: whether any *assessed* verdict is at or below
    ``level``.  A not_assessed verdict never fails the gate."""
    return any(at_or_below(result.status, level) for result in scorecard.results)


# -- progress across years -------------------------------------------------------------------


def build_progress(
    project: Project, ruleset_id: str, country: str | None = None, years: Iterable[int] | None = None
) -> Progress:
    """Each recommendation's verdict in every year (default: every year with evidence)
    and its trend from the first to the last assessed year."""
    ruleset = ruleset_of(project, ruleset_id)
    country_code = country_of(project, ruleset, country)
    chosen = sorted(set(years)) if years else None
    evidence_years = _check_years(project, country_code, chosen or [])
    columns = chosen if chosen is not None else evidence_years
    evaluator = Evaluator(project, country_code)
    by_year = {year: _results(ruleset, evaluator, year) for year in columns}
    rows = []
    for position, rec in enumerate(ruleset.recommendations):
        statuses = {year: by_year[year][position].status for year in columns}
        rows.append(ProgressRow(id=rec.id, title=rec.title, statuses=statuses, trend=trend(statuses)))
    return Progress(ruleset=ruleset.id, title=ruleset.title, country=country_code, years=columns, rows=rows)


def trend(statuses: dict[int, Status]) -> Trend:
    """How a verdict moved between the first and last assessed years.

    ``no_evidence`` when never assessed; ``new_evidence`` when assessed in one year only
    (including only the latest); otherwise improved / regressed / unchanged by the order
    unmet < partial < met.
    """
    assessed = [statuses[year] for year in sorted(statuses) if statuses[year] is not Status.NOT_ASSESSED]
    if not assessed:
        return Trend.NO_EVIDENCE
    if len(assessed) == 1:
        return Trend.NEW_EVIDENCE
    first, last = RANK[assessed[0]], RANK[assessed[-1]]
    if last > first:
        return Trend.IMPROVED
    if last < first:
        return Trend.REGRESSED
    return Trend.UNCHANGED


# -- coverage: the curator's to-do list ------------------------------------------------------


def build_coverage(project: Project, ruleset_id: str, country: str | None = None) -> Coverage:
    """For each recommendation and evidence year, the criteria that read an indicator with
    no fact in that year (and those indicators), in rule-file order."""
    ruleset = ruleset_of(project, ruleset_id)
    country_code = country_of(project, ruleset, country)
    index = build_index(project, country_code)
    read = {
        (rec.id, criterion.id): indicators_read(criterion.condition)
        for rec in ruleset.recommendations
        for criterion in rec.criteria
    }
    gaps = []
    for rec in ruleset.recommendations:
        for year in index.years:
            criteria: list[str] = []
            missing: dict[str, None] = {}
            for criterion in rec.criteria:
                absent = [ident for ident in read[rec.id, criterion.id] if index.fact(ident, year) is None]
                if absent:
                    criteria.append(criterion.id)
                    missing.update(dict.fromkeys(absent))
            if criteria:
                gaps.append(CoverageGap(recommendation=rec.id, year=year, criteria=criteria, indicators=list(missing)))
    return Coverage(ruleset=ruleset.id, country=country_code, years=index.years, gaps=gaps)
