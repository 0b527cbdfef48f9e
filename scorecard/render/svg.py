"""A picture of progress: verdicts by recommendation and year as one self-contained SVG.

Each cell is coloured by the verdict and also says it in words (colour is never the only
sign); the picture has a title and description for screen readers, no scripts, no
external fonts or links, and scales down to the width it is given.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from ..models import Progress, Status
from .escape import html_line

COLOURS: Mapping[Status, tuple[str, str, str]] = {
    # fill, text, border: the memo's status colours, each text colour readable on its fill.
    Status.MET: ("#dafbe1", "#116329", "#116329"),
    Status.PARTIAL: ("#fff1c2", "#7d4e00", "#9a6700"),
    Status.UNMET: ("#ffebe9", "#a40e26", "#a40e26"),
    Status.NOT_ASSESSED: ("#eaeef2", "#424a53", "#6e7781"),
}

CELL_W, CELL_H, GAP = 84, 26, 4
LABEL_W, HEAD_H, LEGEND_H = 48, 24, 34
FONT = "font-family:Helvetica,Arial,sans-serif"


def verdict_grid(progress: Progress, word: Callable[[Status], str], title: str, legend_title: str) -> str:
    """The grid as an ``<svg>`` element (markup, every text escaped).

    Rows in the progress's order (the rule file's), years ascending; an empty cell for a
    year a row has no verdict in; a legend of the four verdicts below.
    """
    years = sorted(progress.years)
    width = LABEL_W + max(len(years), 4) * (CELL_W + GAP)
    height = HEAD_H + len(progress.rows) * (CELL_H + GAP) + LEGEND_H
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="verdict-grid" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" aria-labelledby="grid-title">',
        f'<title id="grid-title">{html_line(title)}</title>',
        f'<g style="{FONT}" font-size="12">',
    ]
    for col, year in enumerate(years):
        x = LABEL_W + col * (CELL_W + GAP) + CELL_W / 2
        out.append(f'<text x="{x:g}" y="16" text-anchor="middle" font-weight="bold" fill="#1f2328">{year}</text>')
    for row_number, row in enumerate(progress.rows):
        y = HEAD_H + row_number * (CELL_H + GAP)
        out.append(f'<text x="0" y="{y + 17}" font-weight="bold" fill="#1f2328">{html_line(row.id)}</text>')
        for col, year in enumerate(years):
            status = row.statuses.get(year)
            if status is None:
                continue
            x = LABEL_W + col * (CELL_W + GAP)
            out.append(_cell(x, y, status, word(status), f"{row.id} {year}"))
    y = HEAD_H + len(progress.rows) * (CELL_H + GAP) + 8
    out.append(f'<text x="0" y="{y + 14}" fill="#424a53">{html_line(legend_title)}</text>')
    for n, status in enumerate(Status):
        out.append(_cell(LABEL_W + n * (CELL_W + GAP), y, status, word(status), None))
    out += ["</g>", "</svg>"]
    return "\n".join(out)


def _cell(x: float, y: float, status: Status, label: str, where: str | None) -> str:
    fill, ink, border = COLOURS[status]
    tip = f"<title>{html_line(where)}: {html_line(label)}</title>" if where else ""
    return (
        f'<g class="cell status-{status.value}">{tip}'
        f'<rect x="{x:g}" y="{y}" width="{CELL_W}" height="{CELL_H}" rx="4" fill="{fill}" stroke="{border}"/>'
        f'<text x="{x + CELL_W / 2:g}" y="{y + 17}" text-anchor="middle" fill="{ink}">{html_line(label)}</text></g>'
    )
