"""Level conditions (``gte`` … ``in``) and ``reported``: what one year's figure says.

A total over a longer period is not a level (unless the criterion accepts totals); a
``not_reported`` figure makes a comparison false by presumption; a bound decides a
comparison only when it guarantees it; reporters that disagree follow the conflict
policy, and when the policy is ``unknown`` a conflict matters only if the figures
would decide the condition differently.
"""

from __future__ import annotations

from typing import assert_never

from .bounds import compare_range, figure_range
from .evidence_index import Choice, EvidenceIndex, FactRecord, Reading, choose, rank
from .findings import Outcome, finding, show, show_fact, side_by_side
from .logic import negate, truth_of
from .models import Bound, IndicatorType, Reason, Truth
from .models.conditions import Eq, Gt, Gte, In, Lt, Lte, Ne, Reported

Level = Gte | Gt | Lte | Lt | Eq | Ne | In

_BOUND = {"gte": "at least", "gt": "more than", "lte": "at most", "lt": "less than"}


def compare(condition: Level, year: int, index: EvidenceIndex, reading: Reading) -> Outcome:
    ident = condition.indicator
    required = condition.values if isinstance(condition, In) else condition.value
    choice = choose(index, ident, year, reading)
    early = unchosen(condition.op, "level", ident, year, index, choice, reading, required)
    if early is not None:
        if early.findings and early.findings[0].reason is Reason.CONFLICT and reading.conflicts == "unknown":
            return _unanimous(condition, year, index, choice, early)
        return early
    assert choice.record is not None
    return _compare_one(condition, year, index, choice.record, choice, reading)


def _compare_one(condition: Level, year: int, index: EvidenceIndex, record: FactRecord, choice: Choice, reading: Reading) -> Outcome:
    ident = condition.indicator
    indicator = index.indicators.get(ident)
    required = condition.values if isinstance(condition, In) else condition.value
    facts = choice.candidates if choice.conflicted else (record,)
    policy = reading.conflicts if choice.conflicted else None
    conflicting = choice.candidates if choice.conflicted else ()

    def done(truth: Truth, sentence: str, reason: Reason | None = None, *, presumed: bool = False) -> Outcome:
        why = reason or (Reason.HOLDS if truth is Truth.TRUE else Reason.FAILS)
        if choice.chosen:
            sentence += f"; reporters differ ({side_by_side(choice.candidates, index)}): used {choice.chosen}"
        found = finding("level", condition.op, ident, year, index, truth, why, (record,), required=required,
                        policy=policy, chosen=choice.chosen, conflicting=conflicting)  # fmt: skip
        return Outcome(truth, sentence, facts, (found,), presumed)

    if not record.reported:
        return done(Truth.FALSE, f"{ident}: not reported in {year}", Reason.NOT_REPORTED, presumed=True)
    value = record.fact.value
    stated = f"{ident}: {show_fact(record, index)} in {year}"
    if record.fact.period and record.fact.period != str(year) and not record.fact.period.startswith(f"{year}"):
        stated += f" (a total for {record.fact.period}, accepted by the criterion)"
    match condition:
        case In():
            wanted = ", ".join(show(v, indicator) for v in condition.values)
            truths = [_equal(record, v, index) for v in condition.values]
            truth = Truth.TRUE if Truth.TRUE in truths else Truth.UNKNOWN if Truth.UNKNOWN in truths else Truth.FALSE
            return done(truth, f"{stated}, one of {wanted} required", Reason.BOUND_UNDECIDED if truth is Truth.UNKNOWN else None)
        case Eq():
            truth = _equal(record, condition.value, index)
            return done(truth, f"{stated}, {show(condition.value, indicator)} required", Reason.BOUND_UNDECIDED if truth is Truth.UNKNOWN else None)
        case Ne():
            truth = negate(_equal(record, condition.value, index))
            return done(truth, f"{stated}, anything but {show(condition.value, indicator)} required", Reason.BOUND_UNDECIDED if truth is Truth.UNKNOWN else None)
        case Gte() | Gt() | Lte() | Lt():
            wanted = f"{_BOUND[condition.op]} {show(condition.value, indicator)} required"
            have, bound = rank(value, indicator), rank(condition.value, indicator)
            if have is None or bound is None:
                return done(Truth.UNKNOWN, f"{stated}, {wanted}, but these values have no order", Reason.NO_ORDER)
            if record.fact.bound is Bound.EXACT:
                return done(truth_of(_ORDERED[condition.op](have, bound)), f"{stated}, {wanted}")
            truth = compare_range(condition.op, _range(record, index), bound)
            tail = ", which the bound does not decide" if truth is Truth.UNKNOWN else ""
            return done(truth, f"{stated}, {wanted}{tail}", Reason.BOUND_UNDECIDED if truth is Truth.UNKNOWN else None)
        case _:
            assert_never(condition)


_ORDERED = {
    "gte": lambda a, b: a >= b,
    "gt": lambda a, b: a > b,
    "lte": lambda a, b: a <= b,
    "lt": lambda a, b: a < b,
}


def _range(record: FactRecord, index: EvidenceIndex):  # type: ignore[no-untyped-def]
    indicator = index.indicators.get(record.fact.indicator)
    whole = indicator is not None and indicator.type is IndicatorType.COUNT
    return figure_range(float(record.fact.value), record.fact.bound, whole=whole)  # type: ignore[arg-type]


def _equal(record: FactRecord, wanted: object, index: EvidenceIndex) -> Truth:
    value = record.fact.value
    if record.fact.bound is Bound.EXACT or not is_number(wanted):
        return truth_of(same(value, wanted))
    return compare_range("eq", _range(record, index), float(wanted))  # type: ignore[arg-type]


def _unanimous(condition: Level, year: int, index: EvidenceIndex, choice: Choice, conflict: Outcome) -> Outcome:
    """Under the ``unknown`` policy, a conflict that does not change the answer is no
    obstacle: every figure is evaluated, and when all agree their answer stands."""
    outcomes = [_compare_one(condition, year, index, record, choice._replace(chosen=None), Reading()) for record in choice.candidates]
    truths = {o.truth for o in outcomes}
    if len(truths) != 1 or Truth.UNKNOWN in truths:
        return conflict
    first = outcomes[0]
    sentence = f"{first.explanation}; reporters differ ({side_by_side(choice.candidates, index)}) but every figure gives the same answer"
    found = finding("level", condition.op, condition.indicator, year, index, first.truth, first.findings[0].reason, choice.candidates[:1],
                    required=first.findings[0].required, policy="unknown", chosen="every figure agrees", conflicting=choice.candidates)  # fmt: skip
    return Outcome(first.truth, sentence, choice.candidates, (found,), all(o.presumed for o in outcomes))


def unchosen(op: str, kind: str, ident: str, year: int, index: EvidenceIndex, choice: Choice, reading: Reading, required: object = None) -> Outcome | None:
    """The outcome when no single figure can be read (no evidence, only a total, a
    conflict the policy does not resolve, only a direction), else None."""
    if choice.reason == "no_evidence":
        return Outcome(Truth.UNKNOWN, f"no evidence for {ident} in {year}", (), (finding(kind, op, ident, year, index, Truth.UNKNOWN, Reason.NO_EVIDENCE, required=required),))  # type: ignore[arg-type]
    if choice.reason == "total_not_level":
        record = choice.candidates[0]
        sentence = f"{ident}: {show_fact(record, index)} covers {record.fact.period}, a total, not {year}'s level"
        return Outcome(Truth.UNKNOWN, sentence, (record,), (finding(kind, op, ident, year, index, Truth.UNKNOWN, Reason.TOTAL_NOT_LEVEL, (record,), required=required),))  # type: ignore[arg-type]
    if choice.reason == "conflict":
        sentence = f"{ident}: reporters differ for {year} ({side_by_side(choice.candidates, index)})"
        sentence += f"; {choice.chosen}" if choice.chosen else "; the policy reads none of them"
        found = finding(kind, op, ident, year, index, Truth.UNKNOWN, Reason.CONFLICT, (), required=required,  # type: ignore[arg-type]
                        policy=reading.conflicts, chosen=choice.chosen, conflicting=choice.candidates)  # fmt: skip
        return Outcome(Truth.UNKNOWN, sentence, choice.candidates, (found,))
    record = choice.record
    if record is not None and not record.has_level and kind != "change":
        direction = record.fact.direction.value if record.fact.direction else "a change"
        sentence = f"{ident}: only a direction ({direction}) is reported for {year}, no figure"
        return Outcome(Truth.UNKNOWN, sentence, (record,), (finding(kind, op, ident, year, index, Truth.UNKNOWN, Reason.DIRECTION_ONLY, (record,), required=required),))  # type: ignore[arg-type]
    return None


def reported(condition: Reported, year: int, index: EvidenceIndex, reading: Reading) -> Outcome:
    """A figure was reported for the year: not a total, not a direction alone."""
    ident = condition.indicator
    choice = choose(index, ident, year, reading)
    early = unchosen("reported", "reported", ident, year, index, choice, reading)
    if early is not None and not (early.findings and early.findings[0].reason is Reason.CONFLICT):
        return early
    records = choice.candidates if early is not None else (choice.record,)
    # Reporters may disagree on the figure and still all have reported one.
    if all(r is not None and r.reported for r in records):
        record = records[0]
        assert record is not None
        sentence = f"{ident}: {show_fact(record, index)} reported in {year}"
        return Outcome(Truth.TRUE, sentence, tuple(records), (finding("reported", "reported", ident, year, index, Truth.TRUE, Reason.HOLDS, records),))  # type: ignore[arg-type]
    if all(r is not None and not r.reported for r in records):
        return Outcome(Truth.FALSE, f"{ident}: not reported in {year}", tuple(records), (finding("reported", "reported", ident, year, index, Truth.FALSE, Reason.NOT_REPORTED, records),))  # type: ignore[arg-type]
    assert early is not None
    return early


# -- values -------------------------------------------------------------------------------


def is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def same(a: object, b: object) -> bool:
    """Equality that keeps kinds apart: ``true`` is not 1, ``"1"`` is not 1."""
    if is_number(a) and is_number(b):
        return a == b
    return type(a) is type(b) and a == b
