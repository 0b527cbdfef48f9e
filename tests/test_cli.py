"""The command line as users and CI run it: exit codes, streams, defaults."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scorecard import api
from scorecard.cli import app

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


def run(*args, cwd=ROOT):
    previous = Path.cwd()
    os.chdir(cwd)
    try:
        return runner.invoke(app, list(args), catch_exceptions=False)
    finally:
        os.chdir(previous)


def test_repository_validates_clean():
    result = run("validate")
    assert result.exit_code == 0, result.output
    assert "no problems" in result.output


def test_validate_json_matches_library_report():
    result = run("validate", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == api.validate(ROOT).to_dict()


def test_validate_reports_a_changed_quote_with_its_closest_passage(tmp_path):
    project = tmp_path / "p"
    assert run("init", str(project)).exit_code == 0
    evidence = sorted((project / "evidence").rglob("*.yaml"))[-1]
    text = evidence.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    number, line = next((i, l) for i, l in enumerate(lines) if l.lstrip().startswith("quote:") and len(l.split()) > 4)
    words = line.split(" ")
    # change one word of the quote (not the key, not the last word)
    position = next(i for i, w in enumerate(words) if w.isalpha() and w.islower() and len(w) > 3 and i > len(words) // 2 - 1)
    words[position] = "zzzz"
    lines[number] = " ".join(words)
    evidence.write_text("".join(lines), encoding="utf-8")
    result = run("validate", cwd=project)
    assert result.exit_code == 1
    relative = evidence.relative_to(project).as_posix()
    assert f"{relative}:{number + 1}:" in result.output
    assert "C001" in result.output and "closest passage seeds/" in result.output


def test_validate_reports_a_tampered_seed(tmp_path):
    project = tmp_path / "p"
    run("init", str(project))
    seed = project / "seeds" / "tip-2018-peru-prosecution.txt"
    data = bytearray(seed.read_bytes())
    data[100] ^= 0x20
    seed.write_bytes(bytes(data))
    result = run("validate", cwd=project)
    assert result.exit_code == 1
    assert "F002" in result.output and "seeds/sources.yaml:" in result.output


def test_a_paraguay_sentence_is_outside_the_peru_span(tmp_path):
    project = tmp_path / "p"
    run("init", str(project))
    (project / "evidence" / "peru" / "2014.yaml").write_text(
        "country: PER\nyear: 2014\nfacts:\n"
        "  - indicator: prevention.demand_reduction\n    value: false\n    citations:\n"
        "      - source: tip-2015-peru\n"
        "        quote: Authorities did not report efforts to reduce the demand for commercial sex acts\n",
        encoding="utf-8",
    )
    result = run("validate", cwd=project)
    assert result.exit_code == 1
    assert "evidence/peru/2014.yaml:8:16: C003" in result.output


def test_validate_outside_a_project_uses_the_embedded_dataset_when_asked(tmp_path):
    result = run("validate", "--embedded", cwd=tmp_path)
    assert result.exit_code == 0
    assert "embedded" not in result.stderr  # asked for, so nothing to warn about


def test_init_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "keep.txt").write_text("mine")
    result = run("init", str(tmp_path))
    assert result.exit_code == 2
    assert (tmp_path / "keep.txt").read_text() == "mine"


def test_an_explicit_project_that_does_not_exist_is_a_usage_error(tmp_path):
    result = run("validate", "--project", str(tmp_path))
    assert result.exit_code == 2
    assert "no scorecard project" in result.stderr


def test_schema_check_passes_on_the_repository():
    assert run("schema", "--check").exit_code == 0


def test_help_lists_every_command():
    result = run("--help")
    for command in ("validate", "evaluate", "progress", "explain", "memo", "coverage", "cite", "schema", "init"):
        assert command in result.output


def test_cite_finds_a_quote_across_a_hard_line_break():
    result = run("cite", "tip-2015-peru", "increased staff in the anti-trafficking police unit")
    assert result.exit_code == 0
    assert "seeds/tip-2015-peru.txt:39:" in result.output


def test_cite_shows_the_closest_passage_when_not_found():
    result = run("cite", "tip-2015-peru", "increased staff in the anti-trafficking army unit")
    assert result.exit_code == 1
    assert "closest passage seeds/tip-2015-peru.txt:39:" in result.output


def test_console_script_runs_as_a_subprocess():
    completed = subprocess.run([sys.executable, "-m", "scorecard", "--help"], capture_output=True, text=True, cwd=ROOT)
    assert completed.returncode == 0 and "validate" in completed.stdout


# -- evaluation commands ---------------------------------------------------------------


def test_evaluate_defaults_to_tip_2015_on_the_latest_year_with_a_citation_per_verdict():
    result = run("evaluate", "--format", "json")
    assert result.exit_code == 0, result.output
    card = json.loads(result.stdout)
    assert (card["ruleset"], card["year"]) == ("tip-2015-peru", max(api.open_project(ROOT).years("PER")))
    assert [r["id"] for r in card["results"]] == [f"R{i}" for i in range(1, 10)]
    for item in card["results"]:
        assert item["status"] in {"met", "partial", "unmet", "not_assessed"}
        if item["status"] != "not_assessed":
            assert item["citations"] and all(c["line"] > 0 for c in item["citations"]), item["id"]


@pytest.mark.parametrize("args", [("tip-2015-peru", "--year", "2014"), ("pucp-2011-peru", "--year", "2011"), ("tvpa-minimum-standards", "--year", "2017")])
def test_cli_json_equals_the_library_result(args):
    result = run("evaluate", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    library = api.evaluate(api.open_project(ROOT), args[0], int(args[2]))
    assert json.loads(result.stdout) == library.model_dump(mode="json")


def test_evaluate_json_validates_against_the_committed_schema():
    import jsonschema

    schema = json.loads((ROOT / "schemas" / "scorecard.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(json.loads(run("evaluate", "--format", "json").stdout))


def test_no_evidence_reads_not_assessed_never_unmet():
    result = run("evaluate", "tip-2015-peru", "--year", "2004")
    assert result.exit_code == 0
    assert "not assessed" in result.stdout
    card = api.evaluate(api.open_project(ROOT), "tip-2015-peru", 2004)
    for item in card.results:
        if not any(c.truth.value != "unknown" for c in item.criteria):
            assert item.status.value == "not_assessed"


def test_fail_on_gate_exits_1_when_a_verdict_is_at_or_below_the_level():
    card = api.evaluate(api.open_project(ROOT), "tip-2015-peru")  # the latest year, as a bare evaluate
    statuses = {r.status.value for r in card.results}
    assert run("evaluate", "--fail-on", "unmet").exit_code == (1 if "unmet" in statuses else 0)
    assert run("evaluate", "--fail-on", "partial").exit_code == (1 if statuses & {"unmet", "partial"} else 0)


def test_progress_compares_2014_with_2017():
    result = run("progress", "tip-2015-peru", "--years", "2014,2017")
    assert result.exit_code == 0
    header = next(line for line in result.stdout.splitlines() if line.startswith("id"))
    assert "2014" in header and "2017" in header and "since base" in header  # plain: short headers, fits 100 columns


def test_explain_prints_full_quotes_with_source_lines():
    result = run("explain", "tip-2015-peru", "R2", "--year", "2014")
    assert result.exit_code == 0
    assert "The government did not report any prosecutions or convictions of government" in result.stdout
    assert "line 88" in result.stdout


def test_explain_unknown_recommendation_is_a_usage_error():
    result = run("explain", "tip-2015-peru", "R10")
    assert result.exit_code == 2
    assert 'did you mean "R1"' in result.stderr


def test_memo_html_is_a_self_contained_page(tmp_path):
    output = tmp_path / "memo.html"
    result = run("memo", "tip-2015-peru", "--year", "2017", "--output", str(output))
    assert result.exit_code == 0, result.output
    page = output.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "</html>" in page
    assert "<script" not in page.lower() and "http://" not in page.split("<body", 1)[0]
    assert "4e5cada1d00294354a0b7c0e2ea1ccbf8d840d588e425754a03a70bb403e98ee" not in page or "SHA-256" in page


def test_memo_markdown_has_footnotes_and_sources():
    result = run("memo", "tip-2015-peru", "--year", "2017")
    assert result.exit_code == 0
    assert "[^1]" in result.stdout and "28959a049be80fc13296a06e17a4fc97792ea33d726a05061d768660d601b7e5" in result.stdout


def test_coverage_lists_criteria_without_evidence():
    result = run("coverage", "tip-2015-peru", "--format", "json")
    assert result.exit_code == 0
    gaps = json.loads(result.stdout)["gaps"]
    assert any(g["recommendation"] == "R1" and "adults" in g["criteria"] for g in gaps)


def test_unknown_ruleset_suggests_the_closest():
    result = run("evaluate", "tip-2015-peru-x")
    assert result.exit_code == 2
    assert 'did you mean "tip-2015-peru"' in result.stderr


def test_evaluate_refuses_an_invalid_project_with_its_problems(tmp_path):
    project = tmp_path / "p"
    run("init", str(project))
    path = project / "evidence" / "peru" / "2017.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("value: 865", "value: '865'"), encoding="utf-8")
    result = run("evaluate", cwd=project)
    assert result.exit_code == 1
    assert "evidence/peru/2017.yaml:" in result.stderr and "R003" in result.stderr


def test_cite_answers_as_validate_does_for_a_sentence_also_in_the_paraguay_lines():
    # "The government did not report any" stands verbatim in the Paraguay part (line 8)
    # and across a line break in the Peru part (lines 88-89): only the latter counts.
    result = run("cite", "tip-2015-peru", "The government did not report any prosecutions or convictions")
    assert result.exit_code == 0
    assert "seeds/tip-2015-peru.txt:88:" in result.output and ":8:" not in result.output
