"""The bad-input corpus: every broken project gives exactly its expected diagnostics.

Each folder of tests/fixtures/invalid/ is one case (see tests/corpus.py).  For
each, through the command line as a curator runs it: exit 1, the diagnostics
``path:line:col: CODE`` are exactly those of expected.txt, no traceback, fast,
nothing written, nothing run.
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corpus import cases, expected, build
from scorecard import api
from scorecard.cli import app
from scorecard.diagnostics import CATALOGUE

runner = CliRunner()
DIAGNOSTIC = re.compile(r"^(?P<path>\S[^:]*):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]\d{3}) ", re.M)
SLOW = 5.0  # seconds; each case takes well under 0.1 s, the margin is for loaded CI machines
SENTINEL = "scorecard-pwned"  # what the os.system payload of yaml-python-object-apply would create


def _snapshot(root: Path) -> dict[str, tuple[int, int, int]]:
    """(mode, size, mtime) of every entry, links not followed and nothing read.

    The project's evidence cache (.scorecard-cache/, tested in test_cache.py) is left
    out, and so are the size and mtime of folders, which change when it is made; what
    is in every folder is compared entry by entry anyway."""
    found = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = [name for name in dirs if name != ".scorecard-cache"]
        for name in dirs + files:
            path = os.path.join(folder, name)
            try:
                st = os.lstat(path)
            except OSError:  # deeper than PATH_MAX (folder-cannot-be-listed): nothing can reach it by path
                continue
            found[os.path.relpath(path, root)] = (st.st_mode, 0, 0) if stat.S_ISDIR(st.st_mode) else (st.st_mode, st.st_size, st.st_mtime_ns)
    return found


def test_the_base_project_is_valid():
    from corpus import BASE

    assert api.validate(BASE).diagnostics == []


def test_the_corpus_is_large_and_covers_every_code_it_can():
    all_codes = {code for case in cases() for (_, _, _, code) in expected(case)}
    assert len(cases()) >= 60
    # Y015 (a folder that cannot be listed) needs permissions the tests' root user ignores:
    # test_hostile_names.py triggers it where the folder is listed.
    assert all_codes | {"Y015"} == set(CATALOGUE), f"codes no case triggers: {sorted(set(CATALOGUE) - all_codes)}"


POSIX_ONLY = {"source-symlink-out", "source-seeds-folder-link-out", "yaml-link-out", "folder-link-out", "yaml-not-regular-file"}


@pytest.mark.parametrize("case", cases())
def test_case_gives_its_expected_diagnostics(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    if case in POSIX_ONLY and os.name != "posix":
        pytest.skip("symbolic links and FIFOs")
    root = build(case, tmp_path / "project")
    monkeypatch.chdir(tmp_path)  # where an executed payload would write
    before = _snapshot(tmp_path)
    start = time.perf_counter()
    result = runner.invoke(app, ["validate", "--project", str(root)])
    elapsed = time.perf_counter() - start
    output = result.output
    assert "Traceback" not in output, output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 1, output
    found = {(m["path"], int(m["line"]), int(m["col"]), m["code"]) for m in DIAGNOSTIC.finditer(output)}
    assert found == expected(case), output
    assert elapsed < SLOW, f"{case} took {elapsed:.2f} s"
    assert _snapshot(tmp_path) == before  # nothing written, nothing touched
    assert not (tmp_path / SENTINEL).exists()


@pytest.mark.parametrize(
    ("case", "code", "limit_mib"),
    [("yaml-too-large-100mb", "Y004", 20), ("source-too-large", "F005", 10)],
    ids=["a 100 MB evidence file", "a 17 MB seed"],
)
def test_an_oversized_file_is_refused_without_being_read(tmp_path: Path, case: str, code: str, limit_mib: int):
    root = build(case, tmp_path / "project")
    tracemalloc.start()
    try:
        report = api.validate(root)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [d.code for d in report.diagnostics] == [code]
    assert peak < limit_mib * 1024 * 1024, f"peak {peak / 2**20:.0f} MiB: the file was read"


def _scorecard(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "scorecard", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=60)


def test_as_a_new_user_a_python_tag_runs_nothing_and_is_reported(tmp_path: Path):
    root = build("yaml-python-object-apply", tmp_path / "project")
    run = _scorecard("validate", cwd=root)
    assert run.returncode == 1
    assert 'evidence/peru/2017.yaml:5:12: Y008 tag "!!python/object/apply:os.system" is not allowed' in run.stdout  # findings are the output
    assert "Traceback" not in run.stderr + run.stdout
    assert not (root / SENTINEL).exists()


def test_as_a_new_user_a_source_pointing_at_etc_passwd_is_reported_and_not_read(tmp_path: Path):
    root = build("source-dotdot", tmp_path / "project")
    run = _scorecard("validate", cwd=root)
    assert run.returncode == 1
    assert 'seeds/sources.yaml:9:11: F003 source file "../../etc/passwd" climbs out of seeds/ with ..; it was not read' in run.stdout
    # and no other command reads it either
    cite = _scorecard("cite", "tip-2018-peru-prosecution", "root:x:0:0:root", cwd=root)
    assert cite.returncode == 2 and "root:x:0" not in cite.stdout and "Traceback" not in cite.stderr


def test_a_file_linked_out_of_the_project_is_never_shown(tmp_path: Path):
    root = build("yaml-link-out", tmp_path / "project")
    run = _scorecard("validate", "--format", "json", cwd=root)
    assert run.returncode == 1 and "root:" not in run.stdout
