"""The countries file, ``rules/countries.yaml``: the countries a project may speak of.

Every output names a country from here (in the reader's language), validation checks
every country code against it, and amounts default to the country's currency.
"""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import Field

from .base import CountryCode, CurrencyCode, Slug, StrictModel

LANGUAGES = ("en", "es")
"""The languages a country's name is given in; English is the fallback."""


class CountryNames(StrictModel):
    """A country's name as its readers write it, in each language the outputs use."""

    en: str = Field(min_length=1, description="the English name: Peru")
    es: str = Field(min_length=1, description="the Spanish name: Perú")


class Country(StrictModel):
    code: CountryCode
    names: CountryNames
    currency: CurrencyCode = Field(description="ISO 4217 code of the currency its amounts are in unless a fact says otherwise, e.g. PEN")
    default_ruleset: Slug | None = Field(
        default=None, description="rule set of a bare `scorecard evaluate --country` for this country"
    )


class CountryCatalogue(StrictModel):
    countries: list[Country]


def country_name(countries: Mapping[str, Country], code: str, lang: str = "en") -> str:
    """A country's name in ``lang`` (English when that language is not given), or its
    code when the project does not describe the country: never another country's name."""
    country = countries.get(code.upper())
    if country is None:
        return code.upper()
    return getattr(country.names, lang, None) or country.names.en
