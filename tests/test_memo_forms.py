"""The memo people send, in each language and form.

Properties of the shipped dataset's memo (tip-2015-peru, 2017), in English and Spanish,
as Markdown, HTML and PDF: nothing a curator writes for the tool reaches a reader —
no indicator id, no ``source:line`` mark, no source id before the provenance appendix,
no raw enum value, no number of five or more digits left unformatted.  The source's own
words (quotes and recommendation texts) are exempt from the word checks: they are
quoted as printed.  Snapshots of a small fixture project hold each form exactly.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
import yaml

from memo_outputs import LANGS, ROOT, in_ci, memo_file, pdf_text, squeeze
from snapshot import check_snapshot
from typer.testing import CliRunner

from scorecard.cli import app

FORMS = (".md", ".html", ".pdf")
FIXTURE = Path(__file__).parent / "fixtures" / "memo"
SNAPSHOTS = Path(__file__).parent / "memo_snapshots"
APPENDIX = {"en": "Provenance", "es": "Procedencia"}


def _weasyprint_or_skip() -> None:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        if in_ci():
            pytest.fail("WeasyPrint is missing in CI: pip install -e '.[pdf]'")
        pytest.skip("WeasyPrint is not installed: pip install -e '.[pdf]'")


def reader_text(path: Path) -> str:
    """What a reader of the file reads, as one line of text."""
    if path.suffix == ".pdf":
        return pdf_text(path.read_bytes())
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        text = re.sub(r"<style>.*?</style>|<title>.*?</title>", " ", text, flags=re.S)
        text = unescape(re.sub(r"<[^>]+>", " ", text))
    return squeeze(text)


def without_source_words(text: str, path: Path) -> str:
    """The text less what the sources and rule files say in their own words: quotes
    (“…”) and, in Markdown and HTML, the recommendation texts (block quotes)."""
    raw = path.read_text(encoding="utf-8") if path.suffix != ".pdf" else None
    if raw is not None:
        for block in re.findall(r"<blockquote>(.*?)</blockquote>", raw, re.S) + re.findall(r"^> (.*)$", raw, re.M):
            text = text.replace(squeeze(unescape(block)), " ")
    return re.sub(r"“[^”]*”", " ", text)


@pytest.fixture(scope="module")
def memos(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    folder = str(tmp_path_factory.mktemp("forms"))
    made = {}
    for lang in LANGS:
        for suffix in FORMS:
            if suffix == ".pdf":
                try:
                    _weasyprint_or_skip()
                except pytest.skip.Exception:
                    continue
            made[lang, suffix] = memo_file(lang, suffix, folder)
    return made


def _dataset() -> tuple[set[str], set[str], set[str]]:
    """(indicator ids, raw enum values a curator writes, source ids) of the shipped dataset."""
    indicators = yaml.safe_load((ROOT / "rules" / "indicators.yaml").read_text(encoding="utf-8"))["indicators"]
    sources = yaml.safe_load((ROOT / "seeds" / "sources.yaml").read_text(encoding="utf-8"))["sources"]
    raw = {v for i in indicators for v in (i.get("values") or []) if "_" in v} | {"not_reported"}
    return {i["id"] for i in indicators}, raw, {s["id"] for s in sources}


CASES = [(lang, suffix) for lang in LANGS for suffix in FORMS]


@pytest.mark.parametrize(("lang", "suffix"), CASES)
def test_no_indicator_id_or_source_mark(memos, lang: str, suffix: str) -> None:
    if (lang, suffix) not in memos:
        _weasyprint_or_skip()
    path = memos[lang, suffix]
    text = reader_text(path)
    indicators, _, sources = _dataset()
    assert [i for i in indicators if i in text] == []
    assert re.findall(r"\b[a-z0-9]+(?:-[a-z0-9]+)+:\d+", text) == []
    body = text.split(APPENDIX[lang])[0]
    assert APPENDIX[lang] in text and len(body) > 2000
    assert [s for s in sources if s in body] == []


@pytest.mark.parametrize(("lang", "suffix"), CASES)
def test_no_raw_value_or_unformatted_number(memos, lang: str, suffix: str) -> None:
    if (lang, suffix) not in memos:
        _weasyprint_or_skip()
    path = memos[lang, suffix]
    ours = without_source_words(reader_text(path), path)
    _, raw, _ = _dataset()
    assert [v for v in raw if re.search(rf"\b{re.escape(v)}\b", ours)] == []
    assert re.findall(r"\b(?:true|false)\b", ours) == []
    assert re.findall(r"(?<![\w.,])\d{5,}(?![\w])", ours) == []
    # The memo does write figures of four digits and more, grouped as the language groups them.
    assert re.search(r"\b\d{1,3}" + (r"," if lang == "en" else r"\.") + r"\d{3}\b", ours)


@pytest.mark.parametrize("lang", LANGS)
def test_spanish_and_english_differ_only_where_they_should(memos, lang: str) -> None:
    text = reader_text(memos[lang, ".md"])
    words = {"en": ("Findings", "partial", "Peru,"), "es": ("Conclusiones", "parcial", "Perú,")}[lang]
    assert all(w in text for w in words)
    other = {"en": "Conclusiones", "es": "Findings"}[lang]
    assert other not in text


# --- snapshots of a small fixture project, each form --------------------------------------


def _fixture_memo(tmp_path: Path, lang: str, suffix: str) -> Path:
    out = tmp_path / f"memo{suffix}"
    result = CliRunner().invoke(
        app, ["memo", "demo", "--year", "2017", "--lang", lang, "--date", "2026-03-31", "-o", str(out), "-p", str(FIXTURE), "--no-cache"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    return out


def _versionless(text: str) -> str:
    """The tool's version is printed in the provenance; a release must not change snapshots."""
    from scorecard import __version__

    return text.replace(f"scorecard {__version__} ", "scorecard VERSION ")


@pytest.mark.parametrize(("lang", "suffix"), [(lang, s) for lang in LANGS for s in (".md", ".html")])
def test_fixture_memo_snapshot(tmp_path: Path, lang: str, suffix: str) -> None:
    text = _fixture_memo(tmp_path, lang, suffix).read_text(encoding="utf-8")
    check_snapshot(SNAPSHOTS, f"memo-{lang}{suffix}", _versionless(text))


@pytest.mark.parametrize("lang", LANGS)
def test_fixture_memo_pdf_snapshot(tmp_path: Path, lang: str) -> None:
    """The PDF's text (WeasyPrint): A4 pages, each with the date and "page / pages"."""
    _weasyprint_or_skip()
    from pypdf import PdfReader

    path = _fixture_memo(tmp_path, lang, ".pdf")
    reader = PdfReader(path)
    assert {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages} == {(595, 842)}
    date = {"en": "March 31, 2026", "es": "31 de marzo de 2026"}[lang]
    pages = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        text = squeeze(page.extract_text())
        assert date in text and f"{number} / {pages}" in text
    check_snapshot(SNAPSHOTS, f"memo-{lang}.pdf.txt", _versionless("\n".join(squeeze(p.extract_text()) for p in reader.pages) + "\n"))
