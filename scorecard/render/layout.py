"""Table layout shared by the table renderers: one function per kind of output.

Cells arrive as raw data text and are escaped here, per format, by :mod:`.escape`;
tabulate is only asked to align already-escaped text (``latex_raw``, and number parsing
off, so that an id like ``1e3`` is not printed as ``1000``).  The HTML table is built here
rather than by tabulate so that no cell is padded and nothing is escaped twice.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from typing import Any

from tabulate import tabulate

from . import escape

TABLE_FORMATS: tuple[str, ...] = ("plain", "github", "markdown", "html", "latex", "csv", "json")
"""Formats accepted by ``render_scorecard``, ``render_progress`` and ``render_coverage``."""

TEXT_FORMATS: tuple[str, ...] = ("plain", "github", "markdown", "html", "latex")
"""Formats with a heading, an aligned table and a closing line, meant for people."""

CsvValue = str | int | float | bool | None


def check_format(fmt: str) -> None:
    """Raise ``ValueError`` naming the accepted formats when ``fmt`` is not one of them."""
    if fmt not in TABLE_FORMATS:
        raise ValueError(f'unknown format "{fmt}"; expected one of: {", ".join(TABLE_FORMATS)}')


def shorten(text: str, width: int) -> str:
    """One line of at most ``width`` characters, cut with an ellipsis (before escaping)."""
    line = escape.one_line(text)
    return line if len(line) <= width else line[: width - 1].rstrip() + "…"


def text_table(
    fmt: str,
    heading: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    footer: str | Sequence[str] | None = None,
) -> str:
    """A heading line, the table and optional closing lines in one of :data:`TEXT_FORMATS`.

    Every argument is raw text; all of it is escaped for ``fmt``.  Rows are printed in the
    order given: callers sort.  Several closing lines are separate paragraphs.
    """
    if isinstance(footer, (list, tuple)):
        if len(footer) > 1:
            return "\n\n".join([text_table(fmt, heading, headers, rows, footer[0]).rstrip("\n"), *(_paragraph(fmt, line) for line in footer[1:])]) + "\n"
        footer = footer[0] if footer else None
    if fmt == "html":
        return _html_table(heading, headers, rows, footer)
    if fmt == "latex":
        cell: Callable[[str], str] = escape.latex
        tablefmt = "latex_raw"
        head = rf"\noindent\textbf{{{escape.latex(heading)}}}"
        foot = rf"\noindent {escape.latex(footer)}" if footer else None
    elif fmt in ("github", "markdown"):
        cell = escape.markdown_cell
        tablefmt = "github"
        head = f"**{escape.markdown(heading)}**"
        foot = escape.markdown(footer) if footer else None
    elif fmt == "plain":
        cell = escape.plain_cell
        tablefmt = "plain"
        head = escape.plain_cell(heading)
        foot = escape.plain_cell(footer) if footer else None
    else:
        raise ValueError(f'"{fmt}" is not a text table format')
    table = _tabulate(cell, tablefmt, headers, rows)
    parts = [head, table] + ([foot] if foot else [])
    return "\n\n".join(parts) + "\n"


def _paragraph(fmt: str, text: str) -> str:
    """One closing line, escaped for ``fmt`` as the footer of :func:`text_table` is."""
    if fmt == "html":
        return f"<p>{escape.html_line(text)}</p>"
    if fmt == "latex":
        return rf"\noindent {escape.latex(text)}"
    if fmt in ("github", "markdown"):
        return escape.markdown(text)
    return escape.plain_cell(text)


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A GitHub pipe table of raw text cells, escaped; no trailing newline."""
    return _tabulate(escape.markdown_cell, "github", headers, rows)


def _tabulate(cell: Callable[[str], str], tablefmt: str, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    return tabulate(
        [[cell(c) for c in row] for row in rows],
        headers=[cell(h) for h in headers],
        tablefmt=tablefmt,
        disable_numparse=True,
    )


def _html_table(heading: str, headers: Sequence[str], rows: Sequence[Sequence[str]], footer: str | None) -> str:
    out = [f"<p><strong>{escape.html_line(heading)}</strong></p>", "<table>", "<thead>"]
    out.append("<tr>" + "".join(f"<th>{escape.html_line(h)}</th>" for h in headers) + "</tr>")
    out += ["</thead>", "<tbody>"]
    for row in rows:
        out.append("<tr>" + "".join(f"<td>{escape.html_line(c)}</td>" for c in row) + "</tr>")
    out += ["</tbody>", "</table>"]
    if footer:
        out.append(f"<p>{escape.html_line(footer)}</p>")
    return "\n".join(out) + "\n"


def csv_table(headers: Sequence[str], rows: Sequence[Sequence[CsvValue]]) -> str:
    """CSV with a header row, ``\\n`` line ends, every cell made formula-safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([escape.csv_cell(h) for h in headers])
    for row in rows:
        writer.writerow([escape.csv_cell(c) for c in row])
    return buffer.getvalue()


def json_document(data: dict[str, Any]) -> str:
    """The library's own result as JSON: nothing added, removed or reordered."""
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
