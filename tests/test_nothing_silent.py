"""What used to pass in silence now fails loudly: a code, ``path:line:col`` and a hint.

Each test is one of the silent cases issue 11 found while curating a new year, run
through the command line as a curator runs it, on the small base project of the
bad-input corpus (never the shipped dataset).
"""

from __future__ import annotations

import os
import re
import shutil
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corpus import BASE
from scorecard.cli import app

runner = CliRunner()


def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(BASE, root)
    return root


def validate(root: Path) -> tuple[int, str]:
    result = runner.invoke(app, ["validate", "--no-cache", "--project", str(root)])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def diagnostic(output: str, place: str, code: str) -> tuple[str, str]:
    """The message and hint of the diagnostic ``place: code`` in the output (which must be there)."""
    found = re.search(rf"^{re.escape(place)}: {code} (?P<message>.*)\n  hint: (?P<hint>.*)$", output, re.M)
    assert found, f"no {place}: {code} with a hint in:\n{output}"
    return found["message"], found["hint"]


def test_a_second_file_for_one_country_and_year_is_an_error_naming_both(tmp_path: Path):
    root = project(tmp_path)
    (root / "evidence/aaa").mkdir()
    shutil.copy(root / "evidence/peru/2017.yaml", root / "evidence/aaa/2017.yaml")
    code, output = validate(root)
    assert code == 1
    message, hint = diagnostic(output, "evidence/peru/2017.yaml:3:7", "R020")
    assert "evidence/aaa/2017.yaml" in message and "evidence/peru/2017.yaml" in message and "PER for 2017" in message
    assert "merge" in hint
    message, hint = diagnostic(output, "evidence/peru/2016.yaml:2:10", "R021")
    assert "evidence/aaa/" in message and "evidence/peru/" in message


def test_a_country_year_given_twice_cannot_be_evaluated(tmp_path: Path):
    root = project(tmp_path)
    (root / "evidence/aaa").mkdir()
    (root / "evidence/aaa/2017.yaml").write_text((root / "evidence/peru/2017.yaml").read_text().replace("value: 33", "value: 999"))
    result = runner.invoke(app, ["evaluate", "--no-cache", "--project", str(root), "--format", "json"])
    assert result.exit_code == 1 and "R020" in result.output and "999" not in result.stdout


def test_the_cache_does_not_hide_a_second_file_for_a_country_year(tmp_path: Path):
    root = project(tmp_path)
    assert runner.invoke(app, ["validate", "--project", str(root)]).exit_code == 0  # fills the cache
    (root / "evidence/aaa").mkdir()
    shutil.copy(root / "evidence/peru/2017.yaml", root / "evidence/aaa/2017.yaml")
    result = runner.invoke(app, ["validate", "--project", str(root)])
    assert result.exit_code == 1
    diagnostic(result.output, "evidence/peru/2017.yaml:3:7", "R020")


@pytest.mark.parametrize("name", ["evidence/peru/2018.yml", "evidence/peru/2018.YAML", "rules/demo/demo2.yml", "rules/demo/README.txt"])
def test_a_file_the_loader_would_skip_is_reported(tmp_path: Path, name: str):
    root = project(tmp_path)
    (root / name).write_text("country: PER\nyear: 2018\nfacts: []\n")
    code, output = validate(root)
    assert code == 1
    _, hint = diagnostic(output, f"{name}:0:0", "P003")
    if name.lower().endswith((".yml", ".yaml")):
        assert hint == f"rename it to {Path(name).stem}.yaml"


def test_hidden_files_are_not_stray(tmp_path: Path):
    root = project(tmp_path)
    (root / "evidence/peru/.gitkeep").write_text("")
    (root / "rules/.DS_Store").write_bytes(b"\0")
    assert validate(root)[0] == 0


def test_a_later_fact_citing_an_earlier_report_is_an_error_with_a_fitting_source(tmp_path: Path):
    root = project(tmp_path)
    path = root / "evidence/peru/2017.yaml"
    path.write_text(path.read_text() + """  - indicator: legal.penalty_min_years
    value: 8.0
    citations:
      - source: tip-2015-peru
        quote: prescribing penalties of eight to 25 years’ imprisonment
""")
    code, output = validate(root)
    assert code == 1
    message, hint = diagnostic(output, "evidence/peru/2017.yaml:40:17", "R022")
    assert "covers 2014-04 to 2015-03" in message and "2017" in message
    assert '"tip-2018-peru-prosecution"' in hint


def test_a_figure_for_an_earlier_year_may_cite_a_later_report(tmp_path: Path):
    root = project(tmp_path)  # 2016.yaml cites the 2018 Report for 764 operations in 2016
    assert "tip-2018-peru-prosecution" in (root / "evidence/peru/2016.yaml").read_text()
    assert validate(root)[0] == 0


def test_a_tampered_seed_prints_both_full_hashes(tmp_path: Path):
    root = project(tmp_path)
    seed = root / "seeds/tip-2015-peru.txt"
    seed.write_bytes(seed.read_bytes() + b" ")
    code, output = validate(root)
    message, _ = diagnostic(output, "seeds/sources.yaml:10:13", "F002")
    assert len(re.findall(r"\b[0-9a-f]{64}\b", message)) == 2, message


def test_a_number_written_with_words_gets_the_number_hint_not_not_reported(tmp_path: Path):
    root = project(tmp_path)
    path = root / "evidence/peru/2017.yaml"
    path.write_text(path.read_text().replace("value: 865", "value: 1600 victims"))
    _, hint = diagnostic(validate(root)[1], "evidence/peru/2017.yaml:6:12", "R003")
    assert hint == "write the number alone, `value: 1600`, and keep the words in `note`"
    assert "not_reported" not in hint


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ('"1,600"', "write it as a plain number, without quotes or separators: `value: 1600`"),
        ("unknown", "write not_reported (when the source says the government did not report it)"),
        ("865.0", "write 865 without the decimal point"),
        ("-865", "a figure cannot be negative; a fall shows when years are compared (op: decreased)"),
    ],
)
def test_each_wrong_count_gets_the_hint_of_its_mistake(tmp_path: Path, value: str, hint: str):
    root = project(tmp_path)
    path = root / "evidence/peru/2017.yaml"
    path.write_text(path.read_text().replace("value: 865", f"value: {value}"))
    assert diagnostic(validate(root)[1], "evidence/peru/2017.yaml:6:12", "R003")[1] == hint


def test_a_yaml_syntax_error_has_a_hint(tmp_path: Path):
    root = project(tmp_path)
    (root / "evidence/peru/2017.yaml").write_text("country: PER\nyear: 2017\nfacts:\n  - indicator: 'prosecution.convictions\n")
    _, hint = diagnostic(validate(root)[1], "evidence/peru/2017.yaml:5:1", "Y001")
    assert "quote" in hint


def test_a_span_phrase_not_in_the_source_has_a_hint(tmp_path: Path):
    root = project(tmp_path)
    catalogue = root / "seeds/sources.yaml"
    catalogue.write_text(catalogue.read_text().replace('start: "PERU: Tier 2"', 'start: "PERU: Tier Two"'))
    _, hint = diagnostic(validate(root)[1], "seeds/sources.yaml:12:14", "F004")
    assert 'scorecard cite tip-2015-peru "PERU: Tier Two"' in hint


def test_fix_exits_1_while_a_quote_stays_unfound(tmp_path: Path):
    root = project(tmp_path)
    path = root / "evidence/peru/2017.yaml"
    path.write_text(path.read_text().replace("865 anti-trafficking operations", "866 anti-trafficking operations"))
    before = path.read_bytes()
    result = runner.invoke(app, ["fix", "--project", str(root)])
    assert result.exit_code == 1, result.output
    assert "only a person can repair it" in result.output
    assert path.read_bytes() == before


def test_memo_defaults_to_the_latest_year(tmp_path: Path):
    root = project(tmp_path)
    result = runner.invoke(app, ["memo", "demo", "--project", str(root)])
    assert result.exit_code == 0, result.output
    assert "2017" in result.stdout


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_a_written_memo_respects_the_umask(tmp_path: Path):
    root = project(tmp_path)
    old = os.umask(0o022)
    try:
        result = runner.invoke(app, ["memo", "demo", "--project", str(root), "--output", str(tmp_path / "memo.md")])
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE((tmp_path / "memo.md").stat().st_mode) == 0o644


def test_a_file_in_a_folder_naming_another_country_is_an_error(tmp_path: Path):
    root = project(tmp_path)
    (root / "rules/countries.yaml").write_text("countries:\n  - code: PER\n    names: {en: Peru, es: Perú}\n    currency: PEN\n", encoding="utf-8")
    (root / "evidence/peru").rename(root / "evidence/bolivia")
    code, output = validate(root)
    assert code == 1
    message, hint = diagnostic(output, "evidence/bolivia/2016.yaml:2:10", "R021")
    assert 'evidence/bolivia/ does not name country "PER" (Peru)' in message
    assert hint == "move it to evidence/peru/, or correct its country"


def test_a_folder_named_by_the_country_code_is_fine(tmp_path: Path):
    root = project(tmp_path)
    (root / "rules/countries.yaml").write_text("countries:\n  - code: PER\n    names: {en: Peru, es: Perú}\n    currency: PEN\n", encoding="utf-8")
    (root / "evidence/peru").rename(root / "evidence/per")
    assert validate(root)[0] == 0
