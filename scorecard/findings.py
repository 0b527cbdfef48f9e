"""A condition's outcome, and its finding as data beside the English sentence.

The sentence ("prosecution.convictions: 33 in 2017, at least 1 required") is for
the terminal; the :class:`~scorecard.models.results.Finding` says the same as data
(kind, indicator, values with basis, unit and reporter, years, reason) so that the
memo can write readers' words, or Spanish, from it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .evidence_index import EvidenceIndex, FactRecord
from .models import NOT_REPORTED, Finding, FindingValue, Indicator, IndicatorType, Reason, Scalar, Truth


@dataclass(frozen=True)
class Outcome:
    """A condition's truth, a short sentence saying why, the facts it read and its
    findings.  ``presumed``: false by the not-reported presumption, which negation
    does not turn into credit."""

    truth: Truth
    explanation: str
    facts: tuple[FactRecord, ...] = ()
    findings: tuple[Finding, ...] = ()
    presumed: bool = False


def value_of(record: FactRecord, index: EvidenceIndex) -> FindingValue:
    fact = record.fact
    indicator = index.indicators.get(fact.indicator)
    currency = index.currency_of(record)
    unit = currency or (indicator.unit if indicator is not None else None)
    return FindingValue(
        value=fact.value,
        year=record.year,
        period=fact.period,
        unit=unit,
        basis=index.basis(record),
        currency=currency,
        bound=fact.bound.value,
        direction=fact.direction.value if fact.direction else None,
        reporter=fact.reporter,
    )


def finding(
    kind: str,
    op: str,
    ident: str,
    year: int,
    index: EvidenceIndex,
    truth: Truth,
    reason: Reason,
    records: Sequence[FactRecord] = (),
    *,
    required: Scalar | list[Scalar] | None = None,
    min_change: float | None = None,
    policy: str | None = None,
    chosen: str | None = None,
    conflicting: Sequence[FactRecord] = (),
) -> Finding:
    indicator = index.indicators.get(ident)
    return Finding(
        kind=kind,
        op=op,
        indicator=ident,
        label=indicator.label if indicator is not None else None,
        truth=truth,
        reason=reason,
        year=year,
        values=[value_of(r, index) for r in records],
        required=required,
        min_change=min_change,
        conflict_policy=policy,
        chosen=chosen,
        conflicting=[value_of(r, index) for r in conflicting],
    )


def show(value: object, indicator: Indicator | None, currency: str | None = None) -> str:
    """A value as a curator writes it: ``true``, ``11000000 PEN``, ``adequate``
    (an amount in ``currency`` when given, else in the indicator's unit)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value == NOT_REPORTED:
        return "not reported"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    unit = currency if currency and indicator is not None and indicator.type is IndicatorType.AMOUNT else indicator.unit if indicator else None
    if indicator is not None and unit and indicator.type in (IndicatorType.AMOUNT, IndicatorType.NUMBER):
        text += f" {unit}"
    return text


_BOUND_WORDS = {"at_least": "at least ", "more_than": "more than ", "at_most": "at most ", "fewer_than": "fewer than ", "about": "about "}


def show_fact(record: FactRecord, index: EvidenceIndex) -> str:
    """A figure with its bound: ``more than 36``."""
    fact = record.fact
    return _BOUND_WORDS.get(fact.bound.value, "") + show(fact.value, index.indicators.get(fact.indicator), index.currency_of(record))


def describe(record: FactRecord, index: EvidenceIndex) -> str:
    """A figure with what it counts, who reported it and its year, to set two side by
    side: ``19 people (2014)``, ``13 cases, per public_ministry (2016)``."""
    text = show_fact(record, index)
    basis = index.basis(record)
    if basis:
        text += f" {basis}"
    if record.fact.reporter:
        text += f", per {record.fact.reporter}"
    return f"{text} ({record.fact.period or record.year})"


def side_by_side(records: Sequence[FactRecord], index: EvidenceIndex) -> str:
    return " vs ".join(describe(r, index) for r in records)
