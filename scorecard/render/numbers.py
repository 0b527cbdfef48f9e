"""Numbers, money and dates as a reader of the language writes them (Babel's CLDR data).

A figure is never rounded into something the source did not say: money is written in
millions ("S/ 11 million") only when that is exact to one decimal, and in full otherwise.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from functools import cache

from babel.core import Locale, UnknownLocaleError
from babel.dates import format_date as _format_date
from babel.numbers import format_compact_decimal, format_decimal, format_percent, get_currency_symbol

MILLION = 1_000_000


def number(value: int | float, lang: str) -> str:
    """``1229`` -> ``1,229`` (en), ``1.229`` (es); decimals kept as given."""
    return format_decimal(value, locale=lang, group_separator=True)


def percent(fraction: float | None, lang: str) -> str:
    """A 0-1 share with one decimal: ``38.9%`` (en), ``38,9 %`` (es); n/a is the caller's."""
    assert fraction is not None
    pattern = Locale.parse(lang).percent_formats[None].pattern  # "#,##0%" (en), "#,##0\u00a0%" (es)
    return format_percent(fraction, format=re.sub(r"0(?=[^0#]*%)", "0.0", pattern, count=1), locale=lang)


def share(fraction: float, lang: str) -> str:
    """A threshold as written in a rule: ``10%``, ``12.5%`` (no decimal that is zero)."""
    pattern = Locale.parse(lang).percent_formats[None].pattern
    return format_percent(fraction, format=re.sub(r"0(?=[^0#]*%)", "0.#", pattern, count=1), locale=lang)


@cache
def currency_symbol(code: str, lang: str, territory: str | None = None) -> str:
    """The symbol readers of the country see (``S/`` for PEN in Peru), else the code.

    CLDR gives the local symbol under the country's own locale (``es_PE``); a reader in
    another language still recognises it, so it is preferred to the bare ISO code.
    """
    candidates = [f"{lang}_{territory}"] if territory else []
    candidates += [str(loc) for loc in _locales_of(territory)] if territory else []
    candidates.append(lang)
    for name in candidates:
        try:
            symbol = get_currency_symbol(code, locale=name)
        except (UnknownLocaleError, ValueError):
            continue
        if symbol != code:
            return symbol
    return code


def _locales_of(territory: str) -> list[Locale]:
    from babel.localedata import locale_identifiers

    return [Locale.parse(name) for name in sorted(locale_identifiers()) if name.endswith(f"_{territory}")][:3]


def amount(value: int | float, code: str | None, lang: str, territory: str | None = None) -> str:
    """Money for readers: ``S/ 11 million``, ``S/ 5.6 million``, ``S/ 812,345``."""
    words = _compact(value, lang)
    if code is None:
        return words
    return f"{currency_symbol(code, lang, territory)}\u00a0{words}"


def _compact(value: int | float, lang: str) -> str:
    exact = Decimal(str(value))
    if abs(exact) >= MILLION and (exact / MILLION * 10) == (exact / MILLION * 10).to_integral_value():
        digits = 0 if exact % MILLION == 0 else 1
        return format_compact_decimal(value, format_type="long", locale=lang, fraction_digits=digits)
    return number(value, lang)


def date(day: dt.date, lang: str) -> str:
    """``4 December 2026`` style long date of the language (``4 de diciembre de 2026``)."""
    return _format_date(day, format="long", locale=lang)
