"""Advocacy memos: the scorecard with its findings and every quote as a footnote.

``render_memo_markdown`` gives Markdown with numbered footnotes (GitHub, pandoc);
``render_memo_html`` (in :mod:`.memo_html`, re-exported here) a printable HTML5 page.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote as percent_encode

from ..models import CitationRef, Scorecard, Source
from . import escape
from .layout import markdown_table
from .memo_content import (
    TRUTH_WORDS,
    Footnotes,
    cited_sources,
    fact_citations,
    footnote_text,
    is_web_url,
    memo_title,
    own_citations,
    provenance_line,
    summary,
)
from .memo_html import render_memo_html
from .tables import SCORECARD_HEADERS, scorecard_rows, status_label, totals_line

__all__ = ["render_memo_html", "render_memo_markdown"]


def _refs(footnotes: Footnotes, citations: Sequence[CitationRef]) -> str:
    return "".join(f"[^{number}]" for number, _ in footnotes.cite_all(citations))


def _link(url: str) -> str:
    """A Markdown link whose destination cannot break out of its angle brackets."""
    text = escape.markdown_cell(url)
    if not is_web_url(url):
        return text
    destination = percent_encode(escape.one_line(url), safe=":/?#[]@!$&'()*+,;=%~")
    return f"[{text}](<{destination}>)"


def render_memo_markdown(sc: Scorecard, sources: list[Source]) -> str:
    """An advocacy memo in Markdown.

    Title; a summary paragraph built from the totals; the scorecard table and totals;
    "Findings", one section per recommendation in the scorecard's own (rule-file) order,
    with its text, status, explanation and one bullet per criterion in rule order; each
    quote a numbered footnote ``[^n]`` (numbered in order of first reference, a repeated
    quote keeping its number); "Sources": every cited source in catalogue order (see
    :func:`.memo_content.cited_sources`) with publisher, date, SHA-256 and URL; the
    provenance line; then the footnote definitions.
    """
    # Data that can begin a line (list items, block quotes) gets line-start escapes too.
    start, inline = escape.markdown, escape.markdown_cell
    catalogue = {s.id: s for s in sources}
    footnotes = Footnotes()
    out = [f"# {inline(memo_title(sc))}", "", start(summary(sc)), ""]
    out += [markdown_table(SCORECARD_HEADERS, scorecard_rows(sc)), "", start(totals_line(sc.totals)), ""]
    out += ["## Findings", ""]
    for result in sc.results:
        out += [f"### {inline(result.id)}: {inline(result.title)}", "", f"> {start(result.text)}", ""]
        own = _refs(footnotes, own_citations(result))
        out += [f"**Status: {inline(status_label(result.status))}.** {inline(result.explanation)}{own}", ""]
        for criterion in result.criteria:
            out.append(
                f"- {start(criterion.description)} — **{inline(TRUTH_WORDS[criterion.truth])}**. "
                f"{inline(criterion.explanation)}{_refs(footnotes, fact_citations(criterion))}"
            )
        if result.criteria:
            out.append("")
    out += ["## Sources", ""]
    entries = cited_sources(sc, sources)
    for entry in entries:
        if entry.source is None:
            line = f"- {start(entry.id)} (not in the source catalogue)."
        else:
            s = entry.source
            published = s.published.isoformat() if s.published else "date not known"
            line = f"- **{inline(s.title)}** ({inline(s.id)}). {inline(s.publisher)}, {inline(published)}."
        if entry.sha256:
            line += f" SHA-256: {inline(entry.sha256)}."
        if entry.source is not None and entry.source.url:
            line += f" {_link(entry.source.url)}"
        out.append(line)
    if not entries:
        out.append("No source is cited.")
    out += ["", "---", "", start(provenance_line(sc))]
    if footnotes.notes:
        out.append("")
    for number, citation in enumerate(footnotes.notes, start=1):
        quote, where = footnote_text(citation, catalogue)
        out.append(f"[^{number}]: “{inline(quote)}” — {inline(where)}.")
    return "\n".join(out) + "\n"
