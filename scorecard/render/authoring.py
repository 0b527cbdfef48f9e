"""What the curators' look-up and scaffolding commands print: pure functions of their results."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from . import escape
from .layout import csv_table, json_document, text_table

INDICATOR_HEADERS = ("id", "label", "type", "unit or basis", "values (worst first)", "read by")
READERS_SHOWN = 3
"""Rule-set items a text table lists per indicator before ``+N`` (CSV and JSON list all)."""


def _indicator_row(e: Any, limit: int | None) -> list[str]:
    read = e.read_by if limit is None or len(e.read_by) <= limit else [*e.read_by[:limit], f"+{len(e.read_by) - limit}"]
    return [e.id, e.label or "", e.type, e.unit or e.basis or "", " < ".join(e.values or []), ", ".join(read) or "(no rule set)"]


def render_indicators(entries: Sequence[Any], fmt: str, query: str | None = None) -> str:
    """The indicators in vocabulary order: ``plain``/``markdown``/… a table, ``csv``, or
    ``json`` (every field, with the full list of readers)."""
    if fmt == "json":
        return json_document({"query": query, "indicators": [asdict(e) for e in entries]})
    if fmt == "csv":
        return csv_table(INDICATOR_HEADERS, [_indicator_row(e, None) for e in entries])
    rows = [_indicator_row(e, READERS_SHOWN) for e in entries]
    heading = f'{len(entries)} indicator{"s" if len(entries) != 1 else ""}' + (f' matching "{query}"' if query else "")
    return text_table(fmt, heading, INDICATOR_HEADERS, rows)


def render_suggestions(result: Any) -> str:
    """Ready-to-edit YAML facts, one per suggested sentence, in text order, each with a
    comment saying where it is and why it was suggested."""
    target = result.evidence_path or f"the evidence file of {result.country} for {result.year} (`scorecard new-year {result.country} {result.year}`)"
    lines = [
        f"# {len(result.suggestions)} sentence{'s' if len(result.suggestions) != 1 else ''} of {result.file} that probably state a fact",
        f"# for an indicator no {result.year} fact gives yet. Guesses: check each against the source,",
        f"# correct the value, and paste the facts you keep under `facts:` of {target}.",
    ]
    for s in result.suggestions:
        lines += ["", escape.strip_controls(f"# {result.file}:{s.line}, words: {', '.join(s.words)}")]
        if s.status == "ambiguous":
            lines.append("# this sentence occurs more than once: `scorecard fix` adds the prefix or suffix that pins it")
        lines.append(f"- indicator: {s.indicator}")
        if s.value is not None:
            lines.append(f"  value: {s.value}")
        elif s.values:  # no guess: validate fails until a person chooses
            lines.append(f"  value: CHOOSE  # one of: {', '.join(s.values)}")
        else:
            lines.append("  value: CHOOSE  # true or false")
        lines += ["  citations:", f"    - source: {result.source}", f"      quote: {json.dumps(escape.strip_controls(s.quote), ensure_ascii=False)}"]
    return "\n".join(lines) + "\n"
