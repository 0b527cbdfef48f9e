"""``scorecard cite``: where a quote is, for a curator at the terminal."""

from __future__ import annotations

from typing import Any

from .escape import visible

_STATUS = {
    "found": "found",
    "ambiguous": "found more than once: add --prefix or --suffix (and `prefix`/`suffix` in the citation)",
    "not_found": "not found",
    "context_not_found": "found, but not with the prefix or suffix given",
    "too_short": "too short to identify a passage (at least 8 characters)",
    "too_long": "too long (at most 2000 characters)",
    "cuts_word": "found only inside longer words or numbers: quote whole words",
    "unchecked": "not checked: the lookup needed more work than a run may spend",
}


def render_cite(result: Any) -> str:
    """Plain text: each place the quote occurs, or the closest passage."""
    lines = [f'{result.source}: quote {_STATUS.get(result.status, result.status)}']
    for place in result.places:
        how = "verbatim" if place.exact else "after normalising whitespace, quotes and dashes"
        lines.append(f"  {result.file}:{place.line}:{place.col} ({how})" + (f" under {place.heading!r}" if place.heading else ""))
        lines.append(f"    {_flat(place.context)}")
    if result.outside_span:
        lines.append("  outside the part of the source about its country: not valid as evidence")
    if result.closest is not None:
        lines.append(f"  closest passage {result.file}:{result.closest.line}:{result.closest.col} (similarity {result.similarity:.0f}%):")
        lines.append(f"    {_flat(result.closest.context)}")
    return visible("\n".join(lines)) + "\n"  # ids and file names come from the catalogue


def _flat(text: str) -> str:
    return "".join(ch if ch.isprintable() else " " for ch in " ".join(text.split()))
