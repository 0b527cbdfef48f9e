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


def test_validate_outside_a_project_uses_the_embedded_dataset(tmp_path):
    result = run("validate", cwd=tmp_path)
    assert result.exit_code == 0
    assert "embedded Peru dataset" in result.stderr


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
