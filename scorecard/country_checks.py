"""Checks of country and currency codes against the countries file, ``rules/countries.yaml``.

Every code a curator writes — an evidence file's ``country``, a rule set's, a source's,
a span's — must name a country of the file (in any case: ``pry`` is ``PRY``).  A project
without a countries file is one made before countries were data: its codes are checked
only for their shape, and outputs print them as codes.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from typing import Any

from .loader import COUNTRIES_FILE
from .models import Country, Indicator, IndicatorType

Add = Callable[..., None]
"""``add(path, loc, code, message, hint=None)``: how a check reports a problem."""


def country_problem(countries: Mapping[str, Country], code: str) -> tuple[str, str | None] | None:
    """(message, hint) when ``code`` is not a country of the project's countries file;
    None when it is, or when the project has no countries file."""
    if not countries or code.upper() in countries:
        return None
    code = code.upper()
    return f'country "{code}" is not in {COUNTRIES_FILE}', country_hint(countries, code)


def country_hint(countries: Mapping[str, Country], code: str) -> str:
    """Did you mean a country of the file (by code or by name), or how to add it."""
    iso = iso_country(code)
    if iso is not None:  # a real country not yet described: no near miss of another one
        return f"ISO 3166 gives {code} to {iso[1]}; add it to {COUNTRIES_FILE}"
    by_name = {country.names.en.upper(): country.code for country in countries.values()}
    by_name.update({country.names.es.upper(): country.code for country in countries.values()})
    close = closest_code(code, countries)
    if close is None:
        named = difflib.get_close_matches(code.upper(), sorted(by_name), n=1, cutoff=0.6)
        close = by_name[named[0]] if named else None
    if close is not None:
        return f'did you mean "{close}" ({countries[close].names.en})?'
    return f"known: {', '.join(sorted(countries))}; add the country to {COUNTRIES_FILE}"


def currency_problem(code: str) -> tuple[str, str | None] | None:
    """(message, hint) when ``code`` is not an ISO 4217 currency code."""
    known = iso_currencies()
    if code in known:
        return None
    named = _currency_named(code)
    close = named or closest_code(code, known)
    return f'currency "{code}" is not an ISO 4217 code', f'did you mean "{close}"?' if close else None


def _currency_named(word: str) -> str | None:
    """The currency whose English name has ``word`` in it: SOL is PEN (Peruvian Sol)."""
    from babel.numbers import get_currency_name

    for code in sorted(iso_currencies()):
        if word.upper() in get_currency_name(code, locale="en").upper().split():
            return code
    return None


def closest_code(code: str, known: Iterable[str]) -> str | None:
    """The known code nearest ``code``: its letters transposed (PNE: PEN) first, else the
    closest spelling."""
    choices = sorted(known)
    for candidate in choices:
        if sorted(candidate) == sorted(code.upper()):
            return candidate
    close = difflib.get_close_matches(code.upper(), choices, n=1, cutoff=0.6)
    return close[0] if close else None


def fact_currency_problem(currency: str | None, indicator: Indicator) -> tuple[str, str, str | None] | None:
    """(code, message, hint) when a fact's ``currency`` is not ISO 4217 or the fact is not an amount."""
    if currency is None:
        return None
    if indicator.type is not IndicatorType.AMOUNT:
        return "R042", f'"{indicator.id}" is a {indicator.type.value}, not an amount: it has no currency', "remove `currency`"
    problem = currency_problem(currency)
    return ("R041", *problem) if problem is not None else None


@lru_cache(maxsize=1)
def iso_currencies() -> frozenset[str]:
    from babel.numbers import list_currencies  # imported when needed: start-up stays fast

    return frozenset(list_currencies())


def iso_country(code: str) -> tuple[str, str] | None:
    """(alpha-2, English name) of an ISO 3166-1 alpha-3 code, or None when there is none."""
    import pycountry  # imported when needed: its database is large

    found = pycountry.countries.get(alpha_3=code.upper())
    if found is None:
        return None
    return found.alpha_2, getattr(found, "common_name", None) or found.name


def check_countries_file(countries: Mapping[str, Country], entries: Any, rulesets: Mapping[str, object], add: Add) -> None:
    """The countries file itself: each code once, a known currency, a default rule set
    that exists.  ``entries``: the file's ``countries`` list as read (for positions)."""
    if not isinstance(entries, list):
        return
    first: dict[str, int] = {}
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict) or not isinstance(entry.get("code"), str):
            continue
        code = entry["code"].upper()
        loc = ("countries", index)
        if code in first:
            add(COUNTRIES_FILE, (*loc, "code"), "R004", f'country "{code}" is listed twice', hint=f"first listed in entry {first[code] + 1}")
            continue
        first[code] = index
        country = countries.get(code)
        if country is None:
            continue
        problem = currency_problem(country.currency)
        if problem is not None:
            add(COUNTRIES_FILE, (*loc, "currency"), "R041", problem[0], hint=problem[1])
        if country.default_ruleset is not None and country.default_ruleset not in rulesets:
            add(COUNTRIES_FILE, (*loc, "default_ruleset"), "R005", f'default rule set "{country.default_ruleset}" of {code} is not in this project',
                hint=_closest(country.default_ruleset, rulesets))


def _closest(word: str, choices: Mapping[str, object]) -> str | None:
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f'did you mean "{close[0]}"?' if close else None
