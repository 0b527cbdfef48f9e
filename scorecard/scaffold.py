"""``scorecard init``: copy the embedded dataset out as a new project."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from .errors import ScorecardError

PROJECT_PARTS = ("scorecard.yaml", "seeds", "rules", "evidence", "schemas")
COPIED_SUFFIXES = {".yaml", ".txt", ".json", ".md"}


def init_project(source: Path, destination: Path) -> int:
    """Copy the project files of ``source`` into ``destination``; returns the number of files."""
    if destination.exists() and (not destination.is_dir() or any(destination.iterdir())):
        raise ScorecardError(f'"{destination}" exists and is not an empty folder; choose a new folder')
    files = [
        path
        for part in PROJECT_PARTS
        for path in ([source / part] if (source / part).is_file() else sorted((source / part).rglob("*")))
        if path.is_file() and path.suffix in COPIED_SUFFIXES
    ]
    try:
        for path in files:
            target = destination / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    except OSError as error:
        raise ScorecardError(f'cannot create the project in "{destination}": {error.strerror or error}') from None
    return len(files)


STARTER_FILES = ("rules/indicators.yaml", "rules/tvpa/tvpa-minimum-standards.yaml")
"""What a project for any country starts from: the shared vocabulary and the TVPA rule set."""
STARTER_RULESET = "tvpa-minimum-standards"


def init_country_project(source: Path, destination: Path, code: str) -> tuple[int, str]:
    """Start an empty project for one country: the vocabulary, the TVPA rule set, a
    countries file naming the country (from ISO 3166, CLDR's Spanish name and its
    currency), an empty source catalogue and evidence folder, the schemas and a README
    for curators.  Returns the number of files written and the evidence folder."""
    from .country_checks import iso_country

    if destination.exists() and (not destination.is_dir() or any(destination.iterdir())):
        raise ScorecardError(f'"{destination}" exists and is not an empty folder; choose a new folder')
    iso = iso_country(code)
    if iso is None:
        raise ScorecardError(f'"{code}" is not an ISO 3166 alpha-3 country code (Peru is PER, Paraguay PRY)')
    code = code.upper()
    alpha2, english = iso
    spanish, currency = _cldr_name_and_currency(alpha2, english)
    folder = "evidence/" + re.sub(r"[^a-z0-9]+", "-", english.lower()).strip("-")
    texts = {
        "scorecard.yaml": _PROJECT.format(name=english, ruleset=STARTER_RULESET),
        "rules/countries.yaml": _COUNTRIES.format(code=code, en=_quoted(english), es=_quoted(spanish), currency=currency, ruleset=STARTER_RULESET),
        "seeds/sources.yaml": _SOURCES,
        "README.md": _README.format(name=english, code=code, folder=folder, currency=currency, ruleset=STARTER_RULESET),
    }
    copied = [*STARTER_FILES, *(p.relative_to(source).as_posix() for p in sorted((source / "schemas").glob("*.json")))]
    try:
        for relative in copied:
            target = destination / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source / relative, target)
        for relative, text in texts.items():
            target = destination / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        (destination / folder).mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ScorecardError(f'cannot create the project in "{destination}": {error.strerror or error}') from None
    return len(copied) + len(texts), folder


def _cldr_name_and_currency(alpha2: str, english: str) -> tuple[str, str]:
    """The country's Spanish name and its current currency, from CLDR (Babel)."""
    from babel import Locale
    from babel.numbers import get_territory_currencies

    spanish = Locale("es").territories.get(alpha2, english)
    currencies = get_territory_currencies(alpha2, tender=True)
    return spanish, currencies[0] if currencies else "USD"


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


_PROJECT = """# yaml-language-server: $schema=schemas/project.schema.json
#
# Marks the root of a scorecard project and names its defaults.
name: {name} — anti-trafficking scorecard
default_ruleset: {ruleset}
"""

_COUNTRIES = """# yaml-language-server: $schema=../schemas/countries.schema.json
#
# The countries this project speaks of (ISO 3166 alpha-3 codes, ISO 4217 currencies).
# Add a country here before its evidence; outputs name each country from here.
countries:
  - code: {code}
    names: {{en: {en}, es: {es}}}
    currency: {currency}
    default_ruleset: {ruleset}
"""

_SOURCES = """# yaml-language-server: $schema=../schemas/sources.schema.json
#
# The source catalogue: every document that evidence and rules may cite, kept byte for
# byte under seeds/ (`scorecard source add FILE` catalogues one, with its SHA-256).
sources: []
"""

_README = """# {name} — anti-trafficking scorecard

A [scorecard](https://pypi.org/project/scorecard/) project for {name} ({code}).

1. Put each report's text in `seeds/` as received (a `.txt` file) and catalogue it in
   `seeds/sources.yaml` (`scorecard source add seeds/FILE` does it, with its SHA-256). A
   text holding several countries' chapters gets `spans: [{{country, start, end}}]`; a
   collector's header inside it, `exclude: [{{start, end}}]`.
2. Write the facts of each year in `{folder}/<year>.yaml` (`country: {code}`), each citing
   the source's exact words; amounts are in {currency} unless a fact gives `currency`.
3. Score them: `scorecard validate`, then `scorecard evaluate {ruleset} --year <year>`.
   Recommendations made to {name} go in `rules/<body>/<id>.yaml` with `country: {code}`.

`rules/indicators.yaml` is the vocabulary facts and rules share; `rules/countries.yaml`
names the countries (add a neighbour there to compare: `--country {code},PER`).
"""
