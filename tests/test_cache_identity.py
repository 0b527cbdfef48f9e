"""How the cache knows a file is unchanged without reading it (its lstat), when it must
read it anyway (a racy entry), and the snapshot that spares re-checking the files outside
evidence/ and re-reading every source text."""

import os
import shutil
from pathlib import Path

import pytest

from scorecard import api, cache, checks, project as project_module

BASE = Path(__file__).parent / "fixtures" / "base"
EVIDENCE = {"evidence/peru/2016.yaml", "evidence/peru/2017.yaml"}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(BASE, root)
    return root


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files just copied count as settled, as a curator's files an hour old would."""
    monkeypatch.setattr(cache, "RACY_SECONDS", 0.0)


@pytest.fixture
def texts_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The source files read since the list was last cleared."""
    seen: list[str] = []
    real = project_module.read_source

    def counting(root, file):
        seen.append(file)
        return real(root, file)

    monkeypatch.setattr(project_module, "read_source", counting)
    return seen


def facts_of(opened, year: int) -> dict:
    return {fact.indicator: fact.value for doc in opened.evidence if doc.data.year == year for fact in doc.data.facts}


def test_a_file_changed_behind_its_old_modification_time_is_read_again(project: Path, parsed: set[str]):
    """Same size, same modification time (as `touch -r` or an unpacked archive leave it):
    its change time differs, so it is read."""
    api.validate(project, cache=True)
    path = project / "evidence/peru/2017.yaml"
    before = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace("value: 865", "value: 866"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
    parsed.clear()
    opened = api.open_project(project, cache=True)
    assert parsed == {"evidence/peru/2017.yaml"}
    assert facts_of(opened, 2017)["prosecution.operations"] == 866


def test_an_unchanged_file_is_not_even_read(project: Path, settled: None, monkeypatch: pytest.MonkeyPatch):
    api.validate(project, cache=True)
    opened: list[str] = []
    real = checks.read_evidence
    monkeypatch.setattr(checks, "read_evidence", lambda loaded, path: opened.append(path) or real(loaded, path))
    assert api.validate(project, cache=True).ok
    assert opened == []


def test_a_racy_entry_is_used_only_when_the_bytes_still_match(project: Path, parsed: set[str], monkeypatch: pytest.MonkeyPatch):
    """Stored right after the file changed (as in a test, or an editor saving twice in one
    clock tick), the entry must not trust the file's times: a second change in the same
    tick would keep them.  Simulated here by giving the file its old lstat."""
    api.validate(project, cache=True)  # the files were just copied: every entry is racy
    parsed.clear()
    assert api.validate(project, cache=True).ok and parsed == set()  # the same bytes: used
    path = project / "evidence/peru/2017.yaml"
    old = os.lstat(path)
    path.write_text(path.read_text(encoding="utf-8").replace("value: 865", "value: 866"), encoding="utf-8")
    real_lstat = os.lstat
    monkeypatch.setattr(cache.os, "lstat", lambda p, *a, **k: old if Path(p) == path else real_lstat(p, *a, **k))
    parsed.clear()
    opened = api.open_project(project, cache=True)
    assert parsed == {"evidence/peru/2017.yaml"}
    assert facts_of(opened, 2017)["prosecution.operations"] == 866


def test_an_unchanged_project_reads_no_source_text(project: Path, settled: None, texts_read: list[str], parsed: set[str]):
    expected = api.validate(project)
    api.validate(project, cache=True)
    texts_read.clear()
    parsed.clear()
    warm = api.validate(project, cache=True)
    assert texts_read == [] and parsed == set()
    assert warm.to_dict() == expected.to_dict()


def test_after_editing_one_file_only_the_sources_it_cites_are_read(project: Path, settled: None, texts_read: list[str], parsed: set[str]):
    api.validate(project, cache=True)
    path = project / "evidence/peru/2016.yaml"
    cited = {c.source for doc in api.open_project(project).evidence if doc.path.endswith("2016.yaml") for f in doc.data.facts for c in f.citations}
    files = {source.id: source.file for source in api.open_project(project).sources.values()}
    assert 0 < len(cited) < len(files)
    path.write_text(path.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    texts_read.clear()
    parsed.clear()
    report = api.validate(project, cache=True)
    assert report.ok and parsed == {"evidence/peru/2016.yaml"}
    assert set(texts_read) == {files[source] for source in cited}
    assert report.to_dict() == api.validate(project).to_dict()


def test_a_changed_source_text_is_checked_again(project: Path, settled: None):
    api.validate(project, cache=True)
    with open(project / "seeds" / "tip-2015-peru.txt", "a", encoding="utf-8") as seed:
        seed.write("\nOne more line.\n")
    report = api.validate(project, cache=True)
    assert "F002" in {d.code for d in report.diagnostics}
    assert report.to_dict() == api.validate(project).to_dict()


def test_a_problem_outside_evidence_is_found_on_every_run(project: Path, settled: None):
    path = project / "rules/demo/demo.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("investigate and prosecute", "investigate and punish"), encoding="utf-8")
    expected = api.validate(project)
    assert [d.code for d in expected.diagnostics] == ["C001"]
    for _ in range(3):
        assert api.validate(project, cache=True).to_dict() == expected.to_dict()


def test_scorecards_from_a_snapshot_equal_those_without(project: Path, settled: None):
    api.open_project(project, cache=True)
    cached, fresh = api.open_project(project, cache=True), api.open_project(project)
    for year in fresh.years("PER"):
        assert api.evaluate(cached, "demo", year).model_dump() == api.evaluate(fresh, "demo", year).model_dump()


def test_a_misquote_in_an_edited_file_is_found_with_the_snapshot(project: Path, settled: None):
    api.validate(project, cache=True)
    path = project / "evidence/peru/2017.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Police reported conducting 865", "Police reported conducting 866"), encoding="utf-8")
    report = api.validate(project, cache=True)
    assert [d.code for d in report.diagnostics] == ["C001"]
    assert report.to_dict() == api.validate(project).to_dict()
