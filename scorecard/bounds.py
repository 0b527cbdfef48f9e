"""What a bounded figure guarantees: "more than 36" is every number above 36.

A comparison of a bounded figure is *true* only when it holds for every number the
bound allows, *false* when it holds for none, and *unknown* otherwise.  Counts are
whole numbers, so "more than 36" convictions is at least 37.  ``about`` is read as
within ten per cent either way (the sources' "about 300" and "nearly 300" are
estimates, not exact counts).
"""

from __future__ import annotations

from typing import NamedTuple

from .models import Bound, Truth

ABOUT = 0.1
"""How far an ``about`` figure may be from its value, relative to it."""


class Range(NamedTuple):
    """The numbers a figure allows: ``low`` to ``high``, each end open or closed."""

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    @property
    def exact(self) -> bool:
        return self.low == self.high and not (self.low_open or self.high_open)


def figure_range(value: float, bound: Bound, *, whole: bool) -> Range:
    """The range ``value`` with ``bound`` allows; ``whole``: a count (whole numbers)."""
    inf = float("inf")
    match bound:
        case Bound.EXACT:
            return Range(value, value)
        case Bound.AT_LEAST:
            return Range(value, inf)
        case Bound.MORE_THAN:
            return Range(value + 1, inf) if whole else Range(value, inf, low_open=True)
        case Bound.AT_MOST:
            return Range(-inf if not whole else 0, value)
        case Bound.FEWER_THAN:
            return Range(0, value - 1) if whole else Range(-inf, value, high_open=True)
        case Bound.ABOUT:
            spread = abs(value) * ABOUT
            return Range(value - spread, value + spread)
    raise AssertionError(bound)


def _ge(r: Range, t: float) -> tuple[bool, bool]:
    """(every number in r is >= t, no number in r is >= t)."""
    return r.low >= t, r.high < t or (r.high == t and r.high_open)


def _gt(r: Range, t: float) -> tuple[bool, bool]:
    return r.low > t or (r.low == t and r.low_open), r.high <= t


def compare_range(op: str, r: Range, t: float) -> Truth:
    """``op`` (gte, gt, lte, lt, eq, ne) between every number of ``r`` and ``t``."""
    match op:
        case "gte":
            every, none = _ge(r, t)
        case "gt":
            every, none = _gt(r, t)
        case "lt":
            none, every = _ge(r, t)
        case "lte":
            none, every = _gt(r, t)
        case "eq" | "ne":
            inside = (r.low < t or (r.low == t and not r.low_open)) and (t < r.high or (t == r.high and not r.high_open))
            every, none = r.exact and r.low == t, not inside
            if op == "ne":
                every, none = none, every
        case _:
            raise AssertionError(op)
    return Truth.TRUE if every else Truth.FALSE if none else Truth.UNKNOWN


def change_of(before: Range, now: Range) -> tuple[float, float]:
    """The smallest and largest rise from ``before`` to ``now`` the ranges allow."""
    return now.low - before.high, now.high - before.low
