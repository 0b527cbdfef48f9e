"""Conditions -> true | false | unknown for one country and year, recording the facts read.

The semantics are those documented on each operator in :mod:`scorecard.models.conditions`:

- no fact for the indicator in the year -> **unknown**;
- a ``not_reported`` fact -> comparisons and changes **false** (the TVPA's presumption),
  and *still false under negation*: ``not (gte X 1)`` is read as ``lt X 1``, so two
  equivalent conditions never disagree and not reporting never earns credit;
- a total over a longer period is not the year's level (see :mod:`.evidence_index`);
- a bounded figure ("more than 36") decides a comparison only when the bound does
  (see :mod:`.bounds`);
- enum indicators are ordered by their declared ``values`` (worst first), booleans are
  not ordered (only ``eq``, ``ne``, ``in`` and ``unchanged`` apply to them);
- ``increased`` / ``decreased`` / ``unchanged`` read the direction the source reports
  for the year, else compare with the latest *earlier* comparable figure (same basis,
  same reporter when both name one, within ``max_gap_years``); ``min_change`` is
  relative to that earlier value (numbers only: an enum moves by whole steps);
- ``all`` / ``any`` / ``not`` follow Kleene's three-valued logic, negation being pushed
  down to the comparisons (De Morgan), where the presumption above holds.

Evaluation is one ``match`` over the :data:`~scorecard.models.conditions.Condition` union
ending in ``assert_never``: a new operator without evaluation fails type checking.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import assert_never

from .changes import change
from .evidence_index import DEFAULT_READING, EvidenceIndex, FactRecord, Reading, build_index, is_for_year
from .findings import Outcome, finding, show
from .levels import compare, reported
from .logic import all_of, any_of, negate
from .models import (
    Citation,
    CitationRef,
    Condition,
    Criterion,
    CriterionResult,
    FactUsed,
    RuleSet,
    Truth,
)
from .models.conditions import (
    AllOf,
    AnyOf,
    Decreased,
    Eq,
    Gt,
    Gte,
    In,
    Increased,
    Lt,
    Lte,
    Ne,
    Not,
    Reported,
    Unchanged,
)
from .project import Project

__all__ = [
    "EvidenceIndex", "Evaluator", "FactRecord", "Outcome", "Reading", "all_of", "any_of", "build_index",
    "evaluate_condition", "finding", "indicators_read", "is_for_year", "negate", "show",
]

# -- evaluating conditions ----------------------------------------------------------------


def evaluate_condition(
    condition: Condition,
    year: int,
    index: EvidenceIndex,
    reading: Reading = DEFAULT_READING,
    *,
    negated: bool = False,
) -> Outcome:
    """The truth of ``condition`` (of its negation, when ``negated``) for ``year``."""
    match condition:
        case Gte() | Gt() | Lte() | Lt() | Eq() | Ne() | In():
            return _polarity(compare(condition, year, index, reading), negated)
        case Increased() | Decreased() | Unchanged():
            return _polarity(change(condition, year, index, reading), negated)
        case Reported():
            return _polarity(reported(condition, year, index, reading), negated)
        case AllOf() | AnyOf():
            parts = [evaluate_condition(part, year, index, reading, negated=negated) for part in condition.conditions]
            # De Morgan: a negated "all" is an "any" of negated parts, and the reverse.
            conjunction = isinstance(condition, AllOf) != negated
            truth = all_of(p.truth for p in parts) if conjunction else any_of(p.truth for p in parts)
            return _combine(truth, parts, decisive=Truth.FALSE if conjunction else Truth.TRUE)
        case Not():
            inner = evaluate_condition(condition.condition, year, index, reading, negated=not negated)
            return replace(inner, explanation=f"not ({inner.explanation})")
        case _:
            assert_never(condition)


def _polarity(outcome: Outcome, negated: bool) -> Outcome:
    """A comparison's outcome, negated when asked, except that a presumption (not
    reported: presumed not achieved) stays false either way."""
    if not negated or outcome.presumed:
        return outcome
    truth = negate(outcome.truth)
    return replace(outcome, truth=truth, findings=tuple(replace(f, truth=truth, negated=True) for f in outcome.findings))


def _combine(truth: Truth, parts: list[Outcome], *, decisive: Truth) -> Outcome:
    """Explain ``all``/``any`` by the parts that decided it: the false parts of a false
    ``all`` (true parts of a true ``any``), the unknown parts of an unknown one, else all."""
    shown = [p for p in parts if p.truth is truth] if truth in (decisive, Truth.UNKNOWN) else parts
    facts = _unique(f for p in parts for f in p.facts)
    findings = tuple(f for p in parts for f in p.findings)
    return Outcome(truth, "; ".join(dict.fromkeys(p.explanation for p in shown)), facts, findings)


def _unique(records: Iterable[FactRecord]) -> tuple[FactRecord, ...]:
    seen: dict[tuple[int, str], FactRecord] = {}
    for record in records:  # facts are unhashable (they hold lists): keyed by identity
        seen.setdefault((id(record.fact), record.path), record)
    return tuple(seen.values())


# -- criteria -----------------------------------------------------------------------------


def reading_of(criterion: Criterion, ruleset: RuleSet | None) -> Reading:
    """How ``criterion`` reads the evidence under its rule set's policy."""
    policy = ruleset.policy if ruleset is not None else None
    conflicts = criterion.conflicts or (policy.conflicts if policy else "unknown")
    gap = policy.max_gap_years if policy else None
    if not criterion.accepts_totals and conflicts == "unknown" and gap is None:
        return DEFAULT_READING
    return Reading(accepts_totals=criterion.accepts_totals, conflicts=conflicts, max_gap_years=gap)


class Evaluator:
    """Evaluates criteria for one country (the project resolves each citation once)."""

    def __init__(self, project: Project, country: str, index: EvidenceIndex | None = None) -> None:
        self.project = project
        self.index = index if index is not None else build_index(project, country)

    def criterion(self, criterion: Criterion, year: int, ruleset: RuleSet | None = None) -> CriterionResult:
        outcome = evaluate_condition(criterion.condition, year, self.index, reading_of(criterion, ruleset))
        conflicted = {(f.indicator, v.year) for f in outcome.findings if f.conflicting for v in f.conflicting}
        return CriterionResult(
            id=criterion.id,
            description=criterion.description,
            truth=outcome.truth,
            weight=criterion.weight,
            cap=criterion.cap,
            explanation=outcome.explanation,
            facts=[self.fact_used(record, conflicted) for record in outcome.facts],
            findings=list(outcome.findings),
            stand_in=criterion.indirect,
        )

    def criteria(self, criteria: Sequence[Criterion], year: int, ruleset: RuleSet | None = None) -> list[CriterionResult]:
        return [self.criterion(c, year, ruleset) for c in criteria]

    def fact_used(self, record: FactRecord, conflicted: set[tuple[str, int]] = frozenset()) -> FactUsed:  # type: ignore[assignment]
        # Built anew each time, not memoised: results are short-lived, and a memo of
        # them grows the heap enough to make the collector walk the whole loaded
        # project once more (a full collection: 1 s of evaluating all of 190 x 20).
        fact = record.fact
        indicator = self.index.indicators.get(fact.indicator)
        return FactUsed(
            indicator=fact.indicator,
            year=record.year,
            value=fact.value,
            unit=self.index.currency_of(record) or (indicator.unit if indicator else None),
            period=fact.period,
            note=fact.note,
            path=record.path,
            citations=[self.resolve(c) for c in fact.citations],
            direction=fact.direction.value if fact.direction else None,
            bound=fact.bound.value,
            basis=self.index.basis(record),
            reporter=fact.reporter,
            conflict=(fact.indicator, record.year) in conflicted,
        )

    def resolve(self, citation: Citation) -> CitationRef:
        return self.project.resolve(citation, self.index.country)


def indicators_read(condition: Condition) -> list[str]:
    """Every indicator a condition reads, in order of appearance, without repeats."""
    found: dict[str, None] = {}

    def walk(node: Condition) -> None:
        match node:
            case AllOf() | AnyOf():
                for part in node.conditions:
                    walk(part)
            case Not():
                walk(node.condition)
            case Gte() | Gt() | Lte() | Lt() | Eq() | Ne() | In() | Increased() | Decreased() | Unchanged() | Reported():
                found.setdefault(node.indicator, None)
            case _:
                assert_never(node)

    walk(condition)
    return list(found)

