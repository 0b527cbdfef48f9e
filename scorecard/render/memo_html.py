"""The advocacy memo as one self-contained, printable HTML5 page.

No scripts, no external assets: the style sheet is inline and a Content-Security-Policy
forbids everything else, so even a page someone has tampered with cannot fetch or run
anything.  Status is shown by a text label and by colour, never by colour alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..models import CitationRef, Scorecard, Source, Status
from . import escape
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
from .tables import (
    SCORECARD_HEADERS,
    TITLE_WIDTH,
    citation_marks,
    criteria_count,
    shorten,
    status_label,
    totals_line,
)

# Line breaks in data are only whitespace in HTML; one line keeps the page source tidy.
h = escape.html_line

_CSS = """\
:root { color-scheme: light; }
body { font-family: Georgia, "Times New Roman", serif; line-height: 1.5; color: #1f2328;
  max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; line-height: 1.25; }
h2 { font-size: 1.25rem; border-bottom: 1px solid #d0d7de; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin-bottom: 0.25rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { border: 1px solid #d0d7de; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
blockquote { margin: 0.5rem 0; padding-left: 1rem; border-left: 3px solid #d0d7de; color: #424a53; }
.status { display: inline-block; padding: 0 0.4rem; border-radius: 0.25rem; font-family: sans-serif;
  font-size: 0.85em; font-weight: bold; white-space: nowrap; border: 1px solid; }
.status-met { background: #dafbe1; color: #116329; border-color: #116329; }
.status-partial { background: #fff1c2; color: #7d4e00; border-color: #9a6700; }
.status-unmet { background: #ffebe9; color: #a40e26; border-color: #a40e26; }
.status-not_assessed { background: #eaeef2; color: #424a53; border-color: #6e7781; }
.truth { font-weight: bold; }
.footnotes { font-size: 0.9rem; }
.footnotes li { margin-bottom: 0.4rem; }
.sha { font-family: monospace; font-size: 0.85em; overflow-wrap: anywhere; }
.provenance { font-size: 0.85rem; color: #57606a; }
sup a { text-decoration: none; }
@media print {
  @page { margin: 2cm; }
  body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
  a { color: inherit; text-decoration: none; }
  .backref { display: none; }
  .status, th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  thead { display: table-header-group; }
  tr, .finding h3, .footnotes li { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
}
"""

_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def _status(status: Status) -> str:
    return f'<span class="status status-{status.value}">{h(status_label(status))}</span>'


def _refs(footnotes: Footnotes, citations: Sequence[CitationRef]) -> str:
    # One superscript with the numbers comma-separated: adjacent ones would read as "12".
    links = [
        f'<a id="fnref-{number}-{use}" href="#fn-{number}">{number}</a>'
        for number, use in footnotes.cite_all(citations)
    ]
    return f"<sup>{', '.join(links)}</sup>" if links else ""


def _table(sc: Scorecard) -> list[str]:
    out = ['<table class="scorecard">', "<thead>", "<tr>"]
    out += [f'<th scope="col">{h(header)}</th>' for header in SCORECARD_HEADERS]
    out += ["</tr>", "</thead>", "<tbody>"]
    for number, r in enumerate(sc.results, start=1):
        out.append(
            f'<tr><td><a href="#finding-{number}">{h(r.id)}</a></td><td>{h(shorten(r.title, TITLE_WIDTH))}</td>'
            f"<td>{_status(r.status)}</td><td>{h(criteria_count(r))}</td><td>{h(citation_marks(r.citations))}</td></tr>"
        )
    out += ["</tbody>", "</table>", f'<p class="totals">{h(totals_line(sc.totals))}</p>']
    return out


def _findings(sc: Scorecard, footnotes: Footnotes) -> list[str]:
    out = ["<h2>Findings</h2>"]
    for number, r in enumerate(sc.results, start=1):
        out += [
            f'<section class="finding" id="finding-{number}">',
            f"<h3>{h(r.id)}: {h(r.title)}</h3>",
            f"<blockquote>{h(r.text)}</blockquote>",
            f"<p><strong>Status:</strong> {_status(r.status)} {h(r.explanation)}{_refs(footnotes, own_citations(r))}</p>",
        ]
        if r.criteria:
            out.append('<ul class="criteria">')
            for c in r.criteria:
                out.append(
                    f'<li>{h(c.description)} — <span class="truth truth-{c.truth.value}">{h(TRUTH_WORDS[c.truth])}</span>. '
                    f"{h(c.explanation)}{_refs(footnotes, fact_citations(c))}</li>"
                )
            out.append("</ul>")
        out.append("</section>")
    return out


def _sources(sc: Scorecard, sources: Sequence[Source]) -> list[str]:
    entries = cited_sources(sc, sources)
    if not entries:
        return ["<h2>Sources</h2>", "<p>No source is cited.</p>"]
    out = ["<h2>Sources</h2>", '<ul class="sources">']
    for entry in entries:
        if entry.source is None:
            item = f"{h(entry.id)} (not in the source catalogue)."
        else:
            s = entry.source
            published = s.published.isoformat() if s.published else "date not known"
            item = f"<strong>{h(s.title)}</strong> ({h(s.id)}). {h(s.publisher)}, {h(published)}."
        if entry.sha256:
            item += f' SHA-256: <span class="sha">{h(entry.sha256)}</span>.'
        if entry.source is not None and entry.source.url:
            url = entry.source.url
            item += f' <a href="{h(url)}">{h(url)}</a>' if is_web_url(url) else f" {h(url)}"
        out.append(f"<li>{item}</li>")
    out.append("</ul>")
    return out


def _notes(footnotes: Footnotes, catalogue: dict[str, Source]) -> list[str]:
    if not footnotes.notes:
        return []
    out = ['<section class="footnotes">', "<h2>Notes</h2>", "<ol>"]
    for number, citation in enumerate(footnotes.notes, start=1):
        quote, where = footnote_text(citation, catalogue)
        uses = footnotes.uses[number - 1]
        back = " ".join(
            f'<a class="backref" href="#fnref-{number}-{use}" aria-label="back to reference {number}'
            f'{"" if uses == 1 else f" ({use})"}">↩</a>'
            for use in range(1, uses + 1)
        )
        out.append(f'<li id="fn-{number}">“{h(quote)}” — {h(where)}. {back}</li>')
    out += ["</ol>", "</section>"]
    return out


def render_memo_html(sc: Scorecard, sources: list[Source]) -> str:
    """The advocacy memo as a self-contained HTML5 page, ready to print.

    Same content and order as :func:`.memo.render_memo_markdown`: findings in the
    scorecard's (rule-file) order, footnotes numbered in order of first reference and
    listed as an ordered list with back-links, sources in catalogue order.  Inline CSS
    only (with ``@media print`` rules), no scripts, no external assets; every string from
    data is HTML-escaped.
    """
    footnotes = Footnotes()
    catalogue = {s.id: s for s in sources}
    title = h(memo_title(sc))
    body = [f"<h1>{title}</h1>", f'<p class="summary">{h(summary(sc))}</p>', *_table(sc)]
    body += _findings(sc, footnotes)  # numbers the footnotes, so before _notes
    body += _sources(sc, sources)
    body += _notes(footnotes, catalogue)
    body += ["<footer>", f'<p class="provenance">{h(provenance_line(sc))}</p>', "</footer>"]
    head = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>",
        "<style>",
        _CSS.rstrip("\n"),
        "</style>",
        "</head>",
        "<body>",
        "<main>",
    ]
    return "\n".join([*head, *body, "</main>", "</body>", "</html>"]) + "\n"
