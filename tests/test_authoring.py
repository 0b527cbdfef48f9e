"""The curators' look-up and scaffolding commands: indicators, source add, new-year, suggest.

Each runs through the command line on a copy of the small base project of the bad-input
corpus, and what it writes must then validate.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corpus import BASE
from scorecard import api
from scorecard.authoring.vocabulary import list_indicators
from scorecard.cli import app
from scorecard.loader import load_project

runner = CliRunner()

# A synthetic report in the shape of a TIP chapter (three countries, a heading each); its
# figures are invented for the test and are not any real report's words.
REPORT_2019 = """PARAGUAY: Tier 2
The Government of Paraguay does not fully meet the minimum standards. Police reported 40 investigations.

PERU: Tier 2
The Government of Peru does not fully meet the minimum standards for the elimination of trafficking.
Police reported conducting 1,210 anti-trafficking operations in 2018, compared with 865 in 2017.
The government did not report how many traffickers were convicted in 2018.

PHILIPPINES: Tier 1
The Government of the Philippines fully meets the minimum standards.
"""


def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(BASE, root)
    return root


def run(root: Path, *args: str):
    result = runner.invoke(app, [*args, "--project", str(root)])
    assert "Traceback" not in result.output, result.output
    return result


def add_2019_report(root: Path, tmp_path: Path, *extra: str):
    text = tmp_path / "TIP 2019 Peru.txt"
    text.write_text(REPORT_2019, encoding="utf-8")
    return run(root, "source", "add", str(text), "--id", "tip-2019-peru", "--title", "Trafficking in Persons Report 2019 — Peru",
               "--publisher", "U.S. Department of State", "--date", "2019-06-20", "--covers", "2018-04/2019-03", "--country", "PER",
               "--heading", "Peru", *extra)  # fmt: skip


# -- indicators -------------------------------------------------------------------


def test_indicators_lists_type_unit_values_and_the_items_that_read_each(tmp_path: Path):
    root = project(tmp_path)
    result = run(root, "indicators", "--format", "json")
    assert result.exit_code == 0
    entries = {e["id"]: e for e in json.loads(result.stdout)["indicators"]}
    assert entries["prosecution.convictions"]["read_by"] == ["demo/R1"]
    assert entries["coordination.police_prosecutors"]["values"] == ["poor", "improving", "adequate"]
    assert entries["legal.penalty_min_years"]["read_by"] == []


def test_indicators_query_keeps_those_holding_every_word(tmp_path: Path):
    root = project(tmp_path)
    result = run(root, "indicators", "police operations")
    assert result.exit_code == 0
    assert "prosecution.operations" in result.stdout and "prosecution.convictions" not in result.stdout
    assert "1 indicator matching" in result.stdout


def test_indicators_json_equals_the_library_result(tmp_path: Path):
    root = project(tmp_path)
    library = list_indicators(load_project(root, evidence=False).project, "prosecution")
    cli = json.loads(run(root, "indicators", "prosecution", "-f", "json").stdout)["indicators"]
    assert [e["id"] for e in cli] == [e.id for e in library]


# -- source add --------------------------------------------------------------------


def test_source_add_copies_hashes_proposes_the_span_and_appends_the_entry(tmp_path: Path):
    root = project(tmp_path)
    catalogue = root / "seeds/sources.yaml"
    before = catalogue.read_text(encoding="utf-8")
    result = add_2019_report(root, tmp_path)
    assert result.exit_code == 0, result.output
    seed = root / "seeds/tip-2019-peru.txt"
    assert seed.read_text(encoding="utf-8") == REPORT_2019
    after = catalogue.read_text(encoding="utf-8")
    assert after.startswith(before)  # the rest of the catalogue is left as it was
    assert hashlib.sha256(seed.read_bytes()).hexdigest() in after
    source = load_project(root, evidence=False).project.sources["tip-2019-peru"]
    assert source.span.start == "PERU: Tier 2"
    assert source.span.end == "many traffickers were convicted in 2018."  # its last six words
    assert source.original_name == "TIP 2019 Peru.txt" and source.covers.start == "2018-04"
    assert api.validate(root).diagnostics == []


def test_the_proposed_span_keeps_out_the_other_countries(tmp_path: Path):
    root = project(tmp_path)
    assert add_2019_report(root, tmp_path).exit_code == 0
    found = run(root, "cite", "tip-2019-peru", "Police reported 40 investigations.")
    assert found.exit_code == 1 and "outside" in found.output


def test_source_add_refuses_a_taken_id_and_writes_nothing(tmp_path: Path):
    root = project(tmp_path)
    before = (root / "seeds/sources.yaml").read_bytes()
    text = tmp_path / "x.txt"
    text.write_text(REPORT_2019)
    result = run(root, "source", "add", str(text), "--id", "tip-2015-peru", "--title", "t", "--publisher", "p", "--date", "2019-06-20", "--covers", "2018-04/2019-03")
    assert result.exit_code == 2 and "already in seeds/sources.yaml" in result.output
    assert (root / "seeds/sources.yaml").read_bytes() == before and not (root / "seeds/tip-2015-peru.txt.new").exists()


@pytest.mark.parametrize(("option", "value", "message"), [("--covers", "2019-03/2018-04", "is not a period of months"), ("--date", "20 June 2019", "is not a date")])
def test_source_add_refuses_a_malformed_date_or_period(tmp_path: Path, option: str, value: str, message: str):
    root = project(tmp_path)
    args = {"--date": "2019-06-20", "--covers": "2018-04/2019-03", option: value}
    text = tmp_path / "x.txt"
    text.write_text(REPORT_2019)
    result = run(root, "source", "add", str(text), "--id", "x", "--title", "t", "--publisher", "p", "--date", args["--date"], "--covers", args["--covers"])
    assert result.exit_code == 2 and message in result.output
    assert not (root / "seeds/x.txt").exists()


def test_source_add_refuses_text_that_is_not_utf8(tmp_path: Path):
    root = project(tmp_path)
    text = tmp_path / "latin.txt"
    text.write_bytes("Perú".encode("latin-1"))
    result = run(root, "source", "add", str(text), "--id", "x", "--title", "t", "--publisher", "p", "--date", "2019-06-20", "--covers", "2018-04/2019-03")
    assert result.exit_code == 2 and "not UTF-8" in result.output and "iconv" in result.output


def test_source_add_dry_run_writes_nothing(tmp_path: Path):
    root = project(tmp_path)
    before = (root / "seeds/sources.yaml").read_bytes()
    result = add_2019_report(root, tmp_path, "--dry-run")
    assert result.exit_code == 0 and "id: \"tip-2019-peru\"" in result.stdout
    assert (root / "seeds/sources.yaml").read_bytes() == before and not (root / "seeds/tip-2019-peru.txt").exists()


# -- new-year ------------------------------------------------------------------------


def test_new_year_writes_a_valid_skeleton_listing_indicators_and_last_year(tmp_path: Path):
    root = project(tmp_path)
    assert add_2019_report(root, tmp_path).exit_code == 0
    result = run(root, "new-year", "per", "2018")
    assert result.exit_code == 0, result.output
    text = (root / "evidence/peru/2018.yaml").read_text(encoding="utf-8")
    assert "country: PER\nyear: 2018\nfacts: []\n" in text
    assert "#   prosecution.convictions (count of traffickers) -- 2017: 33 (tip-2018-peru-prosecution)" in text
    assert "#       read by demo/R1" in text
    assert "#   coordination.police_prosecutors (one of poor < improving < adequate) -- 2017: poor" in text
    assert "tip-2019-peru" in text  # the source that covers 2018
    assert "legal.penalty_min_years" not in text  # no rule set reads it
    assert api.validate(root).diagnostics == []


def test_new_year_refuses_a_year_that_has_a_file(tmp_path: Path):
    root = project(tmp_path)
    before = (root / "evidence/peru/2017.yaml").read_bytes()
    result = run(root, "new-year", "PER", "2017")
    assert result.exit_code == 2 and "already holds" in result.output
    assert (root / "evidence/peru/2017.yaml").read_bytes() == before


# -- suggest ---------------------------------------------------------------------------


def test_suggest_proposes_a_fact_not_yet_recorded_with_the_exact_quote(tmp_path: Path):
    root = project(tmp_path)
    assert add_2019_report(root, tmp_path).exit_code == 0
    assert run(root, "new-year", "PER", "2018").exit_code == 0
    result = run(root, "suggest", "tip-2019-peru")
    assert result.exit_code == 0, result.output
    assert "- indicator: prosecution.operations\n  value: 1210\n" in result.stdout
    assert 'quote: "Police reported conducting 1,210 anti-trafficking operations in 2018, compared with 865 in 2017."' in result.stdout
    assert "40 investigations" not in result.stdout  # Paraguay's part is outside the span


def test_suggested_facts_pasted_as_they_are_validate(tmp_path: Path):
    root = project(tmp_path)
    assert add_2019_report(root, tmp_path).exit_code == 0
    assert run(root, "new-year", "PER", "2018").exit_code == 0
    suggestions = run(root, "suggest", "tip-2019-peru").stdout
    path = root / "evidence/peru/2018.yaml"
    facts = "\n".join(line for line in suggestions.splitlines() if not line.startswith("#") and "CHOOSE" not in line)
    kept = [block for block in facts.split("\n\n") if "value:" in block]
    assert any("indicator: prosecution.operations" in block for block in kept)
    path.write_text(path.read_text().replace("facts: []\n", "facts:\n" + "\n".join(kept) + "\n"))
    assert api.validate(root).diagnostics == []


def test_suggest_leaves_out_indicators_the_year_already_has(tmp_path: Path):
    root = project(tmp_path)
    result = run(root, "suggest", "tip-2018-peru-prosecution", "--year", "2017")
    assert result.exit_code == 0
    assert "indicator: prosecution.operations" not in result.stdout  # 2017.yaml has it
    assert "indicator: prosecution.convictions" not in result.stdout


def test_suggest_skips_headings_and_what_recommendations_ask(tmp_path: Path):
    root = project(tmp_path)
    text = tmp_path / "report.txt"
    text.write_text("PERU: Tier 2\nRECOMMENDATIONS FOR PERU\nIncrease the number of police operations to 2,000 a year.\n"
                    "PROSECUTION\nPolice reported conducting 1,210 anti-trafficking operations in 2018.\n", encoding="utf-8")  # fmt: skip
    assert run(root, "source", "add", str(text), "--id", "later", "--title", "t", "--publisher", "p", "--date", "2019-06-20",
               "--covers", "2018-04/2019-03", "--country", "PER", "--heading", "Peru").exit_code == 0  # fmt: skip
    out = run(root, "suggest", "later").stdout
    assert 'quote: "Police reported conducting 1,210 anti-trafficking operations in 2018."' in out  # not joined to PROSECUTION
    assert "2,000" not in out and "2000" not in out
