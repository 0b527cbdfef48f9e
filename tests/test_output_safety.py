"""Text from data files cannot break or inject into any output, end to end through the CLI.

A valid project whose titles, texts, notes, source catalogue and even a seed hold
hostile text: Markdown pipes and newlines, HTML, LaTeX commands and specials,
spreadsheet formulas, terminal escapes and bidirectional overrides.  Every
command and format renders it as inert text.  (The escapers' own unit tests are
in the renderers' tests; this checks that every path from data to output uses them.)
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corpus import BASE
from scorecard import api
from scorecard.cli import app

runner = CliRunner()

# A seed whose own words are hostile; the evidence quotes them.
SEED = (
    "Officials said: <script>alert('seed')</script> | =HYPERLINK(\"http://evil.example\") "
    "\\input{/etc/passwd} costs $5 & 100% #tag ~home ^up {brace} \x1b[2J\x1b]0;pwned\x07 end.\n"
    "A second line with a bidi override \u202egnp.exe\u202c and a pipe | here.\n"
)
# The quote: the seed's first line, the terminal escapes written as YAML escapes.
QUOTE = (
    "Officials said: <script>alert('seed')</script> | =HYPERLINK(\\\"http://evil.example\\\") "
    "\\\\input{/etc/passwd} costs $5 & 100% #tag ~home ^up {brace} \\e[2J\\e]0;pwned\\a end."
)
TITLE = "=1+1 <script>alert(1)</script> | \\\\input{x} $ \\e[31m"  # YAML double-quoted escapes


def _hostile(root: Path) -> None:
    (root / "seeds/hostile.txt").write_text(SEED, encoding="utf-8")
    digest = hashlib.sha256(SEED.encode()).hexdigest()
    with open(root / "seeds/sources.yaml", "a", encoding="utf-8") as stream:
        stream.write(
            f'\n  - id: hostile\n    file: hostile.txt\n    title: "<script>alert(\'title\')</script> $\\\\input{{y}}$ | =2"\n'
            f'    publisher: "@SUM(A1) <b>bold</b>\\nsecond line"\n    url: "https://example.org/?q=<script>&x=\\"y\\""\n'
            f"    sha256: {digest}\n"
        )
    ruleset = (root / "rules/demo/demo.yaml").read_text(encoding="utf-8")
    ruleset = ruleset.replace("title: Demo recommendations", f'title: "{TITLE}"')
    ruleset = ruleset.replace("title: Convict traffickers", 'title: "+SUM(A1) | <b>x</b>\\ny \\u202e"')
    ruleset = ruleset.replace("title: Improve data collection", "title: \"@cmd|' /C calc'!A0\"")
    ruleset = ruleset.replace("text: improve data collection", 'text: "-2+3 <img src=x onerror=alert(1)> \\\\section{x} | a\\n\\n# heading"')
    ruleset = ruleset.replace("description: Sentences are reported.", 'description: "<iframe src=javascript:alert(1)> | \\\\def\\\\x{} =A1"')
    (root / "rules/demo/demo.yaml").write_text(ruleset, encoding="utf-8")
    evidence = (root / "evidence/peru/2017.yaml").read_text(encoding="utf-8")
    evidence = evidence.replace(
        "    note: 7.5 million soles\n",
        '    note: "=cmd <script>x</script> | \\\\end{document} \\e[2J"\n',
    ).replace(
        "      - {source: tip-2018-peru-prosecution, quote: poor communication and coordination between police and prosecutors}\n",
        "      - {source: tip-2018-peru-prosecution, quote: poor communication and coordination between police and prosecutors}\n"
        f'      - source: hostile\n        quote: "{QUOTE}"\n',
    )
    (root / "evidence/peru/2017.yaml").write_text(evidence, encoding="utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile") / "project"
    shutil.copytree(BASE, root)
    _hostile(root)
    report = api.validate(root)
    assert report.ok, [str(d) for d in report.diagnostics]
    return root


def _run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return result.stdout


def _inert_for_a_terminal(out: str) -> None:
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", out), "a control character got through"


def _unescaped_pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", line))


def _markdown_tables_hold(out: str) -> None:
    """Every row of every pipe table has as many cells as its header."""
    rows = [line for line in out.split("\n") if line.startswith("|")]
    assert rows, out
    widths = {_unescaped_pipes(row) for row in rows}
    assert len(widths) == 1, "\n".join(rows)


def _no_html_from_data(out: str) -> None:
    assert not re.search(r"<\s*(script|img|iframe|b)\b", out, re.I), out
    assert "alert(" not in out or "&lt;script&gt;" in out  # where data shows, it shows as text


def _no_latex_from_data(out: str) -> None:
    for command in ("\\input{", "\\section{", "\\def", "\\end{document}"):
        assert command not in out, command
    assert "\\textbackslash{}input\\{" in out


def _no_formula_cells(out: str) -> None:
    for row in csv.reader(io.StringIO(out)):
        for cell in row:
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                float(cell)  # only a number may start so


@pytest.mark.parametrize("command", [["evaluate"], ["progress", "demo"], ["coverage"]])
def test_markdown_tables_keep_their_shape(project: Path, command: list[str]):
    for fmt in ("markdown", "github"):
        out = _run(*command, "--format", fmt, "--project", str(project))
        _inert_for_a_terminal(out)
        _markdown_tables_hold(out)
        assert "<script>" not in out


@pytest.mark.parametrize("command", [["evaluate"], ["progress", "demo"], ["coverage"]])
def test_html_tables_carry_no_markup_from_data(project: Path, command: list[str]):
    out = _run(*command, "--format", "html", "--project", str(project))
    _inert_for_a_terminal(out)
    _no_html_from_data(out)


def test_latex_tables_carry_no_commands_from_data(project: Path):
    out = _run("evaluate", "--format", "latex", "--project", str(project))
    _inert_for_a_terminal(out)
    _no_latex_from_data(out)
    assert "\\$" in out and "\\textbar{}" in out


@pytest.mark.parametrize("command", [["evaluate"], ["progress", "demo"], ["coverage"]])
def test_csv_cells_never_start_a_formula(project: Path, command: list[str]):
    out = _run(*command, "--format", "csv", "--project", str(project))
    _inert_for_a_terminal(out)
    _no_formula_cells(out)
    assert "'+SUM(A1)" in out or command == ["coverage"]  # the title, defused (coverage shows ids only)


@pytest.mark.parametrize("command", [["evaluate"], ["progress", "demo"], ["coverage"], ["explain", "demo", "R1"]])
def test_plain_text_cannot_drive_the_terminal(project: Path, command: list[str]):
    out = _run(*command, "--project", str(project))
    _inert_for_a_terminal(out)


def test_json_keeps_the_data_exactly_and_stays_json(project: Path):
    out = _run("evaluate", "--format", "json", "--project", str(project))
    data = json.loads(out)
    assert data["title"].startswith("=1+1 <script>alert(1)</script> | \\input{x} $ \x1b[31m")  # data, not markup
    assert "\x1b" not in out  # json escapes it as \u001b


def test_the_markdown_memo_is_inert(project: Path):
    out = _run("memo", "demo", "--year", "2017", "--project", str(project))
    _inert_for_a_terminal(out)
    assert not re.search(r"(?<!\\)<\s*(script|img|iframe|b)\b", out, re.I)  # only escaped: \<script\>
    assert "\\<script\\>" in out
    assert not re.search(r"^#+ .*heading", out, re.M)  # data cannot open a heading
    _markdown_tables_hold(out.split("\n\n## ")[0] if "\n\n## " in out else out)


def test_the_html_memo_is_inert(project: Path, tmp_path: Path):
    target = tmp_path / "memo.html"
    _run("memo", "demo", "--year", "2017", "--output", str(target), "--project", str(project))
    out = target.read_text(encoding="utf-8")
    _inert_for_a_terminal(out)
    _no_html_from_data(out)
    for href in re.findall(r'href="([^"]*)"', out):
        assert not href.lower().startswith("javascript:"), href


def test_diagnostics_cannot_drive_the_terminal(project: Path, tmp_path: Path):
    broken = tmp_path / "broken"
    shutil.copytree(project, broken)
    evidence = broken / "evidence/peru/2017.yaml"
    evidence.write_text(evidence.read_text(encoding="utf-8").replace("end.", "the end.\\e[2J"), encoding="utf-8")
    result = runner.invoke(app, ["validate", "--project", str(broken)])
    assert result.exit_code == 1 and "C001" in result.output
    _inert_for_a_terminal(result.output)
