"""Conditions -> true | false | unknown for one country and year, recording the facts read.

The semantics are those documented on each operator in :mod:`scorecard.models.conditions`:

- no fact for the indicator in the year -> **unknown**;
- a ``not_reported`` fact -> comparisons and changes **false** (the TVPA's presumption);
- enum indicators are ordered by their declared ``values`` (worst first), booleans are
  not ordered (only ``eq``, ``ne``, ``in`` and ``unchanged`` apply to them);
- ``increased`` / ``decreased`` / ``unchanged`` compare with the latest *earlier* year that
  has a reported value; ``min_change`` is relative to that earlier value (numbers only: an
  enum moves by whole steps of its order, so ``min_change`` does not apply to it);
- ``all`` / ``any`` / ``not`` follow Kleene's three-valued logic.

Evaluation is one ``match`` over the :data:`~scorecard.models.conditions.Condition` union
ending in ``assert_never``: a new operator without evaluation fails type checking.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple, assert_never

from .models import (
    NOT_REPORTED,
    Citation,
    CitationRef,
    Condition,
    Criterion,
    CriterionResult,
    Fact,
    FactUsed,
    Indicator,
    IndicatorType,
    Truth,
    period_years,
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

# -- three-valued logic -------------------------------------------------------------------


def all_of(truths: Iterable[Truth]) -> Truth:
    """Kleene conjunction: false if any is false, else unknown if any is unknown, else true."""
    seen = set(truths)
    if Truth.FALSE in seen:
        return Truth.FALSE
    if Truth.UNKNOWN in seen:
        return Truth.UNKNOWN
    return Truth.TRUE


def any_of(truths: Iterable[Truth]) -> Truth:
    """Kleene disjunction: true if any is true, else unknown if any is unknown, else false."""
    seen = set(truths)
    if Truth.TRUE in seen:
        return Truth.TRUE
    if Truth.UNKNOWN in seen:
        return Truth.UNKNOWN
    return Truth.FALSE


def negate(truth: Truth) -> Truth:
    """Kleene negation: ``not unknown`` is unknown."""
    match truth:
        case Truth.TRUE:
            return Truth.FALSE
        case Truth.FALSE:
            return Truth.TRUE
        case Truth.UNKNOWN:
            return Truth.UNKNOWN
        case _:
            assert_never(truth)


def truth_of(holds: bool) -> Truth:
    return Truth.TRUE if holds else Truth.FALSE


# -- the evidence index -------------------------------------------------------------------


class FactRecord(NamedTuple):
    """A fact with where it came from: the evidence file's path and year.

    A named tuple because the index builds one for every fact of a country, and it
    is built in half the time of a frozen dataclass."""

    fact: Fact
    path: str
    year: int

    @property
    def reported(self) -> bool:
        """Whether the fact gives something other than ``not_reported`` (a figure or a direction)."""
        return self.fact.value != NOT_REPORTED

    @property
    def has_level(self) -> bool:
        """Whether the fact gives a figure, not only a direction."""
        return self.fact.value is not None


@dataclass
class EvidenceIndex:
    """One country's facts, by indicator and year, plus the indicator vocabulary.

    When a file holds two facts of one indicator (one for the year, one for a longer
    period that includes it), the fact for the year itself is the year's fact; failing
    that, the first in the file.  When two files give the same country and year (which
    validation reports), the first by path wins.
    """

    country: str
    indicators: dict[str, Indicator]
    facts: dict[str, dict[int, FactRecord]] = field(default_factory=dict)
    years: list[int] = field(default_factory=list)
    """Years with an evidence file for the country, ascending."""

    def fact(self, indicator: str, year: int) -> FactRecord | None:
        return self.facts.get(indicator, {}).get(year)

    def earlier_reported(self, indicator: str, year: int) -> FactRecord | None:
        """The latest fact before ``year`` whose value was reported (not ``not_reported``)
        for that year alone: a total over several years is no year's figure."""
        by_year = self.facts.get(indicator, {})
        for earlier in sorted((y for y in by_year if y < year), reverse=True):
            record = by_year[earlier]
            if record.reported and record.has_level and _is_for_year(record.fact, earlier):
                return record
        return None


def build_index(project: Project, country: str) -> EvidenceIndex:
    """Index a country's evidence once; every evaluation for that country reads it."""
    return project.derived(("evidence index", country), lambda: _index(project, country))


def _index(project: Project, country: str) -> EvidenceIndex:
    index = EvidenceIndex(country=country, indicators=project.indicators)
    years: set[int] = set()
    for doc in project.evidence_of(country):  # sorted by path: the first file wins a clash
        year = doc.data.year
        years.add(year)
        for fact in doc.data.facts:
            by_year = index.facts.setdefault(fact.indicator, {})
            current = by_year.get(year)
            if current is None or (_is_for_year(fact, year) and not _is_for_year(current.fact, year) and current.path == doc.path):
                by_year[year] = FactRecord(fact=fact, path=doc.path, year=year)
    index.years = sorted(years)
    return index


def _is_for_year(fact: Fact, year: int) -> bool:
    return fact.period is None or period_years(fact.period) == (year, year)


# -- evaluating conditions ----------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """A condition's truth, a short sentence saying why, and the facts it read."""

    truth: Truth
    explanation: str
    facts: tuple[FactRecord, ...] = ()


def evaluate_condition(condition: Condition, year: int, index: EvidenceIndex) -> Outcome:
    """The truth of ``condition`` for ``year`` of the index's country."""
    match condition:
        case Gte() | Gt() | Lte() | Lt() | Eq() | Ne() | In():
            return _compare(condition, year, index)
        case Increased() | Decreased() | Unchanged():
            return _change(condition, year, index)
        case Reported():
            return _reported(condition, year, index)
        case AllOf():
            parts = [evaluate_condition(part, year, index) for part in condition.conditions]
            return _combine(all_of(p.truth for p in parts), parts, decisive=Truth.FALSE)
        case AnyOf():
            parts = [evaluate_condition(part, year, index) for part in condition.conditions]
            return _combine(any_of(p.truth for p in parts), parts, decisive=Truth.TRUE)
        case Not():
            inner = evaluate_condition(condition.condition, year, index)
            return Outcome(negate(inner.truth), f"not ({inner.explanation})", inner.facts)
        case _:
            assert_never(condition)


def _combine(truth: Truth, parts: list[Outcome], *, decisive: Truth) -> Outcome:
    """Explain ``all``/``any`` by the parts that decided it: the false parts of a false
    ``all`` (true parts of a true ``any``), the unknown parts of an unknown one, else all."""
    shown = [p for p in parts if p.truth is truth] if truth in (decisive, Truth.UNKNOWN) else parts
    facts = _unique(f for p in parts for f in p.facts)
    return Outcome(truth, "; ".join(dict.fromkeys(p.explanation for p in shown)), facts)


def _unique(records: Iterable[FactRecord]) -> tuple[FactRecord, ...]:
    seen: dict[tuple[str, int, str], FactRecord] = {}
    for record in records:
        seen.setdefault((record.fact.indicator, record.year, record.path), record)
    return tuple(seen.values())


def _compare(condition: Gte | Gt | Lte | Lt | Eq | Ne | In, year: int, index: EvidenceIndex) -> Outcome:
    ident = condition.indicator
    record = index.fact(ident, year)
    if record is None:
        return Outcome(Truth.UNKNOWN, f"no evidence for {ident} in {year}")
    indicator = index.indicators.get(ident)
    value = record.fact.value
    stated = f"{ident}: {_show(value, indicator)} in {year}"
    if not record.reported:
        return Outcome(Truth.FALSE, f"{ident}: not reported in {year}", (record,))
    if not record.has_level:
        return _direction_only(ident, year, record)
    match condition:
        case In():
            wanted = ", ".join(_show(v, indicator) for v in condition.values)
            holds = any(_same(value, v) for v in condition.values)
            return Outcome(truth_of(holds), f"{stated}, one of {wanted} required", (record,))
        case Eq():
            return Outcome(truth_of(_same(value, condition.value)), f"{stated}, {_show(condition.value, indicator)} required", (record,))
        case Ne():
            return Outcome(truth_of(not _same(value, condition.value)), f"{stated}, anything but {_show(condition.value, indicator)} required", (record,))
        case Gte() | Gt() | Lte() | Lt():
            wanted = f"{_BOUND[condition.op]} {_show(condition.value, indicator)} required"
            have, bound = _rank(value, indicator), _rank(condition.value, indicator)
            if have is None or bound is None:
                return Outcome(Truth.UNKNOWN, f"{stated}, {wanted}, but these values have no order", (record,))
            return Outcome(truth_of(_ORDERED[condition.op](have, bound)), f"{stated}, {wanted}", (record,))
        case _:
            assert_never(condition)


_BOUND = {"gte": "at least", "gt": "more than", "lte": "at most", "lt": "less than"}
_ORDERED = {
    "gte": lambda a, b: a >= b,
    "gt": lambda a, b: a > b,
    "lte": lambda a, b: a <= b,
    "lt": lambda a, b: a < b,
}


def _change(condition: Increased | Decreased | Unchanged, year: int, index: EvidenceIndex) -> Outcome:
    ident = condition.indicator
    record = index.fact(ident, year)
    if record is None:
        return Outcome(Truth.UNKNOWN, f"no evidence for {ident} in {year}")
    indicator = index.indicators.get(ident)
    if not record.reported:
        return Outcome(Truth.FALSE, f"{ident}: not reported in {year}", (record,))
    if not record.has_level:
        return _direction_only(ident, year, record)
    now = record.fact.value
    if not _is_for_year(record.fact, year):
        # A cumulative figure ("to date", 2004-2011) compared with a yearly one would
        # show growth that is only the length of the period.
        return Outcome(
            Truth.UNKNOWN,
            f"{ident}: {_show(now, indicator)} covers {record.fact.period}, not {year} alone; no change can be measured",
            (record,),
        )
    earlier = index.earlier_reported(ident, year)
    if earlier is None:
        return Outcome(
            Truth.UNKNOWN,
            f"{ident}: {_show(now, indicator)} in {year}, no earlier reported value to compare with",
            (record,),
        )
    before = earlier.fact.value
    facts = (earlier, record)
    moved = _movement(ident, before, earlier.year, now, year, indicator)
    # min_change is relative to a number; an enum moves by whole steps of its order.
    relative = condition.min_change if _is_number(before) and _is_number(now) and not _is_enum(indicator) else None
    if isinstance(condition, Unchanged) and relative is None:
        return Outcome(truth_of(_same(now, before)), moved, facts)
    a, b = _rank(before, indicator), _rank(now, indicator)
    if a is None or b is None:
        return Outcome(Truth.UNKNOWN, f"{moved}, but these values have no order", facts)
    if relative is None:
        threshold, required = 0.0, ""
    else:
        threshold = relative * abs(a)
        required = f", a change of at least {_percent(relative)} required"
        if a != 0 and b != a:
            moved += f" ({'+' if b > a else '-'}{_percent(abs(b - a) / abs(a))})"
    match condition:
        case Increased():
            return Outcome(truth_of(b > a and _at_least(b - a, threshold)), moved + required, facts)
        case Decreased():
            return Outcome(truth_of(b < a and _at_least(a - b, threshold)), moved + required, facts)
        case Unchanged():
            within = f", within {_percent(relative or 0.0)} required"
            return Outcome(truth_of(_at_least(threshold, abs(b - a))), moved + within, facts)
        case _:
            assert_never(condition)


def _at_least(x: float, y: float) -> bool:
    """``x >= y``, forgiving float noise (1.1 * 100 - 100 is 10.000000000000014)."""
    return x >= y - 1e-9 * max(1.0, abs(x), abs(y))


def _percent(fraction: float) -> str:
    return f"{round(fraction * 100, 1):g}%"


def _is_enum(indicator: Indicator | None) -> bool:
    return indicator is not None and indicator.type is IndicatorType.ENUM


def _movement(ident: str, before: object, before_year: int, now: object, year: int, indicator: Indicator | None) -> str:
    was, is_ = _show(before, indicator), _show(now, indicator)
    a, b = _rank(before, indicator), _rank(now, indicator)
    if _same(before, now):
        verb = "stayed at"
        return f"{ident} {verb} {is_} ({before_year} and {year})"
    verb = "changed" if a is None or b is None else "rose" if b > a else "fell"
    return f"{ident} {verb} from {was} ({before_year}) to {is_} ({year})"


def _reported(condition: Reported, year: int, index: EvidenceIndex) -> Outcome:
    ident = condition.indicator
    record = index.fact(ident, year)
    if record is None:
        return Outcome(Truth.UNKNOWN, f"no evidence for {ident} in {year}")
    if not record.reported:
        return Outcome(Truth.FALSE, f"{ident}: not reported in {year}", (record,))
    if not record.has_level:
        return _direction_only(ident, year, record)
    indicator = index.indicators.get(ident)
    return Outcome(Truth.TRUE, f"{ident}: {_show(record.fact.value, indicator)} reported in {year}", (record,))


def _direction_only(ident: str, year: int, record: FactRecord) -> Outcome:
    direction = record.fact.direction.value if record.fact.direction else "a change"
    return Outcome(Truth.UNKNOWN, f"{ident}: only a direction ({direction}) is reported for {year}, no figure", (record,))


# -- values -------------------------------------------------------------------------------


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _same(a: object, b: object) -> bool:
    """Equality that keeps kinds apart: ``true`` is not 1, ``"1"`` is not 1."""
    if _is_number(a) and _is_number(b):
        return a == b
    return type(a) is type(b) and a == b


def _rank(value: object, indicator: Indicator | None) -> float | None:
    """A value's place in its indicator's order: enums by declared position, numbers as
    themselves; None when the value has no order (booleans, unknown enum values)."""
    if _is_enum(indicator):
        values = indicator.values or []  # type: ignore[union-attr]
        return float(values.index(value)) if value in values else None
    if _is_number(value):
        return float(value)  # type: ignore[arg-type]
    return None


def _show(value: object, indicator: Indicator | None) -> str:
    """A value as a curator writes it: ``true``, ``11000000 PEN``, ``adequate``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value == NOT_REPORTED:
        return "not reported"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    if indicator is not None and indicator.unit and indicator.type in (IndicatorType.AMOUNT, IndicatorType.NUMBER):
        text += f" {indicator.unit}"
    return text


# -- criteria -----------------------------------------------------------------------------


class Evaluator:
    """Evaluates criteria for one country (the project resolves each citation once)."""

    def __init__(self, project: Project, country: str, index: EvidenceIndex | None = None) -> None:
        self.project = project
        self.index = index if index is not None else build_index(project, country)

    def criterion(self, criterion: Criterion, year: int) -> CriterionResult:
        outcome = evaluate_condition(criterion.condition, year, self.index)
        return CriterionResult(
            id=criterion.id,
            description=criterion.description,
            truth=outcome.truth,
            weight=criterion.weight,
            cap=criterion.cap,
            explanation=outcome.explanation,
            facts=[self.fact_used(record) for record in outcome.facts],
        )

    def criteria(self, criteria: Sequence[Criterion], year: int) -> list[CriterionResult]:
        return [self.criterion(c, year) for c in criteria]

    def fact_used(self, record: FactRecord) -> FactUsed:
        # Built anew each time, not memoised: results are short-lived, and a memo of
        # them grows the heap enough to make the collector walk the whole loaded
        # project once more (a full collection: 1 s of evaluating all of 190 x 20).
        fact = record.fact
        indicator = self.index.indicators.get(fact.indicator)
        return FactUsed(
            indicator=fact.indicator,
            year=record.year,
            value=fact.value,
            unit=indicator.unit if indicator else None,
            period=fact.period,
            note=fact.note,
            path=record.path,
            citations=[self.resolve(c) for c in fact.citations],
        )

    def resolve(self, citation: Citation) -> CitationRef:
        return self.project.resolve(citation)


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
