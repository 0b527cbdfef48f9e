"""The usual manners of a command line: --version, -h, completion, colour only for people, examples."""

import io
import subprocess
import sys
from pathlib import Path

import pytest

from cli_runner import run_in
from scorecard import __version__
from scorecard.cli import terminal

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "tests" / "fixtures" / "base"


def test_version_and_short_help(tmp_path):
    assert run_in(tmp_path, "--version").stdout == f"scorecard {__version__} (trafficking-scorecard)\n"
    short, long = run_in(tmp_path, "-h"), run_in(tmp_path, "--help")
    assert short.exit_code == 0 and short.stdout == long.stdout
    assert "--install-completion" in long.stdout  # shell completion is on
    assert run_in(tmp_path, "evaluate", "-h").exit_code == 0


@pytest.mark.parametrize(
    "command", ["evaluate", "progress", "explain", "memo", "coverage", "export", "list", "validate", "cite", "fix", "schema", "init"]
)
def test_each_command_shows_examples_in_its_help(tmp_path, command):
    result = run_in(tmp_path, command, "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.stdout and f"scorecard {command if command != 'list' else ''}" in result.stdout


class _Tty(io.StringIO):
    def isatty(self):
        return True


def test_verdicts_are_coloured_only_in_their_columns(monkeypatch):
    table = "id  title                    status\nR1  the unmet partial goal   met\nR2  x                        not assessed\n"
    spans = terminal.verdict_spans(table)
    assert [(table[a:b], v) for a, b, v in spans] == [("met", "met"), ("not assessed", "not assessed")]
    screen = _Tty()
    monkeypatch.setattr(sys, "stdout", screen)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setitem(terminal.settings, "no_color", False)
    terminal.write_table(table)
    assert "\x1b[" in screen.getvalue() and "the unmet partial goal" in screen.getvalue()


@pytest.mark.parametrize("how", ["NO_COLOR", "--no-color", "piped"])
def test_no_colour_when_asked_or_piped(monkeypatch, how):
    screen = io.StringIO() if how == "piped" else _Tty()
    monkeypatch.setattr(sys, "stdout", screen)
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setitem(terminal.settings, "no_color", how == "--no-color")
    if how == "NO_COLOR":
        monkeypatch.setenv("NO_COLOR", "1")
    table = "id  status\nR1  met\n"
    terminal.write_table(table)
    assert screen.getvalue() == table


def test_the_global_no_color_option_is_accepted(tmp_path):
    import shutil

    shutil.copytree(BASE, tmp_path / "p")
    result = run_in(tmp_path / "p", "--no-color", "evaluate", "--no-cache")
    assert result.exit_code == 0 and "\x1b[" not in result.stdout


def test_piped_output_is_plain_text(tmp_path):
    import shutil

    shutil.copytree(BASE, tmp_path / "p")
    scorecard = Path(sys.executable).with_name("scorecard")
    piped = subprocess.run([str(scorecard), "evaluate", "--no-cache"], cwd=tmp_path / "p", capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert piped.returncode == 0 and "status" in piped.stdout
    assert "\x1b" not in piped.stdout
