"""Readers' words for a criterion's structured findings (kind, indicator, values, reason).

Each finding becomes one clause built only from the catalogue's words, the indicator's
label and formatted values: "convictions rose from 13 in 2016 to 33 in 2017 (a rise of
at least 10% needed)", "identification training: yes in 2017; no earlier year to compare".
Findings are read by attribute, so this also works on results built before they existed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from . import numbers
from .words import N_, Wording, label, value_words

_BOUNDS = {
    "at_least": N_("at least {value}"),
    "more_than": N_("more than {value}"),
    "at_most": N_("at most {value}"),
    "fewer_than": N_("fewer than {value}"),
    "about": N_("about {value}"),
}
_REQUIRED = {
    "gte": N_("at least {value} needed"),
    "gt": N_("more than {value} needed"),
    "lte": N_("at most {value} needed"),
    "lt": N_("less than {value} needed"),
    "eq": N_("{value} needed"),
    "ne": N_("anything but {value} needed"),
    "in": N_("one of {value} needed"),
}


def _value(v: Any, indicator_id: str, w: Wording) -> str:
    indicator = w.indicators.get(indicator_id)
    if getattr(v, "currency", None) and isinstance(v.value, (int, float)) and not isinstance(v.value, bool):
        text = numbers.amount(v.value, v.currency, w.lang, w.territory)
    elif v.value is None and getattr(v, "direction", None):
        text = _direction(v.direction, w)
    else:
        text = value_words(v.value, indicator, w)
    bound = getattr(v, "bound", "exact") or "exact"
    if bound in _BOUNDS:
        text = w._(_BOUNDS[bound], value=text)
    return text


def _direction(direction: str, w: Wording) -> str:
    return {"increased": w._("an increase"), "decreased": w._("a decrease"), "unchanged": w._("no change")}.get(
        direction, direction.replace("_", " ")
    )


def _when(v: Any, indicator_id: str, w: Wording) -> str:
    if v.period and v.period != str(v.year):
        return w._("{value} for {period}", value=_value(v, indicator_id, w), period=v.period)
    return w._("{value} in {year}", value=_value(v, indicator_id, w), year=v.year)


def _required(f: Any, w: Wording) -> str | None:
    # What was needed is worth saying only when it was not there.
    if f.required is None or f.op not in _REQUIRED or f.negated or getattr(f.truth, "value", f.truth) == "true":
        return None
    indicator = w.indicators.get(f.indicator)
    wanted = f.required if isinstance(f.required, list) else [f.required]
    shown = w._(" or ").join(value_words(v, indicator, w) for v in wanted)
    return w._(_REQUIRED[f.op], value=shown)


def finding_clause(f: Any, w: Wording) -> str:
    """One finding as a clause (no capital, no full stop)."""
    name = label(f.indicator, w)
    reason = getattr(f.reason, "value", f.reason)
    values: Sequence[Any] = f.values
    if reason == "no_evidence" or not values:
        return w._("no evidence of {label} for {year}", label=name, year=f.year)
    if reason == "not_reported":
        return w._("{label}: not reported in {year}", label=name, year=f.year)
    latest = values[-1]
    if f.kind == "change":
        return _change(f, reason, name, values, w)
    stated = w._("{label}: {values}", label=name, values=_when(latest, f.indicator, w))
    if reason == "total_not_level":
        return w._("{stated}, a total over a longer period, not the level of {year}", stated=stated, year=f.year)
    if reason == "bound_undecided":
        return w._("{stated}, which does not settle it", stated=stated)
    if reason == "conflict":
        return _conflict(f, name, w)
    if reason == "no_order":
        return w._("{stated}, which cannot be ranked", stated=stated)
    required = _required(f, w)
    return w._("{stated} ({required})", stated=stated, required=required) if required else stated


def _change(f: Any, reason: str, name: str, values: Sequence[Any], w: Wording) -> str:
    now = values[-1]
    if reason == "no_earlier_year" or len(values) < 2:
        stated = w._("{label}: {values}", label=name, values=_when(now, f.indicator, w))
        if reason == "total_not_level":
            return w._("{stated}, a total over a longer period, not the level of {year}", stated=stated, year=f.year)
        if reason in ("direction", "direction_only"):
            return w._("{label}: {direction} in {year}, as the source reports", label=name,
                       direction=_direction(now.direction or "", w), year=now.year)
        return w._("{stated}; no earlier year to compare", stated=stated)
    before = values[0]
    if reason == "not_comparable":
        return w._("{label}: the figures for {before} and {now} count different things, so no change can be measured",
                   label=name, before=before.year, now=now.year)
    if reason == "gap_too_long":
        return w._("{label}: the last earlier figure is from {before}, too long before {now} to compare",
                   label=name, before=before.year, now=now.year)
    if reason == "conflict":
        return _conflict(f, name, w)
    a, b = before.value, now.value
    numeric = all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in (a, b))
    was, is_ = _when(before, f.indicator, w), _when(now, f.indicator, w)
    if numeric and b > a:
        text = w._("{label} rose from {before} to {now}", label=name, before=was, now=is_)
    elif numeric and b < a:
        text = w._("{label} fell from {before} to {now}", label=name, before=was, now=is_)
    elif a == b:
        text = w._("{label} stayed the same: {before}, {now}", label=name, before=was, now=is_)
    else:
        text = w._("{label}: {before}, {now}", label=name, before=was, now=is_)
    if f.min_change:
        text = w._("{text} (a change of at least {share} needed)", text=text, share=numbers.share(f.min_change, w.lang))
    return text


def _conflict(f: Any, name: str, w: Wording) -> str:
    figures = [*f.values, *getattr(f, "conflicting", [])]
    shown = w._(" and ").join(_when(v, f.indicator, w) for v in figures)
    return w._("{label}: sources disagree ({figures}) and no single figure can be used", label=name, figures=shown)
