"""`explain` shows every figure of a conflict side by side, each with its reporter and marked
as a conflict, and says what the rule set's policy did with them (issue 11: conflicts as data)."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from scorecard.cli import app

BASE = Path(__file__).resolve().parent / "fixtures" / "base"
runner = CliRunner()


def _project_with_two_reporters(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(BASE, root)
    indicators = root / "rules" / "indicators.yaml"
    indicators.write_text(
        indicators.read_text(encoding="utf-8")
        + "reporters:\n  - {id: police, label: the national police}\n  - {id: public_ministry, label: the public ministry}\n",
        encoding="utf-8",
    )
    evidence = root / "evidence" / "peru" / "2017.yaml"
    text = evidence.read_text(encoding="utf-8")
    one = "  - indicator: prosecution.operations\n    value: 865\n"
    assert one in text
    two = (
        "  - indicator: prosecution.operations\n    value: 40\n    reporter: public_ministry\n    citations:\n"
        "      - source: tip-2018-peru-prosecution\n        quote: Police reported conducting 865 anti-trafficking operations in 2017\n"
    )
    evidence.write_text(text.replace(one, two + one.replace("value: 865\n", "value: 865\n    reporter: police\n")), encoding="utf-8")
    return root


def test_explain_shows_conflicting_figures_side_by_side_with_their_reporters(tmp_path: Path) -> None:
    root = _project_with_two_reporters(tmp_path)
    assert runner.invoke(app, ["validate", "--project", str(root), "--no-cache"]).exit_code == 0
    result = runner.invoke(app, ["explain", "demo", "R1", "--year", "2017", "--project", str(root), "--no-cache"])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())  # the output is wrapped to 88 columns
    assert "prosecution.operations = 40" in text and "reported by public_ministry" in text
    assert "prosecution.operations = 865" in text and "reported by police" in text
    assert text.count("CONFLICT:") == 2
    assert "reporters differ for 2017" in text
