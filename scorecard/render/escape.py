"""Escaping: the one place where text from data files is made safe for an output format.

Everything a renderer prints that came from a data file (titles, quotes, explanations,
ids, notes) goes through one of these functions first.  Every escaper begins with
:func:`strip_controls`, because any format may end up on a terminal: a quote must not be
able to move the cursor, clear the screen or retitle the window.

JSON needs no escaper here: ``json.dumps`` escapes control characters itself.
"""

from __future__ import annotations

import html
import re

# ANSI/ECMA-48 escape sequences: CSI (ESC [ or the 8-bit CSI), OSC/DCS/SOS/PM/APC strings
# up to their terminator, and the two-byte ESC sequences.  Removed whole, so that no
# "[2J" debris is left behind once the ESC byte is gone.
_ANSI = re.compile(
    r"""
      (?:\x1b\[|\x9b) [0-?]* [ -/]* [@-~]?          # CSI ... final byte
    | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])       # OSC, DCS, SOS, PM, APC ...
      [^\x07\x1b\x9c\n]* (?:\x07|\x1b\\|\x9c)?    # ... up to BEL, ST or line end
    | \x1b [ -/]* [0-~]                              # two-byte (and nF) escapes
    """,
    re.VERBOSE,
)
# What is left: C0 controls except tab and newline, DEL, C1 controls, and the Unicode
# bidirectional overrides/isolates, which can make a terminal show text in another order
# than it is stored ("Trojan Source").
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def strip_controls(text: str) -> str:
    """Remove terminal escape sequences and control characters; keep tabs and newlines.

    Carriage returns become newlines (a lone CR would let a quote overwrite its own line).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ANSI.sub("", text)
    return _CONTROL.sub("", text)


def visible(text: str) -> str:
    """Text that must reach a terminal as written, only made harmless: each character that
    is not printable (controls, escape sequences, bidirectional overrides) shows as U+FFFD,
    so a reader sees that something is there; tabs and line breaks stay."""
    text = text.replace("\r\n", "\n")
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or ch in "\t\n" else "\ufffd" for ch in text)


def one_line(text: str) -> str:
    """Controls stripped and every run of whitespace (newlines included) made one space."""
    return " ".join(strip_controls(text).split())


# --- plain text ------------------------------------------------------------------------


def plain(text: str) -> str:
    """Plain text for a terminal: controls stripped, line breaks kept."""
    return strip_controls(text)


def plain_cell(text: str) -> str:
    """A plain-text table cell: one line, no controls."""
    return one_line(text)


# --- Markdown --------------------------------------------------------------------------

# Characters that can start Markdown syntax anywhere in a line: escapes, code spans,
# emphasis, links/images/footnote references, raw HTML, entities, table cell separators
# and strikethrough.  Backslash-escaping ASCII punctuation is always allowed in CommonMark
# and renders as the character itself.
# ``#`` is escaped everywhere, not only at a line start: a heading's trailing " #" would
# otherwise be dropped as its closing sequence.
# An underscore between two letters or digits can neither open nor close emphasis, so
# ids such as ``unified_case_system`` are left readable.
_MD_INLINE = re.compile(r"([\\`*\[\]<>|&~#]|(?<![^\W_])_|_(?![^\W_]))")
# Syntax that only counts at the start of a line: headings, block quotes, list items,
# setext underlines, ordered list items ("1." / "1)").
_MD_LINE_START = re.compile(r"^([>+=-])|^(\d+)([.)])")


def markdown(text: str) -> str:
    """Markdown text that may begin a line: one line, every character that could start
    syntax escaped.

    Newlines become spaces, so data can never open a heading, a list or a new table row;
    ``|`` becomes ``\\|`` so a table keeps its column count; ``<`` is escaped so no raw
    HTML passes through; ``[`` and ``]`` so data cannot forge a link or a footnote; a
    ``#`` anywhere and a leading ``>``, ``-``, ``+``, ``=`` or ``1.`` are escaped.
    """
    escaped = markdown_cell(text)
    return _MD_LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", escaped)


def markdown_cell(text: str) -> str:
    """A GitHub pipe-table cell (never at the start of a line): as :func:`markdown` but
    without line-start escapes.  Surrounding spaces are stripped."""
    return _MD_INLINE.sub(r"\\\1", one_line(text))


# --- HTML ------------------------------------------------------------------------------


def html_text(text: str) -> str:
    """HTML element content or attribute value: controls stripped, ``& < > " '`` escaped."""
    return html.escape(strip_controls(text), quote=True)


def html_line(text: str) -> str:
    """HTML text on one line (table cells, headings, list items), escaped."""
    return html.escape(one_line(text), quote=True)


# --- LaTeX -----------------------------------------------------------------------------

_LATEX = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    # Not special, but printed as other glyphs in LaTeX's default OT1 font encoding.
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
}
_LATEX_SPECIAL = re.compile("|".join(re.escape(c) for c in _LATEX))


def latex(text: str) -> str:
    """LaTeX text: one line (a blank line would end a table cell's paragraph), specials escaped."""
    return _LATEX_SPECIAL.sub(lambda m: _LATEX[m[0]], one_line(text))


# --- CSV -------------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def csv_cell(value: str | int | float | bool | None) -> str | int | float:
    """A CSV cell that a spreadsheet will not run as a formula.

    Numbers stay numbers (``-2`` is written as ``-2``); ``None`` is an empty cell; booleans
    are ``true``/``false`` as in JSON.  A text cell beginning with ``= + - @``, a tab or a
    carriage return — or with spaces before one of them — gets a leading ``'``
    (OWASP's advice), unless the whole cell is a plain number.  Control characters are
    stripped; newlines are kept (the csv module quotes them).
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return value
    text = strip_controls(value)
    if ";" in text:  # spreadsheets in many locales split on ";": each part is a cell there
        return ";".join(map(_guarded, text.split(";")))
    return _guarded(text)


def _guarded(text: str) -> str:
    if _NUMBER.fullmatch(text.strip()):
        return text
    if text.startswith(_FORMULA_START) or text.lstrip().startswith(_FORMULA_START):
        return "'" + text
    return text
