"""The cache of unchanged evidence files (.scorecard-cache/): a second run reads only what
changed, and gives exactly what a run without the cache gives."""

import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

import scorecard
from scorecard import api
from scorecard.cache import DATABASE, FOLDER
from scorecard.cli import app
from scorecard.loader import evidence_files
from scorecard.project import Project

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("scorecard.yaml", "rules", "evidence", "seeds")
EVIDENCE = set(evidence_files(ROOT))  # whatever years the dataset holds
CITING_PUCP = {"evidence/peru/2004.yaml", "evidence/peru/2010.yaml", "evidence/peru/2011.yaml"}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the repository's project (seven evidence files, five sources)."""
    root = tmp_path / "project"
    root.mkdir()
    for part in PROJECT_PARTS:
        source, target = ROOT / part, root / part
        shutil.copytree(source, target) if source.is_dir() else shutil.copyfile(source, target)
    return root


def validate_twice(root: Path, parsed: set[str]) -> api.Report:
    """Validate with the cache warmed; returns the warm run's report."""
    api.validate(root, cache=True)
    parsed.clear()
    return api.validate(root, cache=True)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def same_report(first: api.Report, second: api.Report) -> bool:
    return first.to_dict() == second.to_dict() and first.diagnostics == second.diagnostics


# -- reuse ------------------------------------------------------------------------------------


def test_the_library_writes_no_cache_unless_asked(project: Path):
    api.validate(project)
    api.open_project(project)
    assert not (project / FOLDER).exists()


def test_a_second_run_parses_no_evidence_and_reports_the_same(project: Path, parsed: set[str]):
    cold = api.validate(project, cache=True)
    assert parsed == EVIDENCE
    parsed.clear()
    warm = api.validate(project, cache=True)
    assert parsed == set()
    assert cold.ok and same_report(warm, cold) and same_report(warm, api.validate(project))
    assert (project / FOLDER / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"


def test_after_editing_one_file_only_that_file_is_parsed(project: Path, parsed: set[str]):
    validate_twice(project, parsed)
    edit(project / "evidence/peru/2014.yaml", "note: ", "note: Edited. ")
    report = api.validate(project, cache=True)
    assert parsed == {"evidence/peru/2014.yaml"}
    assert report.ok and same_report(report, api.validate(project))


def test_scorecards_from_a_cached_project_equal_those_without(project: Path, monkeypatch: pytest.MonkeyPatch):
    api.open_project(project, cache=True)  # warms the cache
    cached, fresh = api.open_project(project, cache=True), api.open_project(project)
    lookups = []
    real_locate = Project.locate
    monkeypatch.setattr(Project, "locate", lambda self, citation: lookups.append(citation) or real_locate(self, citation))
    for ruleset in sorted(fresh.rulesets):
        country = "PER" if ruleset == "tvpa-minimum-standards" else None
        for year in fresh.years("PER"):
            expected = api.evaluate(fresh, ruleset, year, country).model_dump()
            assert api.evaluate(cached, ruleset, year, country).model_dump() == expected
    assert lookups == []  # every quote's line, column and heading came with its file (or its check)
    assert [doc.path for doc in cached.evidence] == [doc.path for doc in fresh.evidence] == sorted(EVIDENCE)


# -- what invalidates an entry ----------------------------------------------------------------


def test_editing_a_cited_source_invalidates_the_files_citing_it(project: Path, parsed: set[str]):
    validate_twice(project, parsed)
    with open(project / "seeds" / "pucp-2011-cescr-report.txt", "a", encoding="utf-8") as seed:
        seed.write("\nOne more line.\n")
    report = api.validate(project, cache=True)
    assert parsed == CITING_PUCP
    assert {d.code for d in report.diagnostics} == {"F002"}
    assert same_report(report, api.validate(project))


@pytest.mark.parametrize("catalogue", ["rules/indicators.yaml", "seeds/sources.yaml"])
def test_editing_the_vocabulary_or_the_catalogue_invalidates_every_file(project: Path, parsed: set[str], catalogue: str):
    validate_twice(project, parsed)
    with open(project / catalogue, "a", encoding="utf-8") as file:
        file.write("# a comment changes the bytes\n")
    report = api.validate(project, cache=True)
    assert parsed == EVIDENCE
    assert report.ok


def test_a_new_version_of_the_tool_invalidates_every_file(project: Path, parsed: set[str], monkeypatch: pytest.MonkeyPatch):
    validate_twice(project, parsed)
    monkeypatch.setattr(scorecard, "__version__", scorecard.__version__ + ".post1")
    api.validate(project, cache=True)
    assert parsed == EVIDENCE


def test_a_cache_from_another_checkout_matches_nothing(project: Path, parsed: set[str]):
    """A file is known by its modification time too: a committed cache cannot vouch for a
    file of a fresh checkout, even with the same bytes."""
    validate_twice(project, parsed)
    path = project / "evidence/peru/2017.yaml"
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1))
    api.validate(project, cache=True)
    assert parsed == {"evidence/peru/2017.yaml"}


# -- problems are never cached ------------------------------------------------------------------


def test_a_broken_file_is_never_cached_and_reported_alike(project: Path, parsed: set[str]):
    edit(project / "evidence/peru/2017.yaml", 'quote: "The Government of Peru', 'quote: "The Government of Narnia')
    without = api.validate(project)
    assert [d.code for d in without.diagnostics] == ["C001"]
    for _ in range(2):
        parsed.clear()
        assert same_report(api.validate(project, cache=True), without)
        assert "evidence/peru/2017.yaml" in parsed
    assert parsed == {"evidence/peru/2017.yaml"}


def test_a_cached_file_conflicting_with_another_is_reported_at_its_line(project: Path, parsed: set[str]):
    validate_twice(project, parsed)
    edit(project / "evidence/peru/2004.yaml", "country: PER", "country: BOL")  # the folder's first file
    report = api.validate(project, cache=True)
    assert same_report(report, api.validate(project))
    conflicts = [d for d in report.diagnostics if d.code == "R008"]
    assert len(conflicts) == len(EVIDENCE) - 1 and all(d.line > 0 for d in conflicts)


# -- a cache that cannot be used ---------------------------------------------------------------


def test_a_corrupt_cache_is_ignored_and_rebuilt(project: Path, parsed: set[str]):
    expected = validate_twice(project, parsed)
    (project / FOLDER / DATABASE).write_bytes(b"\x00garbage, not a database" * 100)
    parsed.clear()
    assert same_report(api.validate(project, cache=True), expected)
    assert parsed == EVIDENCE
    parsed.clear()
    api.validate(project, cache=True)
    assert parsed == set()


def test_damaged_entries_are_misses(project: Path, parsed: set[str]):
    expected = validate_twice(project, parsed)
    fresh = api.open_project(project)
    with sqlite3.connect(project / FOLDER / DATABASE) as connection:
        connection.execute("UPDATE evidence SET body = '[{\"country\": 3}, []]' WHERE path LIKE '%2004%'")
        connection.execute("UPDATE evidence SET mac = x'00' WHERE path LIKE '%2010%'")
        connection.execute("UPDATE evidence SET sources = '[1, 2]' WHERE path LIKE '%2011%'")
    connection.close()
    parsed.clear()
    assert same_report(api.validate(project, cache=True), expected)
    assert parsed == CITING_PUCP - {"evidence/peru/2004.yaml"}  # validate never reads the bodies of unchanged files
    parsed.clear()
    opened = api.open_project(project, cache=True)  # the others were stored again by validate
    assert parsed == {"evidence/peru/2004.yaml"}
    assert [(doc.path, doc.data) for doc in opened.evidence] == [(doc.path, doc.data) for doc in fresh.evidence]


def test_a_read_only_cache_is_read_and_not_written(project: Path, parsed: set[str], monkeypatch: pytest.MonkeyPatch):
    expected = validate_twice(project, parsed)
    real_connect = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda database, **options: real_connect(f"file:{database}?mode=ro", uri=True, **options))
    edit(project / "evidence/peru/2014.yaml", "note: ", "note: Edited. ")
    for _ in range(2):
        parsed.clear()
        assert same_report(api.validate(project, cache=True), expected)
        assert parsed == {"evidence/peru/2014.yaml"}  # read from the cache; the edited file cannot be stored


def test_a_read_only_project_is_validated_without_a_cache(project: Path):
    if os.geteuid() == 0:
        pytest.skip("root writes into read-only folders")
    for folder, _, _ in os.walk(project):
        os.chmod(folder, 0o555)
    try:
        assert api.validate(project, cache=True).ok
        assert not (project / FOLDER).exists()
    finally:
        for folder, _, _ in os.walk(project):
            os.chmod(folder, 0o755)


def test_a_cache_folder_that_is_a_file_or_a_link_out_is_not_used(project: Path, tmp_path: Path):
    (project / FOLDER).write_text("not a folder", encoding="utf-8")
    assert api.validate(project, cache=True).ok
    (project / FOLDER).unlink()
    outside = tmp_path / "outside"
    outside.mkdir()
    (project / FOLDER).symlink_to(outside, target_is_directory=True)
    assert api.validate(project, cache=True).ok
    assert list(outside.iterdir()) == []


def test_a_database_link_is_not_followed(project: Path, tmp_path: Path):
    victim = tmp_path / "victim"
    victim.write_bytes(b"someone's file")
    (project / FOLDER).mkdir()
    (project / FOLDER / f"{DATABASE}-journal").symlink_to(victim)
    assert api.validate(project, cache=True).ok
    assert victim.read_bytes() == b"someone's file"


# -- the command line ---------------------------------------------------------------------------


def test_the_command_line_caches_unless_told_not_to(project: Path):
    runner = CliRunner()
    result = runner.invoke(app, ["validate", "--no-cache", "--project", str(project)])
    assert result.exit_code == 0 and not (project / FOLDER).exists()
    for command in (["validate"], ["evaluate"], ["coverage"]):
        result = runner.invoke(app, [*command, "--project", str(project)])
        assert result.exit_code == 0, result.output
        assert (project / FOLDER / DATABASE).is_file()
    fresh = runner.invoke(app, ["evaluate", "--format", "json", "--no-cache", "--project", str(project)])
    cached = runner.invoke(app, ["evaluate", "--format", "json", "--project", str(project)])
    assert cached.stdout == fresh.stdout
