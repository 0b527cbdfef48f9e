"""The memo's picture of progress: verdicts by year, as an SVG (HTML) and a table (Markdown)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..models import Status
from .i18n import translations
from .memo_view import MemoInput, status_word
from .svg import verdict_grid
from .words import Wording


def add_grid(view: dict[str, Any], m: MemoInput, trusted: Callable[[str], Any]) -> None:
    """Add ``grid`` (SVG markup), ``grid_caption``, ``years`` and ``grid_rows`` to a memo view;
    nothing when the memo has no progress to show."""
    view.update(grid=None, grid_caption=None, years=[], grid_rows=[])
    if m.progress is None or not m.progress.years:
        return
    w = Wording(m.lang, translations(m.lang), m.indicators, m.territory)
    caption = w._("Verdicts by year")

    def word(status: Status) -> str:
        return status_word(status, w)

    years = sorted(m.progress.years)
    view["grid"] = trusted(verdict_grid(m.progress, word, caption, w._("Key:")))
    view["grid_caption"] = caption
    view["years"] = years
    view["grid_rows"] = [
        {"id": row.id, "cells": [word(row.statuses[y]) if y in row.statuses else "" for y in years]}
        for row in m.progress.rows
    ]
