"""`scorecard list` / `rulesets`, and ids typed in any case."""

import json
import os
import shutil
from pathlib import Path

import pytest

from scorecard import api
from cli_runner import run_in
from scorecard.listing import canonical_id
from scorecard.render.listing import year_ranges

BASE = Path(__file__).resolve().parent / "fixtures" / "base"


@pytest.fixture
def project(tmp_path) -> Path:
    """The base project plus a copy of its rule set issued to no country."""
    root = tmp_path / "p"
    shutil.copytree(BASE, root)
    general = (root / "rules" / "demo" / "demo.yaml").read_text(encoding="utf-8")
    general = general.replace("id: demo\n", "id: general\n", 1).replace("country: PER\n", "", 1)
    (root / "rules" / "demo" / "general.yaml").write_text(general, encoding="utf-8")
    return root


def run(*args, cwd):
    return run_in(cwd, *args)


@pytest.mark.parametrize("command", ["list", "rulesets"])
def test_list_gives_each_rule_set_with_country_items_and_years(project, command):
    result = run(command, "--format", "json", "--no-cache", cwd=project)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {
        "rulesets": [
            {"id": "demo", "title": "Demo recommendations", "country": "PER", "items": 2, "years": {"PER": [2016, 2017]}},
            {"id": "general", "title": "Demo recommendations", "country": None, "items": 2, "years": {"PER": [2016, 2017]}},
        ]
    }


def test_list_as_a_table(project):
    result = run("list", "--no-cache", cwd=project)
    lines = result.stdout.splitlines()
    assert lines[0] == "2 rule sets"
    assert lines[2].split() == ["rule", "set", "title", "country", "items", "years", "with", "evidence"]
    assert lines[3].split() == ["demo", "Demo", "recommendations", "PER", "2", "2016–2017"]
    assert lines[4].split() == ["general", "Demo", "recommendations", "any", "2", "2016–2017"]


def test_list_outside_a_project_fails_closed(tmp_path):
    result = run("list", cwd=tmp_path)
    assert result.exit_code == 2 and "--embedded" in result.stderr


def test_year_ranges_join_consecutive_years():
    assert year_ranges([2017, 2004, 2010, 2011, 2013]) == "2004, 2010–2011, 2013, 2017"
    assert year_ranges([]) == "none"


def test_ids_match_in_any_case_when_only_one_does():
    assert canonical_id("r2", ["R1", "R2"]) == "R2"
    assert canonical_id("TIP-2015-PERU", ["tip-2015-peru"]) == "tip-2015-peru"
    assert canonical_id("a", ["A", "a"]) == "a"  # exact wins
    assert canonical_id("b", ["B1", "b1"]) == "b"  # none: left for the caller's did-you-mean


def test_explain_and_evaluate_take_ids_in_any_case(project):
    lower = run("explain", "DEMO", "r1", "--no-cache", cwd=project)
    assert lower.exit_code == 0, lower.output
    assert lower.stdout == run("explain", "demo", "R1", "--no-cache", cwd=project).stdout
    card = json.loads(run("evaluate", "Demo", "--format", "json", "--no-cache", cwd=project).stdout)
    assert card["ruleset"] == "demo"


def test_an_unknown_id_still_suggests_the_closest(project):
    result = run("explain", "demo", "R22", "--no-cache", cwd=project)
    assert result.exit_code == 2 and 'did you mean "R2"' in result.stderr
