"""The repository's pre-commit hook and GitHub Action, run as their users run them."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "tests" / "fixtures" / "base"
BIN = Path(sys.executable).parent


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path) -> Path:
    """A git repository whose project lives in data/peru, with one quote broken in 2017."""
    repo = tmp_path / "repo"
    project = repo / "data" / "peru"
    shutil.copytree(BASE, project)
    evidence = project / "evidence" / "peru" / "2017.yaml"
    evidence.write_text(evidence.read_text(encoding="utf-8").replace("quote: ", "quote: zzzz ", 1), encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    return repo


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_pre_commit_hook_runs_through_try_repo(repo, tmp_path):
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    env.pop("CI", None)

    def hook(*files: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(BIN / "pre-commit"), "try-repo", str(ROOT), "scorecard-validate", "--verbose", *(("--files", *files) if files else ("--all-files",))],
            cwd=repo, env=env, capture_output=True, text=True, timeout=900,
        )

    broken = hook()
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert "evidence/peru/2017.yaml:" in broken.stdout and "C001" in broken.stdout
    clean = hook("data/peru/evidence/peru/2016.yaml")  # the broken quote is in another file
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "Passed" in clean.stdout


def test_the_hook_is_declared_for_project_files():
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "scorecard-validate" and hook["entry"].startswith("scorecard validate")
    import re

    pattern = re.compile(hook["files"])
    for name in ("data/peru/evidence/peru/2017.yaml", "rules/tip/tip-2015-peru.yaml", "seeds/tip-2015-peru.txt", "scorecard.yaml"):
        assert pattern.search(name), name
    assert not pattern.search("README.md") and not pattern.search(".github/workflows/ci.yaml")


# -- action.yml ------------------------------------------------------------------------------


def action_step(name: str) -> dict:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    return next(step for step in action["runs"]["steps"] if step.get("name") == name)


def run_action(repo: Path, project: str, sarif: str = "") -> subprocess.CompletedProcess:
    """The action's Validate step as the runner runs it: bash, inputs in the environment, CI set."""
    step = action_step("Validate")
    assert "${{" not in step["run"]  # inputs come through env, never pasted into the script
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "CI": "true", "GITHUB_ACTIONS": "true"}
    env.update({"SCORECARD_PROJECT": project, "SCORECARD_SARIF": sarif})
    assert set(step["env"]) == {"SCORECARD_PROJECT", "SCORECARD_SARIF"}
    return subprocess.run(["bash", "-e", "-c", step["run"]], cwd=repo, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=300)


def test_the_action_annotates_problems_from_the_repository_root(repo, tmp_path):
    sarif = tmp_path / "out.sarif"
    result = run_action(repo, "data/peru", str(sarif))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "::error file=data/peru/evidence/peru/2017.yaml," in result.stdout
    assert '"uri": "data/peru/evidence/peru/2017.yaml"' in sarif.read_text(encoding="utf-8")


def test_the_action_passes_a_clean_project_and_fails_closed_without_one(repo):
    evidence = repo / "data" / "peru" / "evidence" / "peru" / "2017.yaml"
    evidence.write_text(evidence.read_text(encoding="utf-8").replace("quote: zzzz ", "quote: ", 1), encoding="utf-8")
    assert run_action(repo, "data/peru").returncode == 0
    (repo / "data" / "peru" / "scorecard.yaml").unlink()
    missing = run_action(repo, "data/peru")
    assert missing.returncode == 2 and "no scorecard project" in missing.stderr
    assert run_action(repo, ".").returncode == 2  # the default input, at a root without a project


def test_the_action_installs_the_tool_from_its_own_checkout():
    step = action_step("Install scorecard")
    assert step["env"]["ACTION_PATH"] == "${{ github.action_path }}" and '"$ACTION_PATH"' in step["run"]
