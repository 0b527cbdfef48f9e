"""Fail closed: without a project, no command quietly checks the embedded dataset instead.

A pull request that deletes or renames scorecard.yaml, or puts something that is not a
file in its place, must not turn CI green (issue 14.1, defect 12.4).
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cli_runner import run_in
from scorecard.cli import common

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "tests" / "fixtures" / "base"
SCORECARD = Path(sys.executable).with_name("scorecard")


COMMANDS = [
    ("validate",),
    ("validate", "--format", "github", "--no-cache"),
    ("evaluate",),
    ("progress", "demo"),
    ("explain", "demo", "R1"),
    ("memo", "demo", "--year", "2017"),
    ("coverage",),
    ("cite", "tip-2015-peru", "increased staff in the anti-trafficking police unit"),
    ("fix", "--dry-run"),
    ("schema", "--check"),
]


def run(args, cwd):
    return run_in(cwd, *args)


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
def test_every_command_outside_a_project_is_a_usage_error_naming_the_way_out(tmp_path, args):
    result = run(args, tmp_path)
    assert result.exit_code == 2, result.output
    assert "--embedded" in result.stderr and "--project" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("marker", ["folder", "dangling-link", "fifo"])
def test_a_scorecard_yaml_that_is_not_a_regular_file_stops_the_search(tmp_path, marker):
    outer = tmp_path / "outer"
    shutil.copytree(BASE, outer)  # a valid project further up must not be used instead
    inner = outer / "evidence" / "sub"
    inner.mkdir()
    target = inner / "scorecard.yaml"
    if marker == "folder":
        target.mkdir()
    elif marker == "dangling-link":
        target.symlink_to(tmp_path / "nowhere.yaml")
    else:
        os.mkfifo(target)
    result = run(["validate"], inner)
    assert result.exit_code == 2, result.output
    assert "not a regular file" in result.stderr


def test_an_explicit_project_must_itself_hold_scorecard_yaml(tmp_path):
    shutil.copytree(BASE, tmp_path / "p")
    result = run(["validate", "--project", str(tmp_path / "p" / "rules")], tmp_path)
    assert result.exit_code == 2
    assert "no scorecard project" in result.stderr


def test_project_and_embedded_exclude_each_other(tmp_path):
    shutil.copytree(BASE, tmp_path / "p")
    result = run(["validate", "--embedded", "--project", str(tmp_path / "p")], tmp_path)
    assert result.exit_code == 2
    assert "exclude each other" in result.stderr


def test_embedded_is_used_when_asked_with_no_note(tmp_path):
    result = run(["evaluate", "--embedded", "--format", "json"], tmp_path)
    assert result.exit_code == 0, result.output
    assert '"ruleset": "tip-2015-peru"' in result.stdout
    assert result.stderr == ""


def test_an_interactive_first_run_uses_the_embedded_dataset_and_says_so(tmp_path, monkeypatch):
    monkeypatch.setattr(common, "first_run", lambda: True)
    result = run(["evaluate"], tmp_path)
    assert result.exit_code == 0, result.output
    assert "using the embedded example dataset" in result.stderr and "--embedded" in result.stderr


class _Stream:
    def __init__(self, tty):
        self.tty = tty

    def isatty(self):
        return self.tty


@pytest.mark.parametrize(
    ("stdin", "stderr", "ci", "expected"),
    [(True, True, None, True), (False, True, None, False), (True, False, None, False), (True, True, "true", False)],
)
def test_a_first_run_is_a_person_at_a_terminal_outside_ci(monkeypatch, stdin, stderr, ci, expected):
    monkeypatch.setattr(sys, "stdin", _Stream(stdin))
    monkeypatch.setattr(sys, "stderr", _Stream(stderr))
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    assert common.first_run() is expected


# -- the README's CI step on a repository whose project lives in a subfolder ------------------


def readme_ci_command() -> list[str]:
    """The scorecard command of the README's GitHub Actions step (after its install)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    step = re.search(r"^- run: (.+)$", readme, re.MULTILINE)
    assert step, "the README has a GitHub Actions `- run:` step"
    command = step.group(1).split("&&")[-1].split()
    assert command[0] == "scorecard"
    return [str(SCORECARD), *command[1:]]


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=repo, check=True, capture_output=True,
    )


def ci(repo: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "SCORECARD_CACHE_DIR"}
    env["CI"] = "true"
    return subprocess.run(readme_ci_command(), cwd=repo, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120)


@pytest.fixture
def repo(tmp_path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(BASE, repo / "data" / "peru")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "project in a subfolder")
    return repo


def test_the_readme_ci_step_passes_on_a_clean_project_in_a_subfolder(repo):
    result = ci(repo)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_readme_ci_step_fails_on_a_broken_quote_in_a_subfolder_project(repo):
    evidence = repo / "data" / "peru" / "evidence" / "peru" / "2017.yaml"
    text = evidence.read_text(encoding="utf-8")
    quote = re.search(r"quote: \"?([^\"\n]+)", text).group(1)
    evidence.write_text(text.replace(quote, quote.replace(" ", " zzzz ", 1), 1), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "break a quote")
    result = ci(repo)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "file=data/peru/evidence/peru/2017.yaml" in result.stdout


@pytest.mark.parametrize("change", ["delete", "rename", "replace-with-folder"])
def test_the_readme_ci_step_fails_when_a_commit_removes_scorecard_yaml(repo, change):
    marker = repo / "data" / "peru" / "scorecard.yaml"
    if change == "delete":
        git(repo, "rm", "-q", str(marker))
    elif change == "rename":
        git(repo, "mv", str(marker), str(marker.with_name("scorecard.yml")))
    else:
        git(repo, "rm", "-q", str(marker))
        marker.mkdir()
        (marker / ".keep").write_text("")
        git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", change)
    result = ci(repo)
    assert result.returncode != 0, result.stdout + result.stderr
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
