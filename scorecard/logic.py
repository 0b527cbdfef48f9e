"""Kleene's three-valued logic: true, false and unknown."""

from __future__ import annotations

from collections.abc import Iterable
from typing import assert_never

from .models import Truth

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
