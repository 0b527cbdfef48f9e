"""The terminal layer: colour for verdicts when a person is reading, plain text otherwise.

rich is imported only when colour will be shown (stdout is a terminal, ``NO_COLOR`` is
unset and ``--no-color`` was not given), so piped output and ``scorecard --help`` never
pay for it, and what reaches a file or a pipe is byte for byte the plain rendering.
"""

from __future__ import annotations

import os
import re
import sys

STYLES = {"met": "bold green", "partial": "yellow", "unmet": "bold red", "not assessed": "dim"}
_VERDICT = re.compile(r"(?<![\w-])(not assessed|partial|unmet|met)(?![\w-])")

settings = {"no_color": False}
"""Set by the global ``--no-color`` option."""


def colour_wanted() -> bool:
    return not settings["no_color"] and "NO_COLOR" not in os.environ and sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


def verdict_spans(text: str, column: str = "status") -> list[tuple[int, int, str]]:
    """(start, end, verdict) of the verdict words in a plain table, from the first header
    matching the regular expression ``column`` rightwards (the verdict columns): never a
    word of the same spelling inside a title to their left."""
    spans: list[tuple[int, int, str]] = []
    offset, start_col = 0, None
    for line in text.splitlines(keepends=True):
        if start_col is None:
            found = re.search(rf"(?<!\S)(?:{column})(?!\S)", line)
            if found:
                start_col = found.start()
        else:
            for match in _VERDICT.finditer(line, start_col):
                spans.append((offset + match.start(), offset + match.end(), match.group(1)))
        offset += len(line)
    return spans


def write_table(text: str, column: str = "status") -> None:
    """Write a rendered plain table to stdout, with its verdicts coloured when wanted."""
    text = text if text.endswith("\n") else text + "\n"
    if not colour_wanted():
        sys.stdout.write(text)
        return
    from rich.console import Console
    from rich.text import Text

    styled = Text(text)
    for start, end, verdict in verdict_spans(text, column):
        styled.stylize(STYLES[verdict], start, end)
    Console(file=sys.stdout, highlight=False, soft_wrap=True, emoji=False, markup=False).print(styled, end="")
