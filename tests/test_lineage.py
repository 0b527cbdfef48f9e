"""Recommendations across reports: `continues` links an item to an earlier report's, and
`progress --follow` gives one row per report's wording, each scored by its own rules."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corpus import BASE, INVALID
from scorecard import api
from scorecard.cli import app
from scorecard.lineage import chain

runner = CliRunner()
LATER = (INVALID / "continues-unknown-item/rules/demo/demo-later.yaml").read_text(encoding="utf-8")


def project(tmp_path: Path, continues: str = "demo/R1") -> Path:
    root = tmp_path / "project"
    shutil.copytree(BASE, root)
    (root / "rules/demo/demo-later.yaml").write_text(LATER.replace("continues: demo/R9", f"continues: {continues}"), encoding="utf-8")
    return root


def test_a_valid_continues_link_validates(tmp_path: Path):
    assert api.validate(project(tmp_path)).diagnostics == []


def test_chain_runs_from_the_earliest_report_whichever_item_is_asked(tmp_path: Path):
    loaded = api.open_project(project(tmp_path))
    assert chain(loaded, "demo", "R1") == ["demo/R1", "demo-later/R1"]
    assert chain(loaded, "demo-later", "R1") == ["demo/R1", "demo-later/R1"]
    assert chain(loaded, "demo", "R2") == ["demo/R2"]


def test_progress_follow_gives_one_row_per_report_each_scored_by_its_rules(tmp_path: Path):
    root = project(tmp_path)
    result = runner.invoke(app, ["progress", "demo-later", "--follow", "R1", "--project", str(root), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [row["id"] for row in data["rows"]] == ["demo/R1", "demo-later/R1"]
    assert data["years"] == [2016, 2017]
    plain = api.progress(api.open_project(root), "demo")
    assert data["rows"][0]["statuses"] == {str(y): s.value for y, s in plain.rows[0].statuses.items()}
    text = runner.invoke(app, ["progress", "demo", "--follow", "R1", "--project", str(root)])
    assert "demo-later/R1" in text.stdout


def test_progress_follow_of_an_unknown_item_is_a_usage_error(tmp_path: Path):
    result = runner.invoke(app, ["progress", "demo", "--follow", "R7", "--project", str(project(tmp_path))])
    assert result.exit_code == 2 and 'has no item "R7"' in result.output


@pytest.mark.parametrize(
    ("continues", "message"),
    [("nope/R1", "continues a rule set that does not exist"), ("demo-later/R1", "is in the same rule set")],
)
def test_a_continues_that_cannot_hold_is_r023(tmp_path: Path, continues: str, message: str):
    report = api.validate(project(tmp_path, continues))
    assert [(d.path, d.line, d.code) for d in report.diagnostics] == [("rules/demo/demo-later.yaml", 13, "R023")]
    assert message in report.diagnostics[0].message


def test_a_loop_of_continues_is_r023(tmp_path: Path):
    root = project(tmp_path)
    demo = root / "rules/demo/demo.yaml"
    demo.write_text(demo.read_text().replace("    pillar: prosecution\n", "    pillar: prosecution\n    continues: demo-later/R1\n", 1))
    codes = {d.code for d in api.validate(root).diagnostics}
    assert codes == {"R023"}
