"""Criteria results -> a recommendation's verdict under the rule set's scoring policy.

The policy (:class:`~scorecard.models.rules.ScoringPolicy`) reads:

- criteria with a ``cap`` are *gates*: they do not score, they bound the verdict;
  the others are *scored*;
- the *score* is the weight of the scored criteria that hold over the weight of all
  scored criteria, so a lone half-weight criterion never scores 100 %;
- the *coverage* is the weight of the criteria assessed (true or false) over the
  weight of all of them;
- ``not_assessed`` when no scored criterion is assessed, when only stand-ins are
  (indirect evidence never carries a verdict alone), or when the coverage is below
  ``min_coverage`` (insufficient evidence): no evidence is never failure;
- ``met`` when the weight that holds reaches ``met_threshold`` of the scored weight;
- ``partial`` when some weight holds and the score reaches ``partial_threshold``;
- ``unmet`` otherwise;
- a false gate lowers the verdict to at most its cap, and a gate with no evidence
  keeps it from ``met`` (whether the cap applies is not known); gates never raise a
  verdict, and a ``not_assessed`` one stays so.

The verdict carries its explanation, written here so that renderers only format it:
``2 of 4 criteria hold (1 not assessed): funding, adults; fails: ngo_partnership;
capped at partial by complicity``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple, assert_never

from .models import (
    CitationRef,
    CriterionResult,
    Recommendation,
    RecommendationResult,
    ScoringPolicy,
    Status,
    Totals,
    Truth,
)

RANK: dict[Status, int] = {Status.UNMET: 0, Status.PARTIAL: 1, Status.MET: 2}
"""The order of assessed verdicts: unmet < partial < met (not_assessed has no rank)."""

STATUS_VALUE: dict[Status, float] = {Status.MET: 1.0, Status.PARTIAL: 0.5, Status.UNMET: 0.0}
"""What an assessed verdict counts for in the weighted score of a scorecard."""

_EPSILON = 1e-9  # 0.7 of a total weight of 3 must be reachable by 2.1 held


class Verdict(NamedTuple):
    """A recommendation's verdict with the counts and sentence that explain it."""

    status: Status
    score: float | None
    held: int
    assessed: int
    total: int
    explanation: str
    coverage: float = 0.0


def verdict(criteria: Sequence[CriterionResult], policy: ScoringPolicy = ScoringPolicy()) -> Verdict:
    """The verdict that ``criteria`` give under ``policy``."""
    # One pass and plain loops: this runs for every recommendation of every scorecard.
    held: list[CriterionResult] = []
    failed: list[CriterionResult] = []
    unknown: list[CriterionResult] = []
    for c in criteria:
        (held if c.truth is Truth.TRUE else failed if c.truth is Truth.FALSE else unknown).append(c)
    total_weight = assessed_weight = held_weight = scored_weight = 0.0
    scored_assessed = direct_assessed = False
    for c in criteria:
        total_weight += c.weight
        known = c.truth is not Truth.UNKNOWN
        if known:
            assessed_weight += c.weight
            direct_assessed = direct_assessed or not c.stand_in
        if c.cap is None:
            scored_weight += c.weight
            scored_assessed = scored_assessed or known
            if c.truth is Truth.TRUE:
                held_weight += c.weight
    coverage = assessed_weight / total_weight if total_weight else 0.0
    score = held_weight / scored_weight if scored_assessed else None
    counts = (len(held), len(held) + len(failed), len(criteria))

    reason = _unassessed(criteria, scored_assessed, direct_assessed, coverage, policy)
    if reason is not None:
        return Verdict(Status.NOT_ASSESSED, None, *counts, reason, coverage)
    assert score is not None
    if held_weight >= policy.met_threshold * scored_weight - _EPSILON:
        status = Status.MET
    elif held_weight > 0 and score >= policy.partial_threshold - _EPSILON:
        status = Status.PARTIAL
    else:
        status = Status.UNMET

    capped_by: list[str] = []
    caps = [(Status(c.cap), c.id) for c in failed if c.cap is not None]
    if caps:
        lowest = min(RANK[cap] for cap, _ in caps)
        if lowest < RANK[status]:
            status = next(cap for cap, _ in caps if RANK[cap] == lowest)
            capped_by = [ident for cap, ident in caps if RANK[cap] == lowest]
    open_gates = [c.id for c in unknown if c.cap is not None]
    held_back = bool(open_gates) and status is Status.MET
    if held_back:
        status = Status.PARTIAL

    sentence = _sentence(status, held, failed, unknown, len(criteria), capped_by)
    if held_back:
        sentence += "; not met while " + ", ".join(open_gates) + " has no evidence"
    return Verdict(status, score, *counts, sentence, coverage)


def _unassessed(
    criteria: Sequence[CriterionResult], scored: bool, direct: bool, coverage: float, policy: ScoringPolicy
) -> str | None:
    """Why the verdict is not assessed, or None when it is."""
    total = len(criteria)
    if not scored and not any(c.truth is not Truth.UNKNOWN for c in criteria):
        return "no evidence for its criterion" if total == 1 else f"no evidence for any of its {total} criteria"
    if not scored:
        return "no evidence for any criterion that scores (only a gate is assessed)"
    if not direct:
        stand_ins = ", ".join(c.id for c in criteria if c.truth is not Truth.UNKNOWN)
        return f"only stand-in evidence ({stand_ins}); no direct criterion is assessed"
    if coverage < policy.min_coverage - _EPSILON:
        return f"insufficient evidence: coverage {_percent(coverage)} is below the {_percent(policy.min_coverage)} required"
    return None


def _percent(fraction: float) -> str:
    return f"{round(fraction * 100):g}%"


def _sentence(
    status: Status,
    held: list[CriterionResult],
    failed: list[CriterionResult],
    unknown: list[CriterionResult],
    total: int,
    capped_by: list[str],
) -> str:
    noun = "criterion" if total == 1 else "criteria"
    verb = "holds" if len(held) == 1 else "hold"
    sentence = f"{len(held)} of {total} {noun} {verb}"
    if unknown:
        sentence += f" ({len(unknown)} not assessed)"
    if held:
        sentence += ": " + ", ".join(c.id for c in held)
    if failed:
        sentence += "; fails: " + ", ".join(c.id for c in failed)
    if capped_by:
        sentence += f"; capped at {status.label} by " + ", ".join(capped_by)
    return sentence


def score_recommendation(
    recommendation: Recommendation,
    criteria: Sequence[CriterionResult],
    policy: ScoringPolicy = ScoringPolicy(),
) -> RecommendationResult:
    """A recommendation's result: its verdict, its criteria and the citations behind them
    (de-duplicated, in the order first read)."""
    outcome = verdict(criteria, policy)
    return RecommendationResult(
        id=recommendation.id,
        title=recommendation.title,
        text=recommendation.text,
        pillar=recommendation.pillar,
        status=outcome.status,
        score=outcome.score,
        held=outcome.held,
        assessed=outcome.assessed,
        total=outcome.total,
        criteria=list(criteria),
        citations=unique_citations(ref for c in criteria for fact in c.facts for ref in fact.citations),
        explanation=outcome.explanation,
        coverage=outcome.coverage,
    )


def unique_citations(refs: Iterable[CitationRef]) -> list[CitationRef]:
    """Citations without repeats, in first-seen order."""
    return list(dict.fromkeys(refs))


def totals(results: Iterable[tuple[Status, float]]) -> Totals:
    """Counts of each verdict and the weighted score over assessed recommendations.

    ``results`` are (verdict, recommendation weight) pairs; the score is the weighted mean
    of met = 1, partial = 0.5, unmet = 0, or None when nothing is assessed.
    """
    counts = {status: 0 for status in Status}
    weighted = weights = 0.0
    for status, weight in results:
        counts[status] += 1
        match status:
            case Status.MET | Status.PARTIAL | Status.UNMET:
                weighted += STATUS_VALUE[status] * weight
                weights += weight
            case Status.NOT_ASSESSED:
                pass
            case _:
                assert_never(status)
    return Totals(
        met=counts[Status.MET],
        partial=counts[Status.PARTIAL],
        unmet=counts[Status.UNMET],
        not_assessed=counts[Status.NOT_ASSESSED],
        score=weighted / weights if weights else None,
    )


def at_or_below(status: Status, level: Status) -> bool:
    """Whether an *assessed* verdict is at or below ``level``; not_assessed never is."""
    if status is Status.NOT_ASSESSED:
        return False
    if level is Status.NOT_ASSESSED:
        raise ValueError("a gate level must be met, partial or unmet")
    return RANK[status] <= RANK[level]
