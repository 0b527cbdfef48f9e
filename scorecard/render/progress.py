"""Progress across years: the table (fitting a terminal), a styled HTML page and an SVG grid.

- ``plain``: fits ``width`` columns (100 by default): "not assessed" prints as ``n/a``,
  an analyst's reviewed verdict as ``*`` after the rules' one (listed under the table),
  and titles are cut to the room left.
- ``html``: one self-contained page (inline style, no scripts): the verdict grid as SVG
  and the table with each verdict coloured and in words.
- ``svg``: the grid alone, a standalone SVG document.
- other formats as :func:`.tables.render_progress` always gave them.
"""

from __future__ import annotations

from ..models import Progress, ProgressRow, Status, Trend
from . import escape
from .i18n import translations
from .layout import check_format, shorten, text_table
from .memo_view import status_word
from .svg import verdict_grid
from .words import Wording

PROGRESS_FORMATS = ("plain", "github", "markdown", "html", "latex", "csv", "json", "svg")
TERMINAL_WIDTH = 100
MIN_TITLE = 8
SHORT = {Status.NOT_ASSESSED: "n/a"}


def year_range(years: list[int]) -> str:
    if not years:
        return "no years"
    first, last = min(years), max(years)
    return str(first) if first == last else f"{first}–{last}"


def heading(p: Progress, country: str | None = None) -> str:
    return f"{p.title} — {country or p.country}, {year_range(sorted(p.years))}"


def _word(w: Wording):
    return lambda status: status_word(status, w)


def progress_svg(p: Progress, lang: str = "en", country: str | None = None) -> str:
    """The grid as a standalone SVG document."""
    w = Wording(lang, translations(lang), {})
    grid = verdict_grid(p, _word(w), heading(p, country), w._("Key:"))
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + grid + "\n"


def plain_progress(p: Progress, width: int = TERMINAL_WIDTH) -> str:
    """The plain table in at most ``width`` columns.

    Titles are cut to the room left; when even the shortest titles leave too little, the
    oldest years are left out (the note under the table names them: ``--years`` or
    ``--format html`` shows every year).  "not assessed" prints as ``n/a`` and an
    analyst's reviewed verdict as ``*`` after the rules' one, told under the table.
    """
    from .tables import PROGRESS_NOTE, coverage_label, last_change_label, since_label

    every_year = sorted(p.years)

    def cell(row: ProgressRow, year: int) -> str:
        if year not in row.statuses:
            return ""
        status = row.statuses[year]
        text = SHORT.get(status, status.label)
        if status is not Status.NOT_ASSESSED and year in row.coverage:
            text += f" {coverage_label(row.coverage[year])}"
        return text + "*" if year in row.reviewed else text

    last_change = True

    def table(years: list[int], title_width: int) -> str:
        # Short headers: the plain table has to fit a terminal (the other formats spell them out).
        headers = ["id", "title", *(str(y) for y in years), "base", "since base"] + (["last change"] if last_change else [])
        rows = [
            [row.id, shorten(row.title, title_width), *(cell(row, y) for y in years),
             str(row.baseline) if row.baseline is not None else "", since_label(row)]
            + ([last_change_label(row)] if last_change else [])
            for row in p.rows
        ]
        return text_table("plain", heading(p), headers, rows)

    def widest(text: str) -> int:
        return max(len(line) for line in text.splitlines())

    years = list(every_year)
    # Two years (a change) matter more than the last-change column, which goes first.
    if widest(table(years[-2:], MIN_TITLE)) > width:
        last_change = False
    while len(years) > 1 and widest(table(years, MIN_TITLE)) > width:
        years.pop(0)
    title_width = max([len(escape.one_line(r.title)) for r in p.rows] + [MIN_TITLE])
    for _ in range(3):  # shortening can strip a space too, so measure again
        too_wide = widest(table(years, title_width)) - width
        if too_wide <= 0 or title_width == MIN_TITLE:
            break
        title_width = max(MIN_TITLE, title_width - too_wide)
    reviewed = [(row.id, y, row.reviewed[y]) for row in p.rows for y in years if y in row.reviewed]
    notes = ["n/a: not assessed (no evidence, which is never unmet)."]
    left_out = every_year[: len(every_year) - len(years)]
    if not last_change:
        notes.append("The last change of each row is left out to fit: --format html shows it.")
    if left_out:
        notes.append(f"Left out to fit {width} columns: {', '.join(map(str, left_out))} (--years or --format html shows every year).")
    notes += [f"* {ident} {year}: an analyst's verdict is {status.label} (see `scorecard explain`)." for ident, year, status in reviewed]
    notes.append(PROGRESS_NOTE.format(issued=p.issued or "unknown"))
    import textwrap

    note = textwrap.fill(escape.plain_cell(" ".join(notes)), width=width, break_on_hyphens=False)
    return table(years, title_width) + "\n" + note + "\n"


_PAGE_CSS = """\
body { font-family: Helvetica, Arial, sans-serif; color: #1f2328; max-width: 64rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.4rem; }
figure { margin: 1rem 0; overflow-x: auto; }
figure svg { width: 100%; max-width: 52rem; min-width: 32rem; height: auto; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; font-size: 0.85rem; }
th, td { border: 1px solid #d0d7de; padding: 0.25rem 0.45rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
.status-met { background: #dafbe1; color: #116329; }
.status-partial { background: #fff1c2; color: #7d4e00; }
.status-unmet { background: #ffebe9; color: #a40e26; }
.status-not_assessed { background: #eaeef2; color: #424a53; }
td[class^=status] { white-space: nowrap; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
"""
_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def html_progress(p: Progress, lang: str = "en", country: str | None = None) -> str:
    """A styled, self-contained page: the grid, then the table with verdicts in words."""
    w = Wording(lang, translations(lang), {})
    word = _word(w)
    h = escape.html_line
    years = sorted(p.years)
    title = h(heading(p, country))
    out = [
        "<!DOCTYPE html>", f'<html lang="{lang}">', "<head>", '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>", "<style>", _PAGE_CSS.rstrip("\n"), "</style>", "</head>", "<body>", "<main>",
        f"<h1>{title}</h1>", "<figure>", verdict_grid(p, word, heading(p, country), w._("Key:")), "</figure>",
        '<div class="table-wrap">', "<table>", "<thead>", "<tr>",
        f'<th scope="col">{h(w._("Recommendation"))}</th>', *(f'<th scope="col">{y}</th>' for y in years),
        f'<th scope="col">{h(w._("Since the baseline"))}</th>', "</tr>", "</thead>", "<tbody>",
    ]
    for row in p.rows:
        tds = []
        for y in years:
            status = row.statuses.get(y)
            if status is None:
                tds.append("<td></td>")
                continue
            text = h(word(status))
            if y in row.reviewed:
                text += f"<br>{h(w._('analyst: {verdict}', verdict=word(row.reviewed[y])))}"
            tds.append(f'<td class="status-{status.value}">{text}</td>')
        trend = h(since_words(row, w))
        out.append(f"<tr><th scope=\"row\">{h(row.id)}. {h(row.title)}</th>{''.join(tds)}<td>{trend}</td></tr>")
    out += ["</tbody>", "</table>", "</div>", "</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


def trend_word(trend: Trend, w: Wording) -> str:
    return {
        Trend.IMPROVED: w._("improved"),
        Trend.REGRESSED: w._("regressed"),
        Trend.UNCHANGED: w._("unchanged"),
        Trend.NEW_EVIDENCE: w._("new evidence"),
        Trend.NO_EVIDENCE: w._("no evidence"),
        Trend.COVERAGE_CHANGED: w._("coverage changed"),
    }.get(trend, trend.value.replace("_", " "))


def since_words(row: ProgressRow, w: Wording) -> str:
    """The trend since the baseline; when coverage changed, also what the verdicts did."""
    text = trend_word(row.trend, w)
    if row.trend is Trend.COVERAGE_CHANGED:
        text += f" ({trend_word(row.moved, w)})"
    return text


def check_progress_format(fmt: str) -> None:
    if fmt == "svg":
        return
    check_format(fmt)
