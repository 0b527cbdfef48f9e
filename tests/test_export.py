"""`scorecard export`: tidy tables whose joins give back what `evaluate` prints."""

import csv
import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
import yaml

from cli_runner import run_in

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "tests" / "fixtures" / "base"

VERDICTS_WITH_TITLES = """
    SELECT v.recommendation_id, r.title, v.status, v.held, v.assessed, v.total, v.coverage, v.explanation
    FROM verdicts v JOIN recommendations r ON r.ruleset_id = v.ruleset_id AND r.id = v.recommendation_id
    WHERE v.ruleset_id = ? AND v.country = ? AND v.year = ?
    ORDER BY r.position
"""
CRITERIA = """
    SELECT c.criterion_id, c.truth FROM criteria c
    JOIN verdicts v USING (ruleset_id, recommendation_id, country, year)
    WHERE v.ruleset_id = ? AND v.recommendation_id = ? AND v.country = ? AND v.year = ?
"""
QUOTES_OF_A_YEAR = """
    SELECT c.source_id, c.quote, c.line FROM citations c
    JOIN facts f ON f.id = c.fact_id JOIN sources s ON s.id = c.source_id
    WHERE f.country = ? AND f.year = ?
"""


@pytest.fixture
def project(tmp_path) -> Path:
    shutil.copytree(BASE, tmp_path / "p")
    return tmp_path / "p"


def export(project: Path, name: str) -> Path:
    result = run_in(project, "export", "--output", name, "--no-cache")
    assert result.exit_code == 0, result.output
    return project / name


def evaluated(project: Path, *args: str) -> dict:
    result = run_in(project, "evaluate", *args, "--format", "json", "--no-cache")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def assert_joins_give_back(db: sqlite3.Connection, card: dict) -> None:
    key = (card["ruleset"], card["country"], card["year"])
    rows = db.execute(VERDICTS_WITH_TITLES, key).fetchall()
    assert rows == [
        (r["id"], r["title"], r["status"], r["held"], r["assessed"], r["total"], r["coverage"], r["explanation"]) for r in card["results"]
    ]
    for r in card["results"]:
        criteria = db.execute(CRITERIA, (card["ruleset"], r["id"], card["country"], card["year"])).fetchall()
        assert criteria == [(c["id"], c["truth"]) for c in r["criteria"]]


def test_sqlite_joins_give_back_the_verdicts_evaluate_prints(project):
    db = sqlite3.connect(export(project, "all.sqlite"))
    for year in ("2016", "2017"):
        assert_joins_give_back(db, evaluated(project, "demo", "--year", year))


def test_every_citation_is_a_row_and_the_cited_quotes_are_there(project):
    db = sqlite3.connect(export(project, "all.sqlite"))
    card = evaluated(project, "demo", "--year", "2017")
    exported = set(db.execute(QUOTES_OF_A_YEAR, ("PER", 2017)).fetchall())
    cited = {(c["source"], c["quote"], c["line"]) for r in card["results"] for c in r["citations"]}
    assert cited and cited <= exported
    # one row per citation: as many rows as citations in the evidence files
    files = [yaml.safe_load((project / "evidence" / "peru" / f"{y}.yaml").read_text(encoding="utf-8")) for y in (2016, 2017)]
    assert db.execute("SELECT count(*) FROM citations").fetchone()[0] == sum(len(f["citations"]) for d in files for f in d["facts"])


def test_the_tables_have_keys_foreign_keys_and_indexes(project):
    db = sqlite3.connect(export(project, "all.sqlite"))
    tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {"sources", "rulesets", "recommendations", "verdicts", "criteria", "facts", "citations"}
    links = {(t, row[2]) for t in tables for row in db.execute(f"PRAGMA foreign_key_list({t})")}
    assert {("citations", "facts"), ("citations", "sources"), ("criteria", "verdicts"), ("verdicts", "recommendations")} <= links
    indexed = {row[2] for row in db.execute("SELECT * FROM sqlite_master WHERE type = 'index'")}
    assert {"citations", "criteria", "facts", "verdicts"} <= indexed
    db.execute("PRAGMA foreign_keys = ON")
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_verdicts_carry_coverage_and_trend(project):
    db = sqlite3.connect(export(project, "all.sqlite"))
    rows = db.execute("SELECT DISTINCT trend FROM verdicts").fetchall()
    assert rows and all(trend is not None for (trend,) in rows)
    progress = json.loads(run_in(project, "progress", "demo", "--format", "json", "--no-cache").stdout)
    for row in progress["rows"]:
        (trend,) = db.execute("SELECT DISTINCT trend FROM verdicts WHERE recommendation_id = ?", (row["id"],)).fetchone()
        assert trend == row["trend"]


def test_csv_is_the_verdicts_table(project):
    path = export(project, "verdicts.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    card = evaluated(project, "demo", "--year", "2017")
    mine = [(r["recommendation_id"], r["status"]) for r in rows if r["year"] == "2017" and r["ruleset_id"] == "demo"]
    assert mine == [(r["id"], r["status"]) for r in card["results"]]


def test_export_refuses_an_unknown_suffix_and_a_target_that_is_not_a_file(project):
    assert run_in(project, "export", "--output", "all.xlsx").exit_code == 2
    os.mkfifo(project / "pipe.sqlite")
    result = run_in(project, "export", "--output", "pipe.sqlite")
    assert result.exit_code == 2 and "not a regular file" in result.stderr


def test_export_of_the_repository_joins_back_to_evaluate(tmp_path):
    """Invariant over the shipped dataset: the default scorecard is in the export as printed."""
    result = run_in(ROOT, "export", "--output", str(tmp_path / "all.sqlite"), "--no-cache")
    assert result.exit_code == 0, result.output
    db = sqlite3.connect(tmp_path / "all.sqlite")
    assert_joins_give_back(db, evaluated(ROOT))
