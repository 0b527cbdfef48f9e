"""`scorecard init DIR --country CODE`: an empty project for any country that validates as
it stands and says, rather than guesses, that it has no evidence yet."""

from __future__ import annotations

from pathlib import Path

import yaml
from typer.testing import CliRunner

from scorecard.cli import app

runner = CliRunner()


def test_init_country_starts_an_empty_project_that_validates(tmp_path: Path) -> None:
    target = tmp_path / "pry"
    result = runner.invoke(app, ["init", str(target), "--country", "pry"])
    assert result.exit_code == 0, result.output
    countries = yaml.safe_load((target / "rules" / "countries.yaml").read_text(encoding="utf-8"))
    assert countries["countries"] == [
        {"code": "PRY", "names": {"en": "Paraguay", "es": "Paraguay"}, "currency": "PYG", "default_ruleset": "tvpa-minimum-standards"}
    ]
    assert (target / "evidence" / "paraguay").is_dir()
    assert not list((target / "evidence").rglob("*.yaml"))
    assert (target / "rules" / "tvpa" / "tvpa-minimum-standards.yaml").is_file()
    assert (target / "README.md").is_file()
    validated = runner.invoke(app, ["validate", "--project", str(target), "--no-cache"])
    assert validated.exit_code == 0, validated.output
    assert "Peru" not in (target / "README.md").read_text(encoding="utf-8")


def test_init_country_evaluates_to_a_message_not_a_guess(tmp_path: Path) -> None:
    target = tmp_path / "pry"
    assert runner.invoke(app, ["init", str(target), "--country", "PRY"]).exit_code == 0
    result = runner.invoke(app, ["evaluate", "--project", str(target)])
    assert result.exit_code == 2
    assert "no evidence" in result.output
    assert "Traceback" not in result.output


def test_init_country_refuses_an_unknown_code_and_a_used_folder(tmp_path: Path) -> None:
    unknown = runner.invoke(app, ["init", str(tmp_path / "x"), "--country", "XXX"])
    assert unknown.exit_code == 2
    assert '"XXX" is not an ISO 3166 alpha-3 country code' in unknown.output
    assert not (tmp_path / "x").exists()
    used = tmp_path / "used"
    used.mkdir()
    (used / "notes.txt").write_text("mine", encoding="utf-8")
    refused = runner.invoke(app, ["init", str(used), "--country", "PRY"])
    assert refused.exit_code == 2
    assert (used / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in used.iterdir()) == ["notes.txt"]
