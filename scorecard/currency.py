"""Amounts in currencies: a change is never measured between amounts in different ones.

An amount fact is in its own ``currency``, else in its country's (rules/countries.yaml),
else in its indicator's unit.  Converting would need an exchange rate no source gives, so
a change between amounts in different currencies is unknown, and says why.
"""

from __future__ import annotations

from .evidence_index import EvidenceIndex, FactRecord


def currency_clash(before: FactRecord, now: FactRecord, index: EvidenceIndex) -> str | None:
    """Why two amounts cannot be compared (they are in different currencies), or None."""
    a, b = index.currency_of(before), index.currency_of(now)
    if a is None or b is None or a == b:
        return None
    ident = now.fact.indicator
    return (
        f"{ident}: {before.fact.value} {a} in {before.year} and {now.fact.value} {b} in {now.year} "
        "are in different currencies; no change can be measured without an exchange rate the sources do not give"
    )
