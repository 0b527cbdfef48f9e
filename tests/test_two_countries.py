"""Two countries in one project (tests/fixtures/two-countries): Paraguay and Peru share one
seed (the TIP Report 2015 text that ends Paraguay's chapter and holds Peru's), each with its
own span.  Every command runs for each country and for both together."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scorecard import api
from scorecard.cli import app

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "two-countries"
runner = CliRunner()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "two-countries"
    shutil.copytree(FIXTURE, root)
    return root


def run(project: Path, *args: str):
    return runner.invoke(app, [*args, "--project", str(project)])


def ok(project: Path, *args: str) -> str:
    result = run(project, *args)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return result.stdout


def test_the_project_validates_with_one_shared_seed_and_two_spans(project: Path):
    assert api.validate(project).diagnostics == []
    shared = api.open_project(project).sources["tip-2015"]
    assert [span.country for span in shared.spans or ()] == ["PRY", "PER"]


@pytest.mark.parametrize("country", ["PER", "PRY", "pry"])
def test_every_command_runs_for_each_country(project: Path, country: str):
    name = {"PER": "Peru", "PRY": "Paraguay"}[country.upper()]
    table = ok(project, "evaluate", "regional-demo", "--country", country, "--year", "2014")
    assert f"— {country.upper()}, 2014" in table or name in table
    data = json.loads(ok(project, "evaluate", "regional-demo", "--country", country, "--year", "2014", "--format", "json"))
    assert data["country"] == country.upper()
    assert ok(project, "progress", "regional-demo", "--country", country)
    assert ok(project, "explain", "regional-demo", "S1", "--country", country, "--year", "2014")
    memo = ok(project, "memo", "regional-demo", "--country", country, "--year", "2014", "--date", "2026-01-01")
    assert name in memo
    assert ok(project, "coverage", "regional-demo", "--country", country)


def test_curators_commands_run_on_the_shared_seed(project: Path):
    assert "no problems" in run(project, "validate").output
    found = ok(project, "cite", "tip-2015", "The government maintained prevention efforts.")
    assert "line 2" in found or ":2:" in found
    assert run(project, "fix", "--dry-run").exit_code == 0


def test_each_country_has_its_default_rule_set(project: Path):
    """PER names tip-demo-peru in rules/countries.yaml; PRY has none, so the project's."""
    assert json.loads(ok(project, "evaluate", "--country", "PER", "--year", "2014", "--format", "json"))["ruleset"] == "tip-demo-peru"
    assert json.loads(ok(project, "evaluate", "--country", "PRY", "--year", "2014", "--format", "json"))["ruleset"] == "regional-demo"


def test_a_rule_set_issued_to_one_country_refuses_another(project: Path):
    result = run(project, "evaluate", "tip-demo-peru", "--country", "PRY", "--year", "2014")
    assert result.exit_code == 2
    assert 'issued to PER (Peru), not "PRY"' in result.output


def test_a_command_needing_a_country_lists_them_when_there_are_several(project: Path):
    result = run(project, "evaluate", "regional-demo", "--year", "2014")
    assert result.exit_code == 2
    assert "PER (Peru), PRY (Paraguay)" in result.output
    assert "--country" in result.output


@pytest.mark.parametrize("countries", [["--country", "PER,PRY"], ["--country", "PER", "--country", "pry"], ["--all-countries"]])
def test_both_countries_in_one_table_with_each_verdicts_coverage(project: Path, countries: list[str]):
    table = ok(project, "evaluate", "regional-demo", *countries, "--year", "2014")
    assert "Peru (PER)" in table and "Paraguay (PRY)" in table
    s1 = next(line for line in table.splitlines() if line.startswith("S1"))
    assert "not assessed (0% assessed)" in s1 and "met (100% assessed)" in s1  # PER, then PRY
    assert "not comparable" in table and "not ranked" in table  # 1 of 4 assessed against 2 of 4


def test_repeating_one_country_is_not_two(project: Path):
    data = json.loads(ok(project, "evaluate", "regional-demo", "--country", "PRY,pry", "--year", "2014", "--format", "json"))
    assert data["country"] == "PRY"


def test_one_country_commands_refuse_several_instead_of_keeping_the_last(project: Path):
    for command in (["explain", "regional-demo", "S1"], ["coverage", "regional-demo"]):
        result = run(project, *command, "--country", "PER", "--country", "PRY")
        assert result.exit_code == 2, result.output
        assert "one country" in result.output


def test_regional_json_and_csv_carry_the_country_on_every_row(project: Path):
    data = json.loads(ok(project, "evaluate", "regional-demo", "--country", "PER,PRY", "--year", "2014", "--format", "json"))
    assert data["countries"] == ["PER", "PRY"] and data["comparable"] is False
    rows = [r for card in data["scorecards"] for r in card["results"]]
    assert [r["country"] for r in rows] == ["PER"] * 4 + ["PRY"] * 4
    assert {r["id"]: r["coverage"] for r in rows if r["country"] == "PRY"}["S1"] == 1.0
    table = list(csv.DictReader(io.StringIO(ok(project, "evaluate", "regional-demo", "--country", "PER,PRY", "--year", "2014", "--format", "csv"))))
    assert [(r["country"], r["country_name"]) for r in table] == [("PER", "Peru")] * 4 + [("PRY", "Paraguay")] * 4
    progress = list(csv.DictReader(io.StringIO(ok(project, "progress", "regional-demo", "--all-countries", "--format", "csv"))))
    assert {r["country"] for r in progress} == {"PER", "PRY"}
    assert all("coverage_2014" in r for r in progress)


def test_regional_progress_shows_every_country_and_year(project: Path):
    table = ok(project, "progress", "regional-demo", "--country", "PER,PRY")
    assert "Peru (PER)" in table and "Paraguay (PRY)" in table
    data = json.loads(ok(project, "progress", "regional-demo", "--country", "PER,PRY", "--format", "json"))
    assert data["years"] == [2013, 2014, 2016, 2017]
    pry_s1 = next(r for r in data["rows"] if r["country"] == "PRY" and r["id"] == "S1")
    assert pry_s1["statuses"]["2014"] == "met" and pry_s1["statuses"]["2017"] == "not_assessed"


def test_a_year_without_evidence_for_one_country_is_not_assessed_there_and_said(project: Path):
    table = ok(project, "evaluate", "regional-demo", "--country", "PER,PRY", "--year", "2017")
    assert "PRY (Paraguay) has no evidence for 2017 (years with evidence: 2014)" in table


def test_the_regional_memo_has_a_section_per_country_and_one_list_of_sources(project: Path):
    memo = ok(project, "memo", "regional-demo", "--country", "PER,PRY", "--year", "2014", "--date", "2026-01-01")
    assert memo.count("\n## Peru\n") == 1 and memo.count("\n## Paraguay\n") == 1
    assert memo.count("\n## Sources\n") == 1
    notes = [line for line in memo.splitlines() if line.startswith("[^")]
    assert [line.split("]")[0] for line in notes] == ["[^1", "[^2", "[^3", "[^4"]  # numbered on across sections
    html = ok(project, "memo", "regional-demo", "--all-countries", "--year", "2014", "--lang", "es", "--date", "2026-01-01", "--output", str(project / "r.html"))
    assert html == ""
    page = (project / "r.html").read_text(encoding="utf-8")
    assert "<h2>Perú</h2>" in page and "<h2>Paraguay</h2>" in page


def test_a_quote_counts_only_in_its_countrys_span(project: Path):
    evidence = project / "evidence" / "paraguay" / "2014.yaml"
    text = evidence.read_text(encoding="utf-8")
    # A Peru sentence of the shared seed, cited for Paraguay: outside Paraguay's span.
    evidence.write_text(text.replace("The government maintained prevention efforts.", "The government reported convicting 19 traffickers"), encoding="utf-8")
    codes = [d.code for d in api.validate(project).diagnostics]
    assert codes == ["C003"]


def test_a_change_between_amounts_in_different_currencies_is_unknown_and_says_why(project: Path):
    card = api.evaluate(api.open_project(project), "regional-demo", 2017, "PER")
    budget = next(r for r in card.results if r.id == "S4").criteria[0]
    assert budget.truth.value == "unknown"
    assert "255250 USD in 2016 and 7500000 PEN in 2017 are in different currencies" in budget.explanation
    assert [f.unit for f in budget.facts] == ["USD", "PEN"]  # each amount in its own currency


def test_amounts_default_to_the_countrys_currency(project: Path):
    evidence = project / "evidence" / "peru" / "2016.yaml"
    evidence.write_text(evidence.read_text(encoding="utf-8").replace("    currency: USD\n", "").replace("value: 255250", "value: 826000").replace("quote: from approximately 826,000 soles ($255,250) in 2016", "quote: from approximately 826,000 soles"), encoding="utf-8")
    card = api.evaluate(api.open_project(project), "regional-demo", 2017, "PER")
    budget = next(r for r in card.results if r.id == "S4").criteria[0]
    assert budget.truth.value == "true", budget.explanation
    assert [f.unit for f in budget.facts] == ["PEN", "PEN"]


def test_adding_a_country_changes_nothing_for_the_others(project: Path):
    """A third country (Bolivia, no evidence of its own yet but one fact) leaves every
    output about Peru as it was."""
    commands = [
        ["evaluate", "regional-demo", "--country", "PER", "--year", "2014", "--format", "json"],
        ["progress", "regional-demo", "--country", "PER", "--format", "csv"],
        ["coverage", "regional-demo", "--country", "PER"],
        ["evaluate", "--country", "PER", "--year", "2014"],
    ]
    before = [ok(project, *c) for c in commands]
    countries = project / "rules" / "countries.yaml"
    countries.write_text(countries.read_text(encoding="utf-8") + "  - {code: BOL, names: {en: Bolivia, es: Bolivia}, currency: BOB}\n", encoding="utf-8")
    (project / "evidence" / "bolivia").mkdir()
    (project / "evidence" / "bolivia" / "2014.yaml").write_text("country: BOL\nyear: 2014\nfacts: []\n", encoding="utf-8")
    assert api.validate(project).diagnostics == []
    assert [ok(project, *c) for c in commands] == before
    assert "Bolivia (BOL)" in ok(project, "evaluate", "regional-demo", "--all-countries", "--year", "2014")
