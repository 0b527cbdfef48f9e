"""Readers' words for what a criterion found: labels, values and years, never ids.

A curator writes ``funding.national_budget: 11000000 PEN``; a reader gets "national
anti-trafficking budget: S/ 11 million in 2017".  Every word the tool adds comes from
the message catalogue (:mod:`.i18n`); labels come from the indicator vocabulary.
"""

from __future__ import annotations

import gettext
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..models import NOT_REPORTED, CriterionResult, FactUsed, Indicator, Truth
from ..models.indicators import IndicatorType
from . import numbers


def N_(message: str) -> str:
    """Mark a message for the catalogue where it is defined; it is translated where used."""
    return message


@dataclass(frozen=True)
class Wording:
    """What readers' words depend on: the language, its catalogue, the vocabulary and
    the country (whose currency symbol money is written with)."""

    lang: str
    t: gettext.NullTranslations
    indicators: Mapping[str, Indicator]
    territory: str | None = None
    """ISO 3166 alpha-2 code of the country, for its currency symbol."""

    def _(self, message: str, **values: object) -> str:
        text = self.t.gettext(message)
        return text.format(**values) if values else text

    def n_(self, singular: str, plural: str, n: int, **values: object) -> str:
        return self.t.ngettext(singular, plural, n).format(n=self.number(n), **values)

    def number(self, value: int | float) -> str:
        return numbers.number(value, self.lang)


def label(ident: str, w: Wording) -> str:
    """The indicator's short label for readers, in the memo's language.

    Order: the translated label, the label, then the last part of the id in words
    (``national_budget`` -> "national budget"), so an id is never printed as such.
    """
    indicator = w.indicators.get(ident)
    words = _translated(indicator, w.lang)
    if words is not None and words.get("label"):
        return str(words["label"])
    own = getattr(indicator, "label", None)
    if own:
        return str(own)
    return ident.rsplit(".", 1)[-1].replace("_", " ")


def _translated(indicator: Indicator | None, lang: str) -> dict[str, object] | None:
    translations = getattr(indicator, "translations", None) or {}
    entry = translations.get(lang)
    if entry is None:
        return None
    return entry if isinstance(entry, dict) else entry.model_dump()


def enum_word(value: str, indicator: Indicator | None, w: Wording) -> str:
    """An enum value as a word: the indicator's translation, else the value with spaces."""
    words = _translated(indicator, w.lang)
    named = (words or {}).get("values") or {}
    if isinstance(named, dict) and value in named:
        return str(named[value])
    return value.replace("_", " ")


def value_words(value: object, indicator: Indicator | None, w: Wording, currency: str | None = None) -> str:
    """A fact's value as a reader writes it: ``S/ 11 million``, ``1,229``, ``yes``, ``ad hoc``
    (an amount in ``currency``, the fact's own, else in the indicator's unit)."""
    if value == NOT_REPORTED:
        return w._("not reported")
    if isinstance(value, bool):
        return w._("yes") if value else w._("no")
    kind = indicator.type if indicator is not None else None
    if isinstance(value, (int, float)):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if kind is IndicatorType.AMOUNT:
            return numbers.amount(value, currency or (indicator.unit if indicator else None), w.lang, w.territory)
        text = w.number(value)
        if kind is IndicatorType.NUMBER and indicator is not None and indicator.unit:
            text += f" {indicator.unit}"
        return text
    return enum_word(str(value), indicator, w)


def _when(fact: FactUsed, w: Wording) -> str:
    # Years are names of years, not quantities: never grouped ("2017", not "2,017").
    if fact.period and fact.period != str(fact.year):
        return w._("{value} for {period}", value=value_words(fact.value, w.indicators.get(fact.indicator), w, fact.unit), period=fact.period)
    return w._("{value} in {year}", value=value_words(fact.value, w.indicators.get(fact.indicator), w, fact.unit), year=fact.year)


def facts_sentence(facts: Sequence[FactUsed], w: Wording) -> str:
    """One clause per indicator, its values oldest first: "convictions: 13 in 2016, 33 in 2017"."""
    by_indicator: dict[str, list[FactUsed]] = {}
    for fact in facts:
        by_indicator.setdefault(fact.indicator, []).append(fact)
    clauses = []
    for ident, group in by_indicator.items():
        unique = {(f.year, f.period, repr(f.value)): f for f in sorted(group, key=lambda f: (f.year, f.period or ""))}
        values = ", ".join(_when(f, w) for f in unique.values())
        clauses.append(w._("{label}: {values}", label=label(ident, w), values=values))
    return "; ".join(clauses)


def finding(criterion: CriterionResult, year: int, w: Wording) -> str:
    """What the evidence says for a criterion, as a sentence ending in a full stop."""
    findings = getattr(criterion, "findings", None)
    if findings:
        from .finding_words import finding_clause

        sentence = "; ".join(dict.fromkeys(finding_clause(f, w) for f in findings))
        return sentence[:1].upper() + sentence[1:] + "."
    if not criterion.facts:
        return w._("No evidence for {year}.", year=year)
    sentence = facts_sentence(criterion.facts, w)
    sentence = sentence[:1].upper() + sentence[1:]
    if criterion.truth is Truth.UNKNOWN:
        return w._("{facts}; this does not settle it.", facts=sentence)
    return sentence + "."


def truth_word(truth: Truth, w: Wording) -> str:
    return {
        Truth.TRUE: w._("holds"),
        Truth.FALSE: w._("does not hold"),
        Truth.UNKNOWN: w._("cannot be assessed"),
    }[truth]
