"""Renderers: exact output as snapshots, and the escaping each format promises.

Snapshots live in ``tests/snapshots/``.  After an intended change of output, regenerate
them with ``UPDATE_SNAPSHOTS=1 pytest tests/test_render.py`` and review the diff.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import render_samples as samples
from snapshot import check_snapshot as check_snapshot_in
from scorecard.models import Status
from scorecard.render import escape
from scorecard.render.explain import WIDTH, render_explanation
from scorecard.render.layout import TABLE_FORMATS
from scorecard.render.memo import render_memo_html, render_memo_markdown
from scorecard.render.tables import render_coverage, render_progress, render_scorecard

SNAPSHOTS = Path(__file__).parent / "snapshots"
EXTENSION = {"plain": "txt", "github": "md", "markdown": "md", "html": "html", "latex": "tex", "csv": "csv", "json": "json"}
TEXT_TABLE_FORMATS = ("plain", "github", "markdown", "html", "latex")


def check_snapshot(name: str, text: str) -> None:
    check_snapshot_in(SNAPSHOTS, name, text)


# Every rendering of every sample, by snapshot name.
RENDERINGS: dict[str, Callable[[], str]] = {}
for _fmt in TABLE_FORMATS:
    _ext = EXTENSION[_fmt]
    RENDERINGS[f"scorecard-{_fmt}.{_ext}"] = lambda f=_fmt: render_scorecard(samples.SCORECARD, f)
    RENDERINGS[f"progress-{_fmt}.{_ext}"] = lambda f=_fmt: render_progress(samples.PROGRESS, f)
    RENDERINGS[f"coverage-{_fmt}.{_ext}"] = lambda f=_fmt: render_coverage(samples.COVERAGE, f)
RENDERINGS["coverage-empty-plain.txt"] = lambda: render_coverage(samples.EMPTY_COVERAGE, "plain")
RENDERINGS["scorecard-unassessed-plain.txt"] = lambda: render_scorecard(samples.EMPTY_SCORECARD, "plain")
for _result in samples.SCORECARD.results:
    RENDERINGS[f"explain-{_result.id}.txt"] = lambda r=_result.id: render_explanation(samples.SCORECARD, r)
RENDERINGS["memo.md"] = lambda: render_memo_markdown(samples.SCORECARD, samples.SOURCES)
RENDERINGS["memo.html"] = lambda: render_memo_html(samples.SCORECARD, samples.SOURCES)
RENDERINGS["memo-unassessed.md"] = lambda: render_memo_markdown(samples.EMPTY_SCORECARD, samples.SOURCES)
RENDERINGS["memo-unassessed.html"] = lambda: render_memo_html(samples.EMPTY_SCORECARD, samples.SOURCES)


@pytest.mark.parametrize("name", sorted(RENDERINGS))
def test_snapshot(name: str) -> None:
    check_snapshot(name, RENDERINGS[name]())


def test_every_snapshot_is_rendered() -> None:
    """A stale snapshot file (renamed or removed rendering) is an error, not clutter."""
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        for path in SNAPSHOTS.iterdir():
            if path.name not in RENDERINGS:
                path.unlink()
    assert sorted(p.name for p in SNAPSHOTS.iterdir()) == sorted(RENDERINGS)


@pytest.mark.parametrize("name", sorted(RENDERINGS))
def test_rendering_is_deterministic(name: str) -> None:
    assert RENDERINGS[name]() == RENDERINGS[name]()


@pytest.mark.parametrize("render", [render_scorecard, render_progress, render_coverage])
def test_unknown_format_is_a_value_error_naming_the_formats(render: Callable[..., str]) -> None:
    sample = {render_scorecard: samples.SCORECARD, render_progress: samples.PROGRESS, render_coverage: samples.COVERAGE}
    with pytest.raises(ValueError, match="plain, github, markdown, html, latex, csv, json"):
        render(sample[render], "xlsx")


# --- JSON is the library's own result ---------------------------------------------------


@pytest.mark.parametrize(
    ("render", "result"),
    [
        (render_scorecard, samples.SCORECARD),
        (render_progress, samples.PROGRESS),
        (render_coverage, samples.COVERAGE),
    ],
)
def test_json_is_the_model_dump_unchanged(render: Callable[..., str], result) -> None:
    text = render(result, "json")
    assert text == json.dumps(result.model_dump(mode="json"), indent=2, ensure_ascii=False, sort_keys=False) + "\n"
    assert json.loads(text) == result.model_dump(mode="json")


# --- Markdown: the table keeps its shape ----------------------------------------------

_UNESCAPED_PIPE = re.compile(r"(?<!\\)(?:\\\\)*\|")


def _pipe_counts(markdown: str) -> set[int]:
    return {len(_UNESCAPED_PIPE.findall(line)) for line in markdown.splitlines() if line.startswith("|")}


def _with_title(title: str):
    results = [r.model_copy(update={"title": title, "id": title or "x"}) for r in samples.SCORECARD.results]
    return samples.SCORECARD.model_copy(update={"results": results})


NASTY_CELLS = ["a|b", "a\\|b", "a\\", "|", "\n|\n", "`|`", "a\\\\|b", "| -- |", "\\", "x\r\n| y |"]


@pytest.mark.parametrize("fmt", ["github", "markdown"])
@pytest.mark.parametrize("title", NASTY_CELLS)
def test_markdown_table_keeps_its_column_count(fmt: str, title: str) -> None:
    out = render_scorecard(_with_title(title), fmt)
    assert _pipe_counts(out) == {7}  # 6 columns
    assert len([line for line in out.splitlines() if line.startswith("|")]) == 2 + len(samples.SCORECARD.results)


@pytest.mark.parametrize("title", NASTY_CELLS)
def test_memo_table_keeps_its_column_count(title: str) -> None:
    out = render_memo_markdown(_with_title(title), samples.SOURCES)
    assert _pipe_counts(out) == {4}  # recommendation, verdict, criteria


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("|\\\n\r `*_-=[]<>#x "), max_size=12))
def test_markdown_cell_never_splits_a_row(text: str) -> None:
    row = f"| {escape.markdown_cell(text)} |"
    assert "\n" not in row
    assert len(_UNESCAPED_PIPE.findall(row)) == 2


def test_markdown_cannot_forge_footnotes_links_or_html() -> None:
    out = render_memo_markdown(samples.SCORECARD, samples.SOURCES)
    assert "\\[^1\\]" in out  # the quote's "[^1]" is text, not a reference
    assert "<script>" not in out
    assert "\\<script\\>" in out


def test_memo_markdown_footnotes_are_defined_and_numbered_in_order() -> None:
    out = render_memo_markdown(samples.SCORECARD, samples.SOURCES)
    body, _, notes = out.partition("\n[^1]: ")
    references = [int(n) for n in re.findall(r"(?<!\\)\[\^(\d+)\]", body)]
    definitions = [int(n) for n in re.findall(r"^\[\^(\d+)\]: ", "[^1]: " + notes, re.MULTILINE)]
    assert definitions == list(range(1, len(definitions) + 1))
    assert sorted(set(references)) == definitions
    first_uses = list(dict.fromkeys(references))
    assert first_uses == sorted(first_uses)


# --- HTML: nothing from data becomes markup --------------------------------------------

ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "h3", "p", "strong", "table", "thead",
    "tbody", "tr", "th", "td", "a", "span", "section", "blockquote", "ul", "ol", "li", "sup", "footer",
    "header", "div", "figure", "figcaption", "svg", "g", "rect", "text", "br",
}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.ids: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name == "id" and value:
                self.ids.append(value)
            if name == "href" and value:
                self.hrefs.append(value)


HTML_OUTPUTS = {
    "scorecard": lambda: render_scorecard(samples.SCORECARD, "html"),
    "progress": lambda: render_progress(samples.PROGRESS, "html"),
    "coverage": lambda: render_coverage(samples.COVERAGE, "html"),
    "memo": lambda: render_memo_html(samples.SCORECARD, samples.SOURCES),
}


@pytest.mark.parametrize("name", sorted(HTML_OUTPUTS))
def test_html_has_no_markup_from_data(name: str) -> None:
    out = HTML_OUTPUTS[name]()
    assert "<script" not in out.lower()
    if name in ("coverage", "memo"):  # the samples that carry the script
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    parser = _Tags()
    parser.feed(out)
    assert set(parser.tags) <= ALLOWED_TAGS


def test_memo_html_is_self_contained_and_printable() -> None:
    out = render_memo_html(samples.SCORECARD, samples.SOURCES)
    assert out.startswith("<!DOCTYPE html>\n")
    assert "@media print" in out
    assert "default-src 'none'" in out
    parser = _Tags()
    parser.feed(out)
    assert not re.search(r"<(link|script|img|iframe|object|embed)\b", out)
    assert "src=" not in out
    # Every in-page link has a target, ids are unique, external links are only sources' URLs.
    assert len(parser.ids) == len(set(parser.ids))
    internal = [h[1:] for h in parser.hrefs if h.startswith("#")]
    assert set(internal) <= set(parser.ids)
    assert {h for h in parser.hrefs if not h.startswith("#")} == {s.url for s in samples.SOURCES if s.url}
    # Footnotes: an ordered list, each with a back-link to each of its references.
    for note_id in (i for i in parser.ids if i.startswith("fn-")):
        assert f'href="#{note_id}"' in out
        assert re.search(rf'<li id="{note_id}">.*href="#fnref-{note_id[3:]}-1"', out)


def test_memo_html_shows_status_as_text_and_colour() -> None:
    out = render_memo_html(samples.SCORECARD, samples.SOURCES)
    for status in Status:
        assert f'<span class="status status-{status.value}">{status.label}</span>' in out
        assert f".status-{status.value} {{" in out


# --- LaTeX, CSV, terminals ------------------------------------------------------------


@pytest.mark.parametrize("render", ["scorecard", "progress", "coverage"])
def test_latex_specials_are_escaped(render: str) -> None:
    out = {
        "scorecard": lambda: render_scorecard(samples.SCORECARD, "latex"),
        "progress": lambda: render_progress(samples.PROGRESS, "latex"),
        "coverage": lambda: render_coverage(samples.COVERAGE, "latex"),
    }[render]()
    assert r"50\% \& \$x\_1\$ \{\#\}" in out
    assert samples.LATEX not in out
    for line in out.splitlines():
        # Outside escapes, the only specials left are the table's own & and \\.
        bare = re.sub(r"\\(textbackslash|textasciitilde|textasciicircum|textless|textgreater|textbar)\{\}", "", line)
        bare = re.sub(r"\\[&%$#_{}]", "", bare)
        assert not re.search(r"[%$#_^~]", bare), line


def test_latex_escapes_every_special() -> None:
    assert escape.latex("\\ & % $ # _ { } ~ ^") == (
        r"\textbackslash{} \& \% \$ \# \_ \{ \} \textasciitilde{} \textasciicircum{}"
    )


def _csv_cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


CSV_OUTPUTS = {
    "scorecard": lambda: render_scorecard(samples.SCORECARD, "csv"),
    "progress": lambda: render_progress(samples.PROGRESS, "csv"),
    "coverage": lambda: render_coverage(samples.COVERAGE, "csv"),
}


@pytest.mark.parametrize("name", sorted(CSV_OUTPUTS))
def test_csv_cells_cannot_start_a_formula(name: str) -> None:
    for row in _csv_cells(CSV_OUTPUTS[name]()):
        for cell in row:
            if re.fullmatch(r"-?\d+(\.\d+)?", cell):
                continue  # numbers stay numbers
            assert not cell.lstrip().startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_csv_neutralises_hostile_cells_and_keeps_numbers() -> None:
    header, *rows = _csv_cells(render_scorecard(samples.SCORECARD, "csv"))
    training = dict(zip(header, rows[2]))
    assert training["title"] == "'" + samples.FORMULA
    unassessed = dict(zip(header, rows[3]))
    assert unassessed["status"] == "not_assessed"
    assert unassessed["score"] == ""
    assert training["held"] == "0" and training["score"] == "0.0"
    assert escape.csv_cell(samples.ARITHMETIC) == "'-2+3"
    assert escape.csv_cell("-2") == "-2"
    assert escape.csv_cell(-2) == -2
    assert escape.csv_cell("@SUM(A1)") == "'@SUM(A1)"
    assert escape.csv_cell("\t=1") == "'\t=1"
    assert escape.csv_cell(" =1") == "' =1"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=12))
def test_csv_cell_never_starts_a_formula(text: str) -> None:
    cell = escape.csv_cell(text)
    assert isinstance(cell, str)
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", cell):
        assert not cell.lstrip().startswith(("=", "+", "-", "@", "\t", "\r"))


@pytest.mark.parametrize("name", sorted(RENDERINGS))
def test_no_output_contains_a_terminal_escape(name: str) -> None:
    out = RENDERINGS[name]()
    assert "\x1b" not in out
    if not name.endswith(".json"):  # JSON keeps the data, with ESC written as \u001b
        assert "[2J" not in out
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", out)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x3000), max_size=20))
def test_plain_text_has_no_control_characters(text: str) -> None:
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", escape.plain(text))
    assert "\x1b" not in escape.plain_cell(text) and "\n" not in escape.plain_cell(text)


def test_ansi_sequences_are_removed_whole() -> None:
    assert escape.plain("a\x1b[2Jb\x1b]0;title\x07c\x1bcd\x9b31me") == "abcde"


# --- Status words ------------------------------------------------------------------------


def _line_of(text: str, marker: str) -> str:
    (line,) = [line for line in text.splitlines() if marker in line]
    return line


@pytest.mark.parametrize("fmt", TEXT_TABLE_FORMATS)
def test_not_assessed_is_never_called_unmet(fmt: str) -> None:
    row = _line_of(render_scorecard(samples.SCORECARD, fmt), "unified-data")
    assert "not assessed" in row and "unmet" not in row
    progress = render_progress(samples.PROGRESS, fmt)
    if fmt == "html":  # a page: the grid draws the row too; the table row is the one to read
        progress = "\n".join(line for line in progress.splitlines() if line.startswith("<tr>"))
    progress_row = _line_of(progress, "unified-data")
    # The plain table fits a terminal: "n/a", explained under the table.
    if fmt == "plain":  # it may leave out old years to fit 100 columns
        assert "n/a" in progress_row and "unmet" not in progress_row
    else:
        assert progress_row.count("not assessed") == 3 and "unmet" not in progress_row


def test_not_assessed_in_explanation_and_memos() -> None:
    assert "Status: not assessed" in render_explanation(samples.SCORECARD, "unified-data")
    assert "**not assessed.**" in render_memo_markdown(samples.SCORECARD, samples.SOURCES)
    assert "unmet" not in _line_of(render_memo_markdown(samples.EMPTY_SCORECARD, samples.SOURCES), "| only")


# --- Tables: content and order ----------------------------------------------------------


def test_scorecard_row_shows_counts_and_first_two_citation_marks() -> None:
    row = _line_of(render_scorecard(samples.SCORECARD, "plain"), "training ")
    assert "0/1 of 3" in row
    # Five citations, one repeated at the same place: four marks, two shown, "+2".
    assert row.endswith("pucp-2011-report:88, tip-2018-peru-prosecution:4 +2")


def test_scorecard_keeps_rule_file_order_and_ends_with_totals() -> None:
    out = render_scorecard(samples.SCORECARD, "plain")
    ids = [r.id for r in samples.SCORECARD.results]
    assert sorted(ids) != ids  # the sample would not catch an alphabetical sort otherwise
    positions = [out.index(f"\n{i} ") for i in ids]
    assert positions == sorted(positions)
    assert out.endswith("Totals: 1 met, 1 partial, 1 unmet, 1 not assessed; weighted score 50.0%\n")
    assert out.startswith("TIP Report 2015: recommendations to Peru — PER, 2017\n")
    named = render_scorecard(samples.SCORECARD, "plain", {"PER": "Peru"})
    assert named.startswith("TIP Report 2015: recommendations to Peru — Peru (PER), 2017\n")


def test_progress_years_ascend_and_missing_years_are_blank() -> None:
    header, *rows = _csv_cells(render_progress(samples.PROGRESS, "csv"))
    assert header[:7] == ["country", "id", "title", "2015", "2016", "2017", "baseline"]
    assert header[7:] == ["trend", "moved", "coverage_2015", "coverage_2016", "coverage_2017", "change_2015", "change_2016", "change_2017"]
    assert rows[1][:6] == ["PER", "training", "'" + samples.FORMULA, "met", "", "unmet"]


def test_coverage_groups_by_recommendation_then_year() -> None:
    _, *rows = _csv_cells(render_coverage(samples.COVERAGE, "csv"))
    assert [(r[1], r[2]) for r in rows] == [("unified-data", "2015"), ("unified-data", "2017"), ("training", "2017")]
    assert {r[0] for r in rows} == {"PER"}  # the country on every row


# --- Explanation ---------------------------------------------------------------------------


@pytest.mark.parametrize("rec", [r.id for r in samples.SCORECARD.results])
def test_explanation_fits_88_columns_and_quotes_in_full(rec: str) -> None:
    out = render_explanation(samples.SCORECARD, rec)
    assert all(len(line) <= WIDTH for line in out.splitlines())
    flat = " ".join(out.split())
    result = next(r for r in samples.SCORECARD.results if r.id == rec)
    for criterion in result.criteria:
        for fact in criterion.facts:
            for citation in fact.citations:
                assert " ".join(escape.plain(citation.quote).split()) in flat
                assert f"({citation.source}), line {citation.line}" in flat
                if citation.heading:
                    assert f'section "{citation.heading}"' in flat


def test_explanation_of_an_unknown_recommendation_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        render_explanation(samples.SCORECARD, "no-such-recommendation")


# --- Progress: a terminal's width, a page, a picture -----------------------------------------


def _long_progress(years: int):
    from scorecard.models import Progress, ProgressRow, Trend

    statuses = {2000 + i: list(Status)[i % 4] for i in range(years)}
    rows = [ProgressRow(id=f"R{n}", title="A very long recommendation title " * 3, statuses=statuses, trend=Trend.UNCHANGED) for n in range(3)]
    return Progress(ruleset="r", title="T", country="PER", years=sorted(statuses), rows=rows)


@pytest.mark.parametrize("years", [1, 4, 7])
def test_plain_progress_fits_100_columns(years: int) -> None:
    out = render_progress(_long_progress(years), "plain")
    assert max(len(line) for line in out.splitlines()) <= 100
    assert "n/a: not assessed" in out and "…" in out


def test_progress_svg_is_a_standalone_picture_with_words_in_every_cell() -> None:
    from xml.etree import ElementTree

    out = render_progress(samples.PROGRESS, "svg")
    root = ElementTree.fromstring(out.encode("utf-8"))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    ns = {"s": "http://www.w3.org/2000/svg"}
    cells = root.findall(".//s:g[@class]", ns)
    cell_count = sum(len(row.statuses) for row in samples.PROGRESS.rows) + 4  # and the key
    assert len(cells) == cell_count
    for cell in cells:  # colour and text: never colour alone
        assert cell.find("s:rect", ns).get("fill") and cell.find("s:text", ns).text
    assert "href" not in out and "<script" not in out


def test_progress_html_is_a_styled_page_in_the_language_asked() -> None:
    out = render_progress(samples.PROGRESS, "html", lang="es", country="Perú")
    assert out.startswith("<!DOCTYPE html>") and "<style>" in out and "<svg" in out
    assert "no evaluada" in out and "Desde la línea de base" in out and "Perú" in out
