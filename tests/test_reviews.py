"""Analyst reviews: every output shows the rules' verdict and the analyst's side by side,
never one in place of the other; validate sends stale reviews back for revisiting."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

from typer.testing import CliRunner

from corpus import BASE, INVALID
from scorecard import api
from scorecard.cli import app

runner = CliRunner()
REVIEW = (INVALID / "review-outdated/reviews.yaml").read_text(encoding="utf-8")


def project(tmp_path: Path, *, rules_verdict: str = "unmet", expires: str = "2999-01-01") -> Path:
    """The base project with one review of demo/R2 for 2017: rules say unmet, the analyst partial."""
    root = tmp_path / "project"
    shutil.copytree(BASE, root)
    text = REVIEW.replace("verdict: met", "verdict: partial").replace("rules_verdict: partial", f"rules_verdict: {rules_verdict}")
    (root / "reviews.yaml").write_text(text.replace("expires: 2999-01-01", f"expires: {expires}"), encoding="utf-8")
    return root


def run(root: Path, *args: str):
    result = runner.invoke(app, [*args, "--project", str(root), "--no-cache"])
    assert "Traceback" not in result.output, result.output
    return result


def test_a_current_review_validates(tmp_path: Path):
    assert api.validate(project(tmp_path)).diagnostics == []


def test_the_table_shows_both_verdicts(tmp_path: Path):
    out = run(project(tmp_path), "evaluate", "demo", "--year", "2017").stdout
    row = next(line for line in out.splitlines() if line.startswith("R2"))
    assert "unmet" in row and row.rstrip().endswith("partial")
    assert "analyst" in out and "status: the rules' verdict" in out


def test_json_keeps_the_rules_status_and_adds_the_review(tmp_path: Path):
    data = json.loads(run(project(tmp_path), "evaluate", "demo", "--year", "2017", "--format", "json").stdout)
    r2 = next(r for r in data["results"] if r["id"] == "R2")
    assert r2["status"] == "unmet"
    assert r2["review"]["verdict"] == "partial" and r2["review"]["author"] == "A. Analyst"
    assert r2["review"]["outdated"] is False and r2["review"]["expired"] is False
    assert next(r for r in data["results"] if r["id"] == "R1")["review"] is None
    assert data["totals"]["unmet"] == 1  # totals count the rules' verdicts


def test_csv_gives_the_analyst_columns_beside_status(tmp_path: Path):
    rows = list(csv.DictReader(io.StringIO(run(project(tmp_path), "evaluate", "demo", "--year", "2017", "-f", "csv").stdout)))
    r2 = next(r for r in rows if r["id"] == "R2")
    assert (r2["status"], r2["analyst_verdict"], r2["analyst_to_revisit"]) == ("unmet", "partial", "false")


def test_explain_prints_the_analysts_verdict_and_justification_after_the_rules(tmp_path: Path):
    out = run(project(tmp_path), "explain", "demo", "R2", "--year", "2017").stdout
    assert out.index("Status: unmet") < out.index("Analyst's verdict: partial (reviewed by A. Analyst on 2019-01-15")
    assert "new case system was piloted" in out


def test_progress_shows_the_reviewed_year_beside_the_rules(tmp_path: Path):
    out = run(project(tmp_path), "progress", "demo").stdout
    # The plain table fits a terminal: the reviewed cell (verdict, coverage) is marked, the analyst's verdict told below.
    assert re.search(r"unmet \d+%\*", out) and "* R2 2017: an analyst's verdict is partial" in out
    data = json.loads(run(project(tmp_path / "again"), "progress", "demo", "-f", "json").stdout)
    assert data["rows"][1]["reviewed"] == {"2017": "partial"} and data["rows"][1]["statuses"]["2017"] == "unmet"


def test_an_outdated_review_is_reported_and_marked_to_revisit(tmp_path: Path):
    root = project(tmp_path, rules_verdict="partial")
    result = run(root, "validate")
    assert result.exit_code == 1 and "reviews.yaml:8:20: V003" in result.output
    assert "set `rules_verdict: unmet`" in result.output


def test_an_expired_review_is_reported_and_still_shown_marked(tmp_path: Path):
    root = project(tmp_path, expires="2020-01-01")
    assert "reviews.yaml:12:14: V002" in run(root, "validate").output
    report = api.validate(root)
    assert [d.code for d in report.diagnostics] == ["V002"]


def test_the_fail_on_gate_reads_the_rules_verdict_not_the_analysts(tmp_path: Path):
    root = project(tmp_path)
    result = run(root, "evaluate", "demo", "--year", "2017", "--fail-on", "unmet")
    assert result.exit_code == 1


def test_the_memo_shows_the_analysts_verdict_after_the_rules(tmp_path: Path):
    out = run(project(tmp_path), "memo", "demo", "--year", "2017").stdout
    assert "Analyst's verdict:" in out and "A. Analyst, 2019-01-15; to be revisited by 2999-01-01" in out
    assert out.index("unmet") < out.index("Analyst's verdict:")


def test_the_spanish_memo_translates_the_review_words(tmp_path: Path):
    out = run(project(tmp_path), "memo", "demo", "--year", "2017", "--lang", "es").stdout
    assert "Veredicto del analista:" in out and "a revisar antes del 2999-01-01" in out
