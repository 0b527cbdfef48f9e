"""The HTML memo in a real browser: headless Chromium, as readers and printers see it.

No console errors; no horizontal overflow on a 390 px phone; printed to A4, a PDF whose
text holds every footnote's quote.  Screenshots and the PDFs go to test-artifacts/.
Without Chromium (or Playwright) these tests skip, saying how to install it; with
CI=true they fail instead, so CI cannot pass without them.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pytest

from memo_outputs import LANGS, artifacts, in_ci, memo_file, pdf_text, squeeze

CHROMIUM_ARGS = [
    "--no-sandbox", "--headless", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
INSTALL = "install it with `apt-get install -y chromium` (Debian) and `pip install -e '.[dev]'` (Playwright)"
PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1024, "height": 1366}


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if in_ci():
            pytest.fail(f"Playwright is missing in CI; {INSTALL}")
        pytest.skip(f"Playwright is not installed; {INSTALL}")
    executable = _chromium()
    if executable is None:
        if in_ci():
            pytest.fail(f"Chromium is missing in CI; {INSTALL}")
        pytest.skip(f"Chromium is not installed; {INSTALL}")
    with tempfile.TemporaryDirectory() as profile, sync_playwright() as pw:
        # A persistent context on a new folder: Chromium's own fresh --user-data-dir.
        context = pw.chromium.launch_persistent_context(
            profile, executable_path=executable, headless=True, args=CHROMIUM_ARGS, viewport=DESKTOP
        )
        yield context
        context.close()


@pytest.fixture(scope="module")
def html_memos(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = str(tmp_path_factory.mktemp("memos"))
    return {lang: memo_file(lang, ".html", folder) for lang in LANGS}


def _open(browser, path: Path, viewport: dict[str, int]):
    page = browser.new_page()
    page.set_viewport_size(viewport)
    problems: list[str] = []
    page.on("console", lambda message: problems.append(f"{message.type}: {message.text}") if message.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("requestfailed", lambda request: problems.append(f"request failed: {request.url}"))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, problems


@pytest.mark.parametrize("lang", LANGS)
def test_memo_opens_without_console_errors_or_requests(browser, html_memos, lang: str) -> None:
    page, problems = _open(browser, html_memos[lang], DESKTOP)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.reload()
    page.wait_for_load_state("load")
    page.screenshot(path=str(artifacts() / f"memo-{lang}-desktop.png"), full_page=True)
    page.close()
    assert problems == []
    assert [url for url in requests if not url.startswith("file:")] == []


@pytest.mark.parametrize("lang", LANGS)
def test_memo_does_not_overflow_a_390px_phone(browser, html_memos, lang: str) -> None:
    page, problems = _open(browser, html_memos[lang], PHONE)
    widths = page.evaluate("[document.documentElement.scrollWidth, document.body.scrollWidth, window.innerWidth]")
    # Anything wider than the screen, other than inside a frame that scrolls itself.
    wide = page.evaluate(
        """() => [...document.querySelectorAll('body *')].filter(e => {
             const r = e.getBoundingClientRect();
             if (r.right <= window.innerWidth + 1) return false;
             for (let p = e.parentElement; p; p = p.parentElement) {
               const s = getComputedStyle(p);
               if (s.overflowX === 'auto' || s.overflowX === 'scroll') return false;
             }
             return true;
           }).map(e => e.tagName + '.' + e.className)"""
    )
    page.screenshot(path=str(artifacts() / f"memo-{lang}-phone.png"), full_page=True)
    page.close()
    assert problems == []
    assert max(widths[:2]) <= PHONE["width"], f"page is {widths[0]} px wide on a {PHONE['width']} px screen"
    assert wide == []


def _footnote_quotes(html: str) -> list[str]:
    notes = html.split('<section class="footnotes">', 1)[1]
    return [squeeze(unescape(q)) for q in re.findall(r'<li id="fn-\d+">“(.*?)” — ', notes, re.S)]


@pytest.mark.parametrize("lang", LANGS)
def test_memo_prints_to_a4_with_every_footnote(browser, html_memos, lang: str) -> None:
    page, problems = _open(browser, html_memos[lang], DESKTOP)
    page.emulate_media(media="print")
    page.screenshot(path=str(artifacts() / f"memo-{lang}-print.png"))
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    page.close()
    (artifacts() / f"memo-{lang}-chromium.pdf").write_bytes(pdf)
    from pypdf import PdfReader
    import io

    first = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert (round(float(first.width)), round(float(first.height))) == (595, 842)  # A4 in points
    text = pdf_text(pdf).replace(" ", "")
    quotes = _footnote_quotes(html_memos[lang].read_text(encoding="utf-8"))
    assert len(quotes) > 10
    missing = [q for q in quotes if q.replace(" ", "") not in text]
    assert missing == [], f"{len(missing)} footnotes are not in the printed PDF"
    assert problems == []
