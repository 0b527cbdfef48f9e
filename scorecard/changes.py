"""Change conditions (``increased``, ``decreased``, ``unchanged``): like with like.

For the year, a direction the source reports ("decreased its budget") decides the
change, cited like any figure.  Otherwise the year's figure is compared with the
latest earlier yearly figure of the same basis and, when both name one, the same
reporter, at most ``max_gap_years`` back; failing that the change is unknown and the
explanation sets both figures side by side ("not comparable: 19 people (2014) vs
13 cases (2016)").  A total over several years is never compared with a year.
"""

from __future__ import annotations

from typing import assert_never

from .bounds import change_of, figure_range
from .currency import currency_clash
from .evidence_index import EvidenceIndex, FactRecord, Reading, choose, earlier_comparable, rank
from .findings import Outcome, describe, finding, show, show_fact
from .levels import is_number, same, unchosen
from .logic import truth_of
from .models import Bound, Direction, IndicatorType, Reason, Truth
from .models.conditions import Decreased, Increased, Unchanged

Change = Increased | Decreased | Unchanged

_WANTED = {"increased": Direction.INCREASED, "decreased": Direction.DECREASED, "unchanged": Direction.UNCHANGED}


def change(condition: Change, year: int, index: EvidenceIndex, reading: Reading) -> Outcome:
    ident = condition.indicator
    # A total is never compared with a year, whatever the criterion accepts for levels.
    choice = choose(index, ident, year, Reading(conflicts=reading.conflicts, max_gap_years=reading.max_gap_years), level=False)
    if choice.reason == "total_not_level":
        record = choice.candidates[0]
        sentence = f"{ident}: {show_fact(record, index)} covers {record.fact.period}, not {year} alone; no change can be measured"
        return _outcome(condition, year, index, Truth.UNKNOWN, sentence, Reason.TOTAL_NOT_LEVEL, (record,))
    early = unchosen(condition.op, "change", ident, year, index, choice, reading)
    if early is not None:
        return early
    record = choice.record
    assert record is not None
    if not record.reported:
        return _outcome(condition, year, index, Truth.FALSE, f"{ident}: not reported in {year}", Reason.NOT_REPORTED, (record,), presumed=True)
    direction = record.fact.direction
    if direction is not None and (condition.min_change is None or not record.has_level):
        return _by_direction(condition, year, index, record, direction)
    if not record.has_level:  # pragma: no cover - a fact has a value or a direction
        raise AssertionError(record)
    return _by_figures(condition, year, index, record, reading)


def _outcome(condition: Change, year: int, index: EvidenceIndex, truth: Truth, sentence: str, reason: Reason,
             records: tuple[FactRecord, ...], *, presumed: bool = False) -> Outcome:  # fmt: skip
    found = finding("change", condition.op, condition.indicator, year, index, truth, reason, records, min_change=condition.min_change)
    return Outcome(truth, sentence, records, (found,), presumed)


def _by_direction(condition: Change, year: int, index: EvidenceIndex, record: FactRecord, direction: Direction) -> Outcome:
    ident = condition.indicator
    sentence = f"{ident}: reported as {direction.value} in {year}"
    if direction is not _WANTED[condition.op]:
        return _outcome(condition, year, index, Truth.FALSE, sentence, Reason.DIRECTION, (record,))
    if condition.min_change is not None:
        sentence += f", a change of at least {_percent(condition.min_change)} required, which a direction alone does not show"
        return _outcome(condition, year, index, Truth.UNKNOWN, sentence, Reason.DIRECTION, (record,))
    return _outcome(condition, year, index, Truth.TRUE, sentence, Reason.DIRECTION, (record,))


def _by_figures(condition: Change, year: int, index: EvidenceIndex, record: FactRecord, reading: Reading) -> Outcome:
    ident = condition.indicator
    indicator = index.indicators.get(ident)
    now = record.fact.value
    earlier = earlier_comparable(index, record, year, reading)
    if earlier.record is None:
        if earlier.reason == "not_comparable":
            assert earlier.rejected is not None
            sentence = f"{ident}: not comparable: {describe(earlier.rejected, index)} vs {describe(record, index)}"
            return _outcome(condition, year, index, Truth.UNKNOWN, sentence, Reason.NOT_COMPARABLE, (earlier.rejected, record))
        if earlier.reason == "gap_too_long":
            assert earlier.rejected is not None
            sentence = (f"{ident}: {show_fact(record, index)} in {year}; the latest earlier figure, {describe(earlier.rejected, index)}, "
                        f"is more than {reading.max_gap_years} years before")  # fmt: skip
            return _outcome(condition, year, index, Truth.UNKNOWN, sentence, Reason.GAP_TOO_LONG, (earlier.rejected, record))
        sentence = f"{ident}: {show_fact(record, index)} in {year}, no earlier reported value to compare with"
        return _outcome(condition, year, index, Truth.UNKNOWN, sentence, Reason.NO_EARLIER_YEAR, (record,))
    before_record = earlier.record
    clash = currency_clash(before_record, record, index)
    if clash is not None:
        return _outcome(condition, year, index, Truth.UNKNOWN, clash, Reason.NOT_COMPARABLE, (before_record, record))
    before = before_record.fact.value
    facts = (before_record, record)
    moved = _movement(ident, before_record, record, index)

    def done(truth: Truth, sentence: str) -> Outcome:
        return _outcome(condition, year, index, truth, sentence, Reason.HOLDS if truth is Truth.TRUE else Reason.FAILS if truth is Truth.FALSE else Reason.BOUND_UNDECIDED, facts)

    enum = indicator is not None and indicator.type is IndicatorType.ENUM
    # min_change is relative to a number; an enum moves by whole steps of its order.
    relative = condition.min_change if is_number(before) and is_number(now) and not enum else None
    bounded = before_record.fact.bound is not Bound.EXACT or record.fact.bound is not Bound.EXACT
    if isinstance(condition, Unchanged) and relative is None and not bounded:
        return done(truth_of(same(now, before)), moved)
    a, b = rank(before, indicator), rank(now, indicator)
    if a is None or b is None:
        return done(Truth.UNKNOWN, f"{moved}, but these values have no order")
    if relative is None:
        threshold, required = 0.0, ""
    else:
        threshold = relative * abs(a)
        required = f", a change of at least {_percent(relative)} required"
        if a != 0 and b != a:
            moved += f" ({'+' if b > a else '-'}{_percent(abs(b - a) / abs(a))})"
    if bounded:
        return done(_bounded(condition, before_record, record, index, threshold), moved + required)
    match condition:
        case Increased():
            return done(truth_of(b > a and _at_least(b - a, threshold)), moved + required)
        case Decreased():
            return done(truth_of(b < a and _at_least(a - b, threshold)), moved + required)
        case Unchanged():
            within = f", within {_percent(relative or 0.0)} required"
            return done(truth_of(_at_least(threshold, abs(b - a))), moved + within)
        case _:
            assert_never(condition)


def _bounded(condition: Change, before: FactRecord, now: FactRecord, index: EvidenceIndex, threshold: float) -> Truth:
    """A change between bounded figures: decided only when every pair the bounds allow agrees."""
    indicator = index.indicators.get(now.fact.indicator)
    whole = indicator is not None and indicator.type is IndicatorType.COUNT
    low, high = change_of(
        figure_range(float(before.fact.value), before.fact.bound, whole=whole),  # type: ignore[arg-type]
        figure_range(float(now.fact.value), now.fact.bound, whole=whole),  # type: ignore[arg-type]
    )
    match condition:
        case Increased():
            every, none = low > 0 and low >= threshold, high <= 0 or high < threshold
        case Decreased():
            every, none = high < 0 and -high >= threshold, low >= 0 or -low < threshold
        case Unchanged():
            every, none = -threshold <= low and high <= threshold, low > threshold or high < -threshold
        case _:
            assert_never(condition)
    return Truth.TRUE if every else Truth.FALSE if none else Truth.UNKNOWN


def _at_least(x: float, y: float) -> bool:
    """``x >= y``, forgiving float noise (1.1 * 100 - 100 is 10.000000000000014)."""
    return x >= y - 1e-9 * max(1.0, abs(x), abs(y))


def _percent(fraction: float) -> str:
    return f"{round(fraction * 100, 1):g}%"


def _movement(ident: str, before: FactRecord, now: FactRecord, index: EvidenceIndex) -> str:
    indicator = index.indicators.get(ident)
    was, is_ = show_fact(before, index), show_fact(now, index)
    a, b = rank(before.fact.value, indicator), rank(now.fact.value, indicator)
    if same(before.fact.value, now.fact.value) and before.fact.bound is now.fact.bound:
        return f"{ident} stayed at {is_} ({before.year} and {now.year})"
    verb = "changed" if a is None or b is None or a == b else "rose" if b > a else "fell"
    return f"{ident} {verb} from {was} ({before.year}) to {is_} ({now.year})"


__all__ = ["change", "show"]
