"""Writes never lose someone else's work nor replace what is not a regular file (issue 12,
defect 9 and the lower-severity items of 11 about writing)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corpus import BASE
from scorecard import fix
from scorecard.cli import app
from test_fix import EVIDENCE, FIXED, HAND_TYPED, project  # noqa: F401 (project: the fixture of hand-typed quotes)

runner = CliRunner()


SAVED_MEANWHILE = HAND_TYPED.replace("value: 8  # years", "value: 9  # years, saved while fix ran")


def test_a_file_saved_while_fix_runs_is_left_as_saved_and_fix_fails(project: Path, monkeypatch: pytest.MonkeyPatch):
    # The probe's: the curator's save was overwritten with the plan made from the old bytes,
    # and fix reported success.
    real_plan = fix.plan

    def plan_then_someone_saves(*args, **kwargs):
        report = real_plan(*args, **kwargs)
        (project / EVIDENCE).write_text(SAVED_MEANWHILE, encoding="utf-8")
        return report

    monkeypatch.setattr(fix, "plan", plan_then_someone_saves)
    result = runner.invoke(app, ["fix", "--project", str(project)])
    assert result.exit_code == 1, result.output
    assert (project / EVIDENCE).read_text(encoding="utf-8") == SAVED_MEANWHILE
    assert f"{EVIDENCE}: not repaired: {EVIDENCE} changed since it was read" in result.output
    assert "Traceback" not in result.output


def test_the_check_is_made_just_before_the_replace(project: Path, monkeypatch: pytest.MonkeyPatch):
    # A save that lands while the new text is being written (after planning) is kept too.
    report = fix.plan(project)
    real_fsync = os.fsync

    def fsync_then_someone_saves(descriptor: int) -> None:
        real_fsync(descriptor)
        if (project / EVIDENCE).read_text(encoding="utf-8") == HAND_TYPED:
            (project / EVIDENCE).write_text(SAVED_MEANWHILE, encoding="utf-8")

    monkeypatch.setattr(os, "fsync", fsync_then_someone_saves)
    written, refused = fix.apply(report)
    assert written == [] and [path for path, _ in refused] == [EVIDENCE]
    assert (project / EVIDENCE).read_text(encoding="utf-8") == SAVED_MEANWHILE
    assert not [p for p in (project / EVIDENCE).parent.iterdir() if p.name.endswith(".tmp")]


def test_an_unchanged_file_is_still_fixed(project: Path):
    written, refused = fix.apply(fix.plan(project))
    assert (written, refused) == ([EVIDENCE], [])
    assert (project / EVIDENCE).read_text(encoding="utf-8") == FIXED


def test_fix_does_not_rewrite_a_read_only_file(project: Path):
    path = project / EVIDENCE
    path.chmod(0o444)
    result = runner.invoke(app, ["fix", "--project", str(project)])
    assert result.exit_code == 1, result.output
    assert path.read_text(encoding="utf-8") == HAND_TYPED
    assert f"{EVIDENCE} is read-only" in result.output
    assert (path.stat().st_mode & 0o777) == 0o444


def test_fix_dry_run_shows_bidirectional_controls_rather_than_obeying_them(project: Path):
    # A source's words in the diff: a right-to-left override would reorder the terminal's line.
    text = (project / EVIDENCE).read_text(encoding="utf-8")
    (project / EVIDENCE).write_text(text.replace("# typed by hand", "# typed by \u202ehand\u202c"), encoding="utf-8")
    result = runner.invoke(app, ["fix", "--dry-run", "--project", str(project)])
    assert result.exit_code == 0, result.output
    assert "\u202e" not in result.stdout and "\u202c" not in result.stdout
    assert "typed by \ufffdhand\ufffd" in result.stdout


@pytest.mark.skipif(os.name != "posix", reason="FIFOs and symbolic links")
@pytest.mark.parametrize("kind", ["fifo", "symlink", "folder"])
def test_memo_output_refuses_what_is_not_a_regular_file(tmp_path: Path, kind: str):
    # The probe's: `-o /dev/null` as root would have replaced /dev/null with a regular file.
    project = tmp_path / "clean"
    shutil.copytree(BASE, project)
    target = tmp_path / "memo.md"
    elsewhere = tmp_path / "precious.md"
    elsewhere.write_text("keep me\n", encoding="utf-8")
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "symlink":
        target.symlink_to(elsewhere)
    else:
        target.mkdir()
    result = runner.invoke(app, ["memo", "demo", "--year", "2017", "--output", str(target), "--project", str(project)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert any(why in result.output for why in ("not a regular file", "is a symbolic link", "is a directory")), result.output
    assert elsewhere.read_text(encoding="utf-8") == "keep me\n"
    assert target.is_symlink() if kind == "symlink" else (target.is_fifo() if kind == "fifo" else target.is_dir())
