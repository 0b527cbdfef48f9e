"""Build the result objects — scorecard, progress, coverage — from a loaded Project.

Everything here is deterministic: recommendations and criteria in rule-file order,
years ascending, citations de-duplicated in first-seen order, provenance sources
sorted by id.
"""

from __future__ import annotations

from collections.abc import Iterable

from . import __version__
from .conclusion import indicate
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
    TierIndication,
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
    evaluator = Evaluator(project, country_code)
    results = _results(ruleset, evaluator, year)
    return Scorecard(
        ruleset=ruleset.id,
        title=ruleset.title,
        country=country_code,
        year=year,
        results=results,
        totals=totals((r.status, rec.weight) for r, rec in zip(results, ruleset.recommendations)),
        provenance=_provenance(project, ruleset, results),
        conclusion=_conclusion(project, ruleset, evaluator, year, results),
    )


def _conclusion(project: Project, ruleset: RuleSet, evaluator: Evaluator, year: int, results: list[RecommendationResult]) -> TierIndication | None:
    """The rule set's conclusion for the year; the two years before are indicated too
    (without their own history) for the Watch List rule, where they have evidence."""
    if ruleset.conclusion is None:
        return None
    index, resolve = evaluator.index, evaluator.resolve
    earlier: dict[int, str | None] = {}
    for past in (year - 1, year - 2):
        if past in index.years:
            past_indication = indicate(ruleset, _results(ruleset, evaluator, past), past, index, resolve)
            earlier[past] = past_indication.tier if past_indication else None
    return indicate(ruleset, results, year, index, resolve, earlier)


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
    """Each recommendation's verdict in every year (default: every year with evidence),
    its trend since the baseline and year over year."""
    ruleset = ruleset_of(project, ruleset_id)
    country_code = country_of(project, ruleset, country)
    chosen = sorted(set(years)) if years else None
    evidence_years = _check_years(project, country_code, chosen or [])
    columns = chosen if chosen is not None else evidence_years
    evaluator = Evaluator(project, country_code)
    by_year = {year: _results(ruleset, evaluator, year) for year in columns}
    rows = []
    for position, rec in enumerate(ruleset.recommendations):
        results = {year: by_year[year][position] for year in columns}
        rows.append(progress_row(rec.id, rec.title, results, ruleset.issued.year))
    return Progress(ruleset=ruleset.id, title=ruleset.title, country=country_code, years=columns, rows=rows,
                    issued=ruleset.issued.isoformat())  # fmt: skip


def progress_row(ident: str, title: str, results: dict[int, RecommendationResult], issued_year: int) -> ProgressRow:
    """One row of progress: the baseline is the last assessed year at or before the
    year of issue (else the first assessed year: every year came after the issue);
    years before it are context only."""
    years = sorted(results)
    statuses = {year: results[year].status for year in years}
    coverage = {year: results[year].coverage for year in years}
    assessed = [year for year in years if statuses[year] is not Status.NOT_ASSESSED]
    before = [year for year in assessed if year <= issued_year]
    baseline = before[-1] if before else (assessed[0] if assessed else None)
    after = [year for year in assessed if baseline is not None and year > baseline]
    if baseline is None:
        since, moved = Trend.NO_EVIDENCE, Trend.NO_EVIDENCE
    elif not after:
        since = moved = Trend.NEW_EVIDENCE
    else:
        moved = trend({baseline: statuses[baseline], after[-1]: statuses[after[-1]]})
        since = _flagged(moved, coverage[baseline], coverage[after[-1]])
    yearly: dict[int, Trend] = {}
    if baseline is not None:
        # Each assessed year after the baseline against the assessed year before it.
        steps = [baseline, *after]
        for previous, year in zip(steps, steps[1:]):
            moved_now = trend({previous: statuses[previous], year: statuses[year]})
            yearly[year] = _flagged(moved_now, coverage[previous], coverage[year])
    return ProgressRow(id=ident, title=title, statuses=statuses, trend=since, baseline=baseline, moved=moved,
                       year_over_year=yearly, coverage=coverage)  # fmt: skip


def _flagged(moved: Trend, coverage_from: float, coverage_to: float) -> Trend:
    """A trend between years whose coverage differs is flagged, never plain improved or regressed."""
    if moved in (Trend.IMPROVED, Trend.REGRESSED, Trend.UNCHANGED) and abs(coverage_from - coverage_to) > 1e-9:
        return Trend.COVERAGE_CHANGED
    return moved


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
