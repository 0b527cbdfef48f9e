"""Countries as data: rules/countries.yaml, its checks, and a country's name in a language."""

from __future__ import annotations

import shutil
from pathlib import Path

from corpus import BASE
from scorecard import api
from scorecard.models import Country, CountryNames, country_name

PARAGUAY = Country(code="PRY", names=CountryNames(en="Paraguay", es="Paraguay"), currency="PYG")
PERU = Country(code="PER", names=CountryNames(en="Peru", es="Perú"), currency="PEN")
COUNTRIES = {"PER": PERU, "PRY": PARAGUAY}


def _base_with_countries(tmp_path: Path, countries: str) -> Path:
    root = tmp_path / "project"
    shutil.copytree(BASE, root)
    (root / "rules" / "countries.yaml").write_text(countries, encoding="utf-8")
    return root


def test_a_country_is_named_in_the_language_asked_for():
    assert country_name(COUNTRIES, "PER", "es") == "Perú"
    assert country_name(COUNTRIES, "PER", "en") == "Peru"
    assert country_name(COUNTRIES, "per") == "Peru"  # codes in any case


def test_a_language_without_a_name_falls_back_to_english_and_an_unknown_country_to_its_code():
    assert country_name(COUNTRIES, "PRY", "fr") == "Paraguay"
    assert country_name(COUNTRIES, "BOL", "es") == "BOL"  # never another country's name
    assert country_name({}, "per", "en") == "PER"


def test_country_codes_are_accepted_in_any_case_and_known_in_one(tmp_path: Path):
    root = _base_with_countries(tmp_path, "countries:\n  - {code: Per, names: {en: Peru, es: Perú}, currency: PEN}\n")
    evidence = root / "evidence" / "peru" / "2017.yaml"
    evidence.write_text(evidence.read_text(encoding="utf-8").replace("country: PER", "country: per"), encoding="utf-8")
    report = api.validate(root)
    assert report.diagnostics == []
    project = api.open_project(root)
    assert project.countries() == ["PER"]
    assert list(project.country_catalogue) == ["PER"]


def test_a_project_without_a_countries_file_still_validates_and_evaluates():
    assert not (BASE / "rules" / "countries.yaml").exists()
    assert api.validate(BASE).diagnostics == []
    project = api.open_project(BASE)
    assert project.country_catalogue == {}
    assert api.evaluate(project, "demo", 2017).country == "PER"


def test_the_countries_file_is_not_taken_for_a_rule_set(tmp_path: Path):
    root = _base_with_countries(tmp_path, "countries:\n  - {code: PER, names: {en: Peru, es: Perú}, currency: PEN, default_ruleset: demo}\n")
    assert api.validate(root).diagnostics == []
    assert sorted(api.open_project(root).rulesets) == ["demo"]


def test_the_shipped_dataset_describes_every_country_it_names():
    project = api.open_project(api.embedded_root())
    named = set(project.countries()) | {r.country for r in project.rulesets.values() if r.country}
    named |= {s.country for s in project.sources.values() if s.country}
    assert named <= set(project.country_catalogue)
