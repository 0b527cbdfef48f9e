"""Which countries a command is about: codes from the command line, the rule set's own
country, the project's countries, and each country's default rule set.

Codes are accepted in any case (``pry`` is ``PRY``).  When a command needs a country and
the project has several, it says so and lists them: it never picks one silently.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .errors import NoEvidence, ScorecardError, did_you_mean
from .models import RuleSet, country_name
from .project import Project

_CODE = re.compile(r"^[A-Za-z]{3}$")


def parse_codes(values: Iterable[str]) -> list[str]:
    """``["PER,pry", "BOL"]`` -> ``["PER", "PRY", "BOL"]``: commas and repetitions both
    give several countries; each once, in the order written."""
    codes: list[str] = []
    for value in values:
        for part in value.split(","):
            code = part.strip()
            if not _CODE.match(code):
                raise ScorecardError(f'"{code}" is not a country code: give ISO 3166 alpha-3 codes such as PER or PER,PRY')
            if code.upper() not in codes:
                codes.append(code.upper())
    return codes


def listed(project: Project, codes: Iterable[str]) -> str:
    """``PER (Peru), PRY (Paraguay)``: codes with the names the project gives them."""
    shown = []
    for code in codes:
        name = country_name(project.country_catalogue, code)
        shown.append(code if name == code else f"{code} ({name})")
    return ", ".join(shown) or "none"


def names_of(project: Project, codes: Iterable[str], lang: str = "en") -> dict[str, str]:
    return {code: country_name(project.country_catalogue, code, lang) for code in codes}


def check_has_evidence(project: Project, code: str) -> str:
    """``code`` in upper case, when the project has evidence for it; else NoEvidence naming those it has."""
    code = code.upper()
    countries = project.countries()
    if code not in countries:
        raise NoEvidence(
            f'no evidence for country "{code}"{did_you_mean(code, countries)} (countries with evidence: {listed(project, countries)})'
        )
    return code


def choose_countries(project: Project, ruleset: RuleSet, codes: list[str], all_countries: bool = False) -> list[str]:
    """The countries to score ``ruleset`` for: its own country when it was issued to one,
    else those asked for (``--country``, several allowed), else every country with
    evidence (``--all-countries``), else the project's only country."""
    if ruleset.country is not None:
        if all_countries:
            raise ScorecardError(f'rule set "{ruleset.id}" was issued to {listed(project, [ruleset.country])}; --all-countries is for rule sets that apply to any country')
        others = [code for code in codes if code != ruleset.country]
        if others:
            raise ScorecardError(f'rule set "{ruleset.id}" was issued to {listed(project, [ruleset.country])}, not ' + ", ".join(f'"{code}"' for code in others))
        return [ruleset.country]
    if all_countries:
        if codes:
            raise ScorecardError("give either --country or --all-countries, not both")
        if not project.countries():
            raise NoEvidence("there is no evidence yet: add evidence/<country>/<year>.yaml files")
        return project.countries()
    if codes:
        return [check_has_evidence(project, code) for code in codes]
    countries = project.countries()
    if len(countries) == 1:
        return countries
    if not countries:
        raise NoEvidence("there is no evidence yet: add evidence/<country>/<year>.yaml files")
    raise ScorecardError(
        f'rule set "{ruleset.id}" applies to any country and this project has several: {listed(project, countries)}; '
        "choose with --country (several: --country PER,PRY) or --all-countries"
    )


def default_ruleset_for(project: Project, countries: list[str]) -> str | None:
    """The ``default_ruleset`` that rules/countries.yaml gives the one country asked for
    (None: none given, or several countries asked for)."""
    if len(countries) != 1:
        return None
    country = project.country_catalogue.get(countries[0])
    return country.default_ruleset if country is not None else None
