"""A rule set's overall conclusion: the TVPA's three questions and the tier they indicate.

Under 22 U.S.C. 7107(b), read with the rule set's ``conclusion:`` block
(:class:`~scorecard.models.rules.TierConclusion`):

- **fully meets** the minimum standards when every item of ``minimum_standards`` is
  met; false when one is partial or unmet; unknown while one is not assessed;
- **significant efforts** when the assessed ``significant_efforts`` items score at
  least ``efforts_threshold`` (met 1, partial 0.5, unmet 0) and none of
  ``required_efforts`` is unmet; unknown when fewer than ``min_coverage`` of the
  items are assessed, or a required item is not;
- **increasing efforts** when the ``increasing_efforts`` item is met or partial;
- the tier: Tier 1 when it fully meets; otherwise Tier 2 with significant efforts,
  the Tier 2 Watch List when efforts are not increasing, Tier 3 without significant
  efforts; and Tier 3 for a third consecutive year on the Watch List unless a waiver
  is recorded for the year.  An earlier year's standing is the tier the report
  printed for it when recorded, else the tool's own indication for it.

Where a question the tier depends on is unknown, the tier is not assessed: the
explanation says which tiers remain possible.  No criterion may read the report's
own conclusion (the lint L005 sees to it), so the indication and the published tier
are independent, and a difference is flagged.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from .evidence_index import EvidenceIndex, Reading, choose
from .logic import all_of
from .models import RecommendationResult, RuleSet, Status, TierConclusion, TierIndication, Truth
from .models.results import TIER_LABELS, CitationRef
from .scoring import STATUS_VALUE

WATCH_LIST = "tier_2_watch_list"


def indicate(
    ruleset: RuleSet,
    results: list[RecommendationResult],
    year: int,
    index: EvidenceIndex,
    resolve: Callable[..., CitationRef],
    earlier: Mapping[int, str | None] | None = None,
) -> TierIndication | None:
    """The conclusion for ``year`` from its results; ``earlier``: year -> the tool's own
    indication for the two years before (when they have evidence), for the Watch List rule."""
    rule = ruleset.conclusion
    if rule is None:
        return None
    by_id = {r.id: r.status for r in results}
    fully = _fully_meets(rule, by_id)
    efforts, score, coverage = _significant(rule, by_id, ruleset.policy.min_coverage)
    increasing = _increasing(rule, by_id)
    tier, why = _tier(fully, efforts, increasing)
    published, citations = _published(rule.published_tier, year, index, resolve)
    history: list[int] = []
    if tier == WATCH_LIST:
        tier, history, note = _watch_list_history(rule, year, index, earlier or {})
        why += note
    answers, answer_citations = _published_answers(rule, year, index, resolve)
    tool = {"fully_meets": fully, "significant_efforts": efforts, "increasing_efforts": increasing}
    disagree = [q for q, answer in answers.items() if tool[q] is not Truth.UNKNOWN and (tool[q] is Truth.TRUE) != answer]
    differs = (tier is not None and published is not None and tier != published) or bool(disagree)
    sentence = (
        f"fully meets the minimum standards: {_yes(fully)}; significant efforts: {_yes(efforts)}"
        f"{_score(score, coverage)}; increasing efforts: {_yes(increasing)}; indicated tier: "
        f"{TIER_LABELS.get(tier or '', 'not assessed')}{why}"
    )
    if published is not None:
        sentence += f"; published tier: {TIER_LABELS.get(published, published)}" + (" (differs)" if tier is not None and tier != published else "")
    elif rule.published_tier is not None:
        sentence += f"; published tier: not recorded for {year}"
    if answers:
        sentence += "; the report finds: " + ", ".join(f"{_QUESTION[q]}: {'yes' if a else 'no'}" for q, a in answers.items())
        if disagree:
            sentence += " (differs on " + ", ".join(_QUESTION[q] for q in disagree) + ")"
    return TierIndication(
        fully_meets=fully,
        significant_efforts=efforts,
        increasing_efforts=increasing,
        efforts_score=score,
        efforts_coverage=coverage,
        tier=tier,
        published_tier=published,
        differs=differs,
        watch_list_years=history,
        explanation=sentence,
        published_answers=answers,
        published_citations=citations + answer_citations,
    )


_QUESTION = {"fully_meets": "fully meets", "significant_efforts": "significant efforts", "increasing_efforts": "increasing efforts"}


def _published_answers(rule: TierConclusion, year: int, index: EvidenceIndex, resolve: Callable[..., CitationRef]) -> tuple[dict[str, bool], list[CitationRef]]:
    answers: dict[str, bool] = {}
    citations: list[CitationRef] = []
    for question in _QUESTION:  # a fixed order, whatever the rule file's
        ident = rule.published_answers.get(question)  # type: ignore[call-overload]
        record = choose(index, ident, year, Reading()).record if ident else None
        if record is not None and isinstance(record.fact.value, bool):
            answers[question] = record.fact.value
            citations += [resolve(c) for c in record.fact.citations]
    return answers, citations


def _yes(truth: Truth) -> str:
    return {Truth.TRUE: "yes", Truth.FALSE: "no", Truth.UNKNOWN: "not assessed"}[truth]


def _score(score: float | None, coverage: float) -> str:
    if score is None:
        return ""
    return f" (score {round(score * 100)}% over {round(coverage * 100)}% of the items assessed)"


def _fully_meets(rule: TierConclusion, statuses: Mapping[str, Status]) -> Truth:
    truths = []
    for item in rule.minimum_standards:
        status = statuses.get(item, Status.NOT_ASSESSED)
        truths.append(Truth.UNKNOWN if status is Status.NOT_ASSESSED else Truth.TRUE if status is Status.MET else Truth.FALSE)
    return all_of(truths)


def _significant(rule: TierConclusion, statuses: Mapping[str, Status], min_coverage: float) -> tuple[Truth, float | None, float]:
    items = [statuses.get(item, Status.NOT_ASSESSED) for item in rule.significant_efforts]
    assessed = [s for s in items if s is not Status.NOT_ASSESSED]
    coverage = len(assessed) / len(items)
    score = sum(STATUS_VALUE[s] for s in assessed) / len(assessed) if assessed else None
    required = [statuses.get(item, Status.NOT_ASSESSED) for item in rule.required_efforts]
    if Status.UNMET in required:
        return Truth.FALSE, score, coverage
    if score is None or coverage < max(min_coverage, 1e-9) - 1e-9 or Status.NOT_ASSESSED in required:
        return Truth.UNKNOWN, score, coverage
    return (Truth.TRUE if score >= rule.efforts_threshold - 1e-9 else Truth.FALSE), score, coverage


def _increasing(rule: TierConclusion, statuses: Mapping[str, Status]) -> Truth:
    if rule.increasing_efforts is None:
        return Truth.TRUE  # no test declared: nothing places the country on the Watch List
    status = statuses.get(rule.increasing_efforts, Status.NOT_ASSESSED)
    return Truth.UNKNOWN if status is Status.NOT_ASSESSED else Truth.FALSE if status is Status.UNMET else Truth.TRUE


def _tier(fully: Truth, efforts: Truth, increasing: Truth) -> tuple[str | None, str]:
    """The tier the three answers indicate, and (when not assessed) which remain possible."""
    if fully is Truth.TRUE:
        return "tier_1", ""
    below_one = ("tier_2", WATCH_LIST, "tier_3")
    if efforts is Truth.FALSE:
        possible: tuple[str, ...] = ("tier_3",)
    elif efforts is Truth.UNKNOWN:
        possible = below_one
    elif increasing is Truth.FALSE:
        possible = (WATCH_LIST,)
    elif increasing is Truth.UNKNOWN:
        possible = ("tier_2", WATCH_LIST)
    else:
        possible = ("tier_2",)
    if fully is Truth.UNKNOWN:
        possible = ("tier_1", *possible)
    if len(possible) == 1:
        return possible[0], ""
    return None, " (" + " or ".join(TIER_LABELS[t] for t in possible) + ")"


def _published(ident: str | None, year: int, index: EvidenceIndex, resolve: Callable[..., CitationRef]) -> tuple[str | None, list[CitationRef]]:
    if ident is None:
        return None, []
    choice = choose(index, ident, year, Reading())
    record = choice.record
    if record is None or not isinstance(record.fact.value, str) or record.fact.value not in TIER_LABELS:
        return None, []
    return record.fact.value, [resolve(c) for c in record.fact.citations]


def _watch_list_history(rule: TierConclusion, year: int, index: EvidenceIndex, earlier: Mapping[int, str | None]) -> tuple[str, list[int], str]:
    """Tier 3 after two consecutive years on the Watch List, unless waived for the year."""
    standing: list[tuple[int, str | None]] = []
    for past in (year - 1, year - 2):
        published, _ = _published(rule.published_tier, past, index, lambda c: c)  # type: ignore[arg-type,return-value]
        standing.append((past, published if published is not None else earlier.get(past)))
    if all(tier == WATCH_LIST for _, tier in standing):
        years = [past for past, _ in standing]
        if rule.waiver is not None:
            waiver = choose(index, rule.waiver, year, Reading()).record
            if waiver is not None and waiver.fact.value is True:
                return WATCH_LIST, years, f"; on the Watch List in {years[1]} and {years[0]}, kept there by a waiver"
        return "tier_3", years, f"; downgraded: on the Watch List in {years[1]} and {years[0]}, with no waiver recorded"
    if any(tier is None for _, tier in standing):
        return WATCH_LIST, [], "; the two years before are not all known: Tier 3 would follow two years on the Watch List"
    return WATCH_LIST, [], ""
