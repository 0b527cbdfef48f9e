"""What the evidence cache trusts: only entries this user's runs made on this machine.

A project folder comes from anyone, its cache folder with it.  The probe of issue 12
shipped a project as a tar archive (modification times kept) with a crafted cache that
made `validate` say ok and `explain` print 999 convictions with an invented quote,
attributed to a file that says 33.  Entries are now signed with a key kept outside the
project (scorecard.userkey); these tests point that key at temporary folders.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import stat
import tarfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scorecard import api
from scorecard.cache import DATABASE, FOLDER
from scorecard.cli import app
from scorecard.userkey import KEY_BYTES, KEY_FILE

BASE = Path(__file__).parent / "fixtures" / "base"
EVIDENCE = {"evidence/peru/2016.yaml", "evidence/peru/2017.yaml"}
TRUE_QUOTE = "Thirty-three of these cases resulted in convictions (13 in 2016)"
INVENTED_QUOTE = "Nine hundred and ninety-nine traffickers were convicted in 2017"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(BASE, root)
    return root


def as_user(monkeypatch: pytest.MonkeyPatch, home: Path) -> Path:
    """Run as a user whose cache key lives in ``home``; returns the key's path."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home / "scorecard" / KEY_FILE


def forge(root: Path) -> None:
    """Rewrite the cached 2017 file to say 999 convictions, with an invented quote:
    what someone with the project folder, but not this user's key, can do."""
    with sqlite3.connect(root / FOLDER / DATABASE) as connection:
        (body,) = connection.execute("SELECT body FROM evidence WHERE path = 'evidence/peru/2017.yaml'").fetchone()
        assert '"value": 33' in body and TRUE_QUOTE in body
        forged = body.replace('"value": 33', '"value": 999').replace(TRUE_QUOTE, INVENTED_QUOTE)
        digest = hashlib.sha256(forged.encode()).hexdigest()
        connection.execute("UPDATE evidence SET body = ?, body_sha256 = ? WHERE path = 'evidence/peru/2017.yaml'", (forged, digest))
    connection.close()


def cli(*args: str) -> "CliRunner.invoke":
    return CliRunner().invoke(app, list(args))


def test_a_forged_cache_shipped_in_an_archive_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parsed: set[str]):
    # The sender validates (their own key signs the entries), forges an entry, and ships a tar.
    sender = tmp_path / "sender" / "project"
    shutil.copytree(BASE, sender)
    as_user(monkeypatch, tmp_path / "sender-home")
    assert api.validate(sender, cache=True).ok
    forge(sender)
    archive = tmp_path / "project.tar"
    with tarfile.open(archive, "w") as tar:
        tar.add(sender, arcname="project")
    # The recipient unpacks it (modification times kept) and runs scorecard as themselves.
    receiver = tmp_path / "receiver"
    with tarfile.open(archive) as tar:
        tar.extractall(receiver, filter="tar")
    root = receiver / "project"
    assert (root / "evidence/peru/2017.yaml").stat().st_mtime_ns // 10**9 == (sender / "evidence/peru/2017.yaml").stat().st_mtime_ns // 10**9
    as_user(monkeypatch, tmp_path / "receiver-home")
    parsed.clear()
    result = cli("validate", "--project", str(root))
    assert result.exit_code == 0, result.output
    assert parsed == EVIDENCE  # every file read and checked, none taken on the cache's word
    assert "not signed by your runs on this machine" in result.stderr
    explained = cli("explain", "demo", "R1", "--year", "2017", "--project", str(root))
    assert explained.exit_code == 0, explained.output
    assert TRUE_QUOTE.split(" (")[0] in " ".join(explained.stdout.split())
    assert "999" not in explained.stdout and "Nine hundred" not in explained.stdout


def test_an_entry_altered_in_place_is_ignored(project: Path, parsed: set[str]):
    assert api.validate(project, cache=True).ok
    forge(project)
    parsed.clear()
    report = api.validate(project, cache=True)
    assert report.ok and parsed == {"evidence/peru/2017.yaml"}
    assert any("1 entry not signed" in note for note in report.notes)
    opened = api.open_project(project, cache=True)
    facts = {fact.indicator: fact for doc in opened.evidence if doc.data.year == 2017 for fact in doc.data.facts}
    assert facts["prosecution.convictions"].value == 33
    assert facts["prosecution.convictions"].citations[0].quote == TRUE_QUOTE


def test_the_key_is_made_once_private_and_outside_the_project(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    key = as_user(monkeypatch, tmp_path / "home")
    api.validate(project, cache=True)
    made = key.read_bytes()
    assert len(made) == KEY_BYTES
    assert stat.S_IMODE(key.stat().st_mode) == 0o600 and stat.S_IMODE(key.parent.stat().st_mode) == 0o700
    assert not any(path.name == KEY_FILE for path in project.rglob("*"))
    api.validate(project, cache=True)
    assert key.read_bytes() == made


def test_a_key_others_can_read_is_not_used(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parsed: set[str]):
    key = as_user(monkeypatch, tmp_path / "home")
    api.validate(project, cache=True)
    os.chmod(key, 0o644)
    parsed.clear()
    report = api.validate(project, cache=True)
    assert report.ok and parsed == EVIDENCE
    assert any("can be read or written by others" in note and "not used" in note for note in report.notes)


@pytest.mark.parametrize("damage", ["a link", "too short", "a folder"])
def test_a_key_that_is_not_a_private_file_of_the_right_length_is_not_used(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str):
    key = as_user(monkeypatch, tmp_path / "home")
    key.parent.mkdir(parents=True)
    if damage == "a link":
        (tmp_path / "elsewhere").write_bytes(b"k" * KEY_BYTES)
        key.symlink_to(tmp_path / "elsewhere")
    elif damage == "too short":
        key.write_bytes(b"short")
        os.chmod(key, 0o600)
    else:
        key.mkdir()
    report = api.validate(project, cache=True)
    assert report.ok and len(report.notes) == 1 and "the cache is not used" in report.notes[0]
    assert not (project / FOLDER).exists()


def test_a_home_where_no_key_can_be_made_runs_without_a_cache(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    as_user(monkeypatch, blocked)
    result = cli("validate", "--project", str(project))
    assert result.exit_code == 0 and "the cache is not used" in result.stderr


def test_a_cache_folder_without_permissions_does_not_stop_a_run(project: Path, parsed: set[str], monkeypatch: pytest.MonkeyPatch):
    (project / FOLDER).mkdir()
    os.chmod(project / FOLDER, 0)
    if os.geteuid() == 0:  # root ignores permissions: have the folder refuse as it would anyone else
        real_stat = os.stat

        def refusing(path, *args, **kwargs):
            if f"{FOLDER}{os.sep}" in os.fspath(path):
                raise PermissionError(13, "Permission denied", os.fspath(path))
            return real_stat(path, *args, **kwargs)

        monkeypatch.setattr(os, "stat", refusing)
    try:
        result = cli("validate", "--project", str(project))
        assert result.exit_code == 0, result.output
        assert parsed == EVIDENCE
    finally:
        os.chmod(project / FOLDER, 0o755)


def test_a_cache_with_damaged_pages_is_rebuilt(project: Path, parsed: set[str]):
    """The first page intact (so sqlite opens it), the tables' pages overwritten."""
    expected = api.validate(project, cache=True)
    database = project / FOLDER / DATABASE
    with sqlite3.connect(database) as connection:  # a page per entry at least, so that damage is found on use
        (page_size,) = connection.execute("PRAGMA page_size").fetchone()
    connection.close()
    with open(database, "r+b") as file:
        size = file.seek(0, os.SEEK_END)
        assert size >= 2 * page_size
        file.seek(page_size)
        file.write(b"\xff" * (size - page_size))
    parsed.clear()
    damaged = api.validate(project, cache=True)
    assert damaged.to_dict() == expected.to_dict() and parsed == EVIDENCE
    assert any("damaged" in note and "rebuilds" in note for note in damaged.notes)
    api.validate(project, cache=True)  # rebuilds
    parsed.clear()
    rebuilt = api.validate(project, cache=True)
    assert parsed == set() and rebuilt.notes == [] and rebuilt.to_dict() == expected.to_dict()


def test_a_clean_run_has_no_notes(project: Path):
    assert api.validate(project, cache=True).notes == []
    assert api.validate(project, cache=True).notes == []
    assert json.loads(cli("validate", "--format", "json", "--project", str(project)).stdout)["ok"] is True
