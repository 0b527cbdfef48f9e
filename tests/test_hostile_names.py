"""Names and small things a stranger controls (issue 12, defect 10 and items of 11): terminal
escapes in a seed's file name or a source id reach no terminal; a file name too long for the
system, a folder that cannot be listed and an unknown default rule set are diagnostics."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corpus import BASE
from scorecard import api, loader
from scorecard.cli import app
from scorecard.render.escape import csv_cell

runner = CliRunner()
ESCAPE = "\x1b[2J\x1b]0;pwned\x07"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(BASE, root)
    return root


def _rename_seed(root: Path, name: str) -> None:
    text = (root / "seeds/sources.yaml").read_text(encoding="utf-8")
    (root / "seeds/sources.yaml").write_text(text.replace("file: tip-2018-peru-prosecution.txt", f"file: {name}", 1), encoding="utf-8")


def _no_escape(text: str) -> None:
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text, repr(text)


def test_escapes_in_a_seed_name_reach_no_terminal_in_github_format(project: Path):
    _rename_seed(project, '"tip\\e[31mred\\e]0;x\\a.txt"')
    result = runner.invoke(app, ["validate", "--format", "github", "--project", str(project)])
    assert result.exit_code == 1
    assert "::error file=seeds/sources.yaml" in result.output
    _no_escape(result.output)


@pytest.mark.parametrize("source", ["tip-2018-peru-prosecution", "x" + ESCAPE + "y"])
def test_escapes_reach_no_terminal_through_cite(project: Path, source: str):
    _rename_seed(project, '"tip\\e[31mred\\u202e.txt"')
    result = runner.invoke(app, ["cite", source, "Police reported conducting 865", "--project", str(project)])
    assert result.exit_code in (1, 2)
    assert "Traceback" not in result.output
    _no_escape(result.output)


def test_a_seed_name_too_long_for_the_system_is_a_diagnostic(project: Path):
    _rename_seed(project, "a" * 300 + ".txt")
    report = api.validate(project)
    assert [(d.path, d.code) for d in report.diagnostics if d.code.startswith("F")] == [("seeds/sources.yaml", "F006")]


def test_a_folder_that_cannot_be_listed_is_a_diagnostic_not_skipped(project: Path, monkeypatch: pytest.MonkeyPatch):
    # chmod 000 does not stop root, so the refusal is simulated where the folder is listed
    (project / "evidence/other").mkdir()
    real = os.scandir

    def scandir(path):
        if str(path).endswith("evidence/other"):
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(loader.os, "scandir", scandir)
    report = api.validate(project)
    assert [(d.path, d.code) for d in report.diagnostics] == [("evidence/other", "Y015")]
    assert not report.ok


def test_an_unknown_default_rule_set_is_reported_by_validate(project: Path):
    text = (project / "scorecard.yaml").read_text(encoding="utf-8")
    (project / "scorecard.yaml").write_text(text.replace("default_ruleset: demo", "default_ruleset: dmeo"), encoding="utf-8")
    report = api.validate(project)
    assert [(d.path, d.line, d.code) for d in report.diagnostics] == [("scorecard.yaml", 3, "R005")]
    assert report.diagnostics[0].hint == 'did you mean "demo"?'


@pytest.mark.parametrize(
    "cell, safe",
    [
        ("see note; =HYPERLINK(\"http://x\")", "see note;' =HYPERLINK(\"http://x\")"),
        ("a;+1+1;@SUM(A1)", "a;'+1+1;'@SUM(A1)"),
        ("5; 6", "5; 6"),
        ("-3;-2", "-3;-2"),  # numbers stay numbers
    ],
)
def test_a_formula_after_a_semicolon_is_guarded_too(cell: str, safe: str):
    # spreadsheets in many locales split CSV on ";"
    assert csv_cell(cell) == safe


def test_a_file_name_that_is_not_utf8_gives_valid_json(project: Path):
    import json

    os.rename(project / "evidence/peru/2016.yaml", os.fsencode(project / "evidence/peru") + b"/\xff2016.yaml")
    result = runner.invoke(app, ["validate", "--format", "json", "--project", str(project)])
    assert "Traceback" not in result.output
    json.loads(result.stdout)
