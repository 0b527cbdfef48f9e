"""Fixes found while hardening the loader and checks, each pinned by a test."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from corpus import BASE
from scorecard import api
from scorecard.loader import CATALOGUE_MAX_NODES, MAX_SCHEMA_PROBLEMS
from scorecard.project import read_source, source_path_problem
from scorecard.yamlio import MAX_NODES, load_yaml_bytes


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(BASE, root)
    return root


def test_every_missing_key_of_a_mapping_is_reported(project: Path):
    (project / "evidence/peru/2017.yaml").write_text("country: PER\nyear: 2017\nfacts:\n  - note: x\n", encoding="utf-8")
    messages = [d.message for d in api.validate(project).diagnostics]
    assert [m for m in messages if "missing key" in m] == [
        'facts[0] is missing key "citations"',
        'facts[0] is missing key "indicator"',
    ]  # not "value": a fact may give a `direction` instead


@pytest.mark.parametrize(
    "file, problem",
    [
        ("/etc/passwd", "is an absolute path"),
        ("C:\\x.txt", "is an absolute path"),
        ("\\\\server\\share", "is an absolute path"),
        ("../x.txt", "climbs out of seeds/ with .."),
        ("a/../../x.txt", "climbs out of seeds/ with .."),
        ("..\\x.txt", "climbs out of seeds/ with .."),
        ("a\0b", "holds a NUL character"),
        ("tip-2015-peru.txt", None),
        ("sub/dir/x.txt", None),
    ],
)
def test_source_paths_are_confined_to_seeds(project: Path, file: str, problem: str | None):
    assert source_path_problem(project, file) == problem


def test_no_source_is_read_through_a_link_out_of_seeds(project: Path):
    (project / "seeds/out.txt").symlink_to("/etc/passwd")
    (project / "seeds/in.txt").symlink_to("tip-2015-peru.txt")
    assert source_path_problem(project, "out.txt") == "is a link leading outside seeds/"
    assert read_source(project, "out.txt") is None
    assert read_source(project, "in.txt") == (project / "seeds/tip-2015-peru.txt").read_bytes()


def test_an_empty_sources_key_is_a_schema_problem_not_a_crash(project: Path):
    (project / "seeds/sources.yaml").write_text("sources:\n", encoding="utf-8")
    codes = {d.code for d in api.validate(project).diagnostics}
    assert codes == {"S003"}  # and no R001 at every citation: the catalogue is reported once


def test_a_file_of_many_values_is_refused_at_the_limit():
    text = "facts:\n" + "- 1\n" * (MAX_NODES + 10)
    document, problems = load_yaml_bytes(text.encode(), "x.yaml")
    assert document is None and [(p.code, p.line) for p in problems] == [("Y004", MAX_NODES)]  # the 30,001st value: line 2 holds the first item
    assert load_yaml_bytes(text.encode(), "x.yaml", max_nodes=MAX_NODES + 100)[0] is not None


def test_the_catalogue_may_hold_the_whole_tip_report(project: Path):
    # 190 countries x 20 years of sources is 57,000 values: far over MAX_NODES, well under the catalogue's.
    entry = "  - id: s{n}\n    file: f.txt\n    title: t\n    publisher: p\n    sha256: '{h}'\n"
    body = "".join(entry.format(n=n, h="0" * 64) for n in range(10_000))  # 60,000 values
    assert MAX_NODES < 60_000 < CATALOGUE_MAX_NODES
    (project / "seeds/sources.yaml").write_text("sources:\n" + body, encoding="utf-8")
    codes = {d.code for d in api.validate(project).diagnostics}
    assert "Y004" not in codes


def test_a_file_of_broken_items_lists_the_first_problems_quickly(project: Path):
    (project / "evidence/peru/2017.yaml").write_text("country: PER\nyear: 2017\nfacts:\n" + "- {}\n" * 9_000, encoding="utf-8")
    start = time.perf_counter()
    diagnostics = api.validate(project).diagnostics
    assert time.perf_counter() - start < 5
    assert len(diagnostics) <= MAX_SCHEMA_PROBLEMS + 1
    assert diagnostics[0].message == "17,900 more schema problems in this file are not listed"  # 2 missing keys x 9,000


def test_closest_passage_hints_have_a_budget_per_run(tmp_path: Path):
    from corpus import build

    root = build("quotes-not-found-in-a-large-seed", tmp_path / "project")
    start = time.perf_counter()
    hints = [d.hint or "" for d in api.validate(root).diagnostics]
    assert time.perf_counter() - start < 5  # 200 hints in a 2 MB seed would take about 20 s
    searched = [h for h in hints if h.startswith("closest passage seeds/large.txt")]
    assert 1 <= len(searched) <= 5
    assert hints[len(searched):] == ["the closest passage was not searched for: too many quotes of this run are not found"] * (200 - len(searched))


def test_schema_write_never_writes_through_a_link(project: Path, tmp_path: Path):
    from typer.testing import CliRunner

    from scorecard.cli import app

    outside = tmp_path / "outside"
    outside.mkdir()
    (project / "schemas").symlink_to(outside, target_is_directory=True)
    result = CliRunner().invoke(app, ["schema", "--write", "--project", str(project)])
    assert result.exit_code == 2 and "is a link" in result.output and not list(outside.iterdir())
    (project / "schemas").unlink()
    (project / "schemas").mkdir()
    secret = tmp_path / "secret.json"
    secret.write_text("secret", encoding="utf-8")
    (project / "schemas/evidence.schema.json").symlink_to(secret)
    assert CliRunner().invoke(app, ["schema", "--write", "--project", str(project)]).exit_code == 0
    assert secret.read_text(encoding="utf-8") == "secret"  # the link was replaced, not followed
    assert not (project / "schemas/evidence.schema.json").is_symlink()
