"""``scorecard fix``: the one command that writes data files — precisely, atomically, or not at all."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corpus import BASE
from scorecard import api, fix, safe_write
from scorecard.cli import app

runner = CliRunner()
EVIDENCE = "evidence/peru/2014.yaml"

# Quotes typed by hand: a straight apostrophe for the source's ’, "anti-trafficking"
# where the PDF text splits "anti- trafficking", and a quote the source holds twice.
HAND_TYPED = """\
# Facts for 2014, typed from the 2015 Report.
country: PER
year: 2014
facts:
  - indicator: legal.penalty_min_years
    value: 8  # years
    citations:
      - source: tip-2015-peru
        quote: prescribing penalties of eight to 25 years' imprisonment   # typed by hand
  - indicator: prosecution.specialized_police_officers
    value: not_reported
    note: the Report gives no figure
    citations:
      - source: tip-2015-peru
        quote: >-
          increased staff in the anti-trafficking
          police unit
  - indicator: prosecution.convictions
    value: not_reported
    citations:
      # said twice in the Report: within the country, and abroad
      - {source: tip-2015-peru, quote: exploited in sex trafficking}
"""

FIXED = """\
# Facts for 2014, typed from the 2015 Report.
country: PER
year: 2014
facts:
  - indicator: legal.penalty_min_years
    value: 8  # years
    citations:
      - source: tip-2015-peru
        quote: prescribing penalties of eight to 25 years’ imprisonment   # typed by hand
  - indicator: prosecution.specialized_police_officers
    value: not_reported
    note: the Report gives no figure
    citations:
      - source: tip-2015-peru
        quote: >-
          increased staff in the anti- trafficking
          police unit
  - indicator: prosecution.convictions
    value: not_reported
    citations:
      # said twice in the Report: within the country, and abroad
      - {source: tip-2015-peru, quote: exploited in sex trafficking, suffix: within}
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(BASE, root)
    (root / EVIDENCE).write_text(HAND_TYPED, encoding="utf-8")
    return root


def _state(root: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(root.rglob("*")) if p.is_file()}


def _run(*args: str):
    return runner.invoke(app, ["fix", *args])


def test_the_hand_typed_file_has_citation_problems_to_start_with(project: Path):
    codes = {(d.path, d.code) for d in api.validate(project).diagnostics}
    assert codes == {(EVIDENCE, "C002")}  # normalised matches pass; fix makes them verbatim


def test_fix_rewrites_to_the_source_words_and_pins_ambiguous_quotes(project: Path):
    result = _run("--project", str(project))
    assert result.exit_code == 0, result.output
    assert (project / EVIDENCE).read_text(encoding="utf-8") == FIXED
    assert api.validate(project).ok
    assert "pins the quote to the first of its 2 places (seeds/tip-2015-peru.txt:14)" in result.output
    assert "repaired 3 citation(s) in 1 file(s)" in result.output


def test_a_quote_found_only_normalised_gets_the_verbatim_words(project: Path):
    report = fix.plan(project)
    text = report.files[0].after
    assert "years’ imprisonment" in text and "anti- trafficking" in text
    # matching is unchanged: the rewritten quotes are found verbatim now
    loaded_text = api.cite(project, "tip-2015-peru", "prescribing penalties of eight to 25 years’ imprisonment")
    assert loaded_text.status == "found" and loaded_text.places[0].exact


def test_an_ambiguous_quote_in_block_style_gets_a_suffix_line(project: Path):
    (project / EVIDENCE).write_text(
        "country: PER\nyear: 2014\nfacts:\n  - indicator: prosecution.convictions\n    value: 1\n"
        "    citations:\n      - source: tip-2015-peru\n        quote: exploited in sex trafficking  # twice\n"
        "        # the one about women and girls\n",
        encoding="utf-8",
    )
    fix.apply(fix.plan(project))
    assert (project / EVIDENCE).read_text(encoding="utf-8") == (
        "country: PER\nyear: 2014\nfacts:\n  - indicator: prosecution.convictions\n    value: 1\n"
        "    citations:\n      - source: tip-2015-peru\n        quote: exploited in sex trafficking  # twice\n"
        "        suffix: within\n        # the one about women and girls\n"
    )
    assert api.validate(project).ok


def test_a_quote_no_context_can_single_out_is_reported_not_guessed(project: Path):
    line = "The government reported 865 anti-trafficking operations.\n"
    (project / "seeds/repeated.txt").write_text(line * 20, encoding="utf-8")
    digest = hashlib.sha256((line * 20).encode()).hexdigest()
    with open(project / "seeds/sources.yaml", "a", encoding="utf-8") as stream:
        stream.write(f"\n  - id: repeated\n    file: repeated.txt\n    title: t\n    publisher: p\n    sha256: {digest}\n")
    text = "country: PER\nyear: 2014\nfacts:\n  - indicator: prosecution.operations\n    value: 865\n    citations:\n      - {source: repeated, quote: The government reported 865 anti-trafficking operations.}\n"
    (project / EVIDENCE).write_text(text, encoding="utf-8")
    before = _state(project)
    result = _run("--project", str(project))
    assert result.exit_code == 1
    assert "occurs 20 times" in result.output and "quote more words" in result.output
    assert _state(project) == before


def test_files_with_nothing_to_fix_are_untouched_byte_for_byte(project: Path):
    before = _state(project)
    assert _run("--project", str(project)).exit_code == 0
    after = _state(project)
    assert after.pop(EVIDENCE) != before.pop(EVIDENCE)
    assert after == before  # same bytes, same modification times
    again = _state(project)
    assert _run("--project", str(project)).exit_code == 0  # a second run has nothing to do
    assert _state(project) == again


def test_dry_run_prints_a_unified_diff_and_writes_nothing(project: Path):
    before = _state(project)
    result = _run("--dry-run", "--project", str(project))
    assert result.exit_code == 0
    assert _state(project) == before
    assert f"--- a/{EVIDENCE}\n+++ b/{EVIDENCE}\n" in result.stdout
    assert "-        quote: prescribing penalties of eight to 25 years' imprisonment   # typed by hand\n" in result.stdout
    assert "+        quote: prescribing penalties of eight to 25 years’ imprisonment   # typed by hand\n" in result.stdout
    assert "nothing written (--dry-run)" in result.output


def test_only_the_files_named_are_fixed(project: Path):
    (project / "evidence/peru/2013.yaml").write_text(HAND_TYPED.replace("2014", "2013"), encoding="utf-8")
    before = _state(project)
    assert _run("--project", str(project), str(project / "evidence/peru/2013.yaml")).exit_code == 0
    assert _state(project)[EVIDENCE] == before[EVIDENCE]
    assert (project / "evidence/peru/2013.yaml").read_text(encoding="utf-8") == FIXED.replace("2014", "2013")


def test_a_path_outside_the_project_is_a_usage_error(project: Path, tmp_path: Path):
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("x: 1\n", encoding="utf-8")
    result = _run("--project", str(project), str(outside))
    assert result.exit_code == 2 and "is not a file of the project" in result.output


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_an_interrupted_write_leaves_the_original_intact_and_no_temporary_file(project: Path, monkeypatch: pytest.MonkeyPatch, failing: str):
    original = (project / EVIDENCE).read_bytes()
    real_fsync = os.fsync

    def crash(*args, **kwargs):
        raise OSError(5, "Input/output error")

    if failing == "fsync":  # the data never reached the disk
        monkeypatch.setattr(safe_write.os, "fsync", crash)
    else:  # the rename never happened
        monkeypatch.setattr(safe_write.os, "replace", crash)
    result = _run("--project", str(project))
    monkeypatch.setattr(safe_write.os, "fsync", real_fsync)
    assert result.exit_code == 2, result.output
    assert "cannot write" in result.output and "each file is either wholly repaired or as it was" in result.output
    assert (project / EVIDENCE).read_bytes() == original
    assert not [p for p in (project / "evidence/peru").iterdir() if p.name.startswith(".")]


def test_an_interrupted_write_of_several_files_leaves_each_whole(project: Path, monkeypatch: pytest.MonkeyPatch):
    # Each file is replaced whole or not at all, even if the second write fails.
    (project / "evidence/peru/2013.yaml").write_text(HAND_TYPED.replace("2014", "2013"), encoding="utf-8")
    real_replace = os.replace
    calls = []

    def replace_once(src, dst):
        calls.append(dst)
        if len(calls) > 1:
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(safe_write.os, "replace", replace_once)
    assert _run("--project", str(project)).exit_code == 2
    texts = {(project / p).read_text(encoding="utf-8") for p in ("evidence/peru/2013.yaml", EVIDENCE)}
    assert texts == {FIXED.replace("2014", "2013"), HAND_TYPED}
    assert not list((project / "evidence/peru").glob(".*.tmp"))


def test_line_endings_and_permissions_are_kept(project: Path):
    crlf = HAND_TYPED.replace("\n", "\r\n")
    (project / EVIDENCE).write_bytes(crlf.encode("utf-8"))
    os.chmod(project / EVIDENCE, 0o640)
    assert _run("--project", str(project)).exit_code == 0
    assert (project / EVIDENCE).read_bytes() == FIXED.replace("\n", "\r\n").encode("utf-8")
    assert (project / EVIDENCE).stat().st_mode & 0o777 == 0o640


def test_a_multi_line_quoted_scalar_keeps_its_line_breaks(project: Path):
    text = (
        "country: PER\nyear: 2014\nfacts:\n  - indicator: prosecution.convictions\n    value: 1\n    citations:\n"
        '      - source: tip-2015-peru\n        quote: "The government opened a dedicated shelter for child sex\n'
        '          trafficking victims, increased staff in the anti-trafficking police unit"\n'
    )
    (project / EVIDENCE).write_text(text, encoding="utf-8")
    fix.apply(fix.plan(project))
    assert (project / EVIDENCE).read_text(encoding="utf-8") == text.replace("anti-trafficking", "anti- trafficking")
    assert api.validate(project).ok


def test_a_tampered_source_is_never_quoted_from(project: Path):
    seed = project / "seeds/tip-2015-peru.txt"
    seed.write_bytes(seed.read_bytes() + b"\n")
    before = _state(project)
    result = _run("--project", str(project))
    assert result.exit_code == 0
    assert _state(project) == before


def test_folded_quotes_of_the_real_dataset_come_back_byte_for_byte(tmp_path: Path):
    """Fold every typographic character of every quote to ASCII, fix, and get the files back."""
    repository = Path(__file__).resolve().parent.parent
    original = tmp_path / "original"
    original.mkdir()
    for part in ("scorecard.yaml", "seeds", "rules", "evidence"):
        source = repository / part
        (shutil.copytree if source.is_dir() else shutil.copyfile)(source, original / part)
    fix.apply(fix.plan(original))  # the dataset as fix leaves it (normally: unchanged)
    folded = tmp_path / "folded"
    shutil.copytree(original, folded)
    table = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "—": "-", "–": "-"})
    changed = 0
    for path in sorted(folded.rglob("*.yaml")):
        lines = path.read_text(encoding="utf-8").split("\n")
        block = None  # the indentation of a `quote: >-` key whose content lines follow
        for i, line in enumerate(lines):
            indent, stripped = len(line) - len(line.lstrip()), line.lstrip()
            if block is not None and (indent <= block and stripped):
                block = None
            value = stripped[len("quote:") :].lstrip()
            if stripped.startswith("quote:") and value[:1] in (">", "|"):
                block = indent
            elif block is not None or (stripped.startswith("quote:") and value[:1] not in ("'", '"')):
                lines[i] = line.translate(table)  # a plain quote or a block quote's content
                changed += lines[i] != line
        path.write_text("\n".join(lines), encoding="utf-8")
    assert changed > 0
    fix.apply(fix.plan(folded))
    for path in sorted(original.rglob("*.yaml")):
        relative = path.relative_to(original)
        assert (folded / relative).read_bytes() == path.read_bytes(), relative
