"""The citable region of a source for a country: its spans, less its excluded ranges.

A source may be about one country (``country`` with an optional ``span``) or hold several
countries' chapters (``spans``, each naming its country; several per country allowed);
``exclude`` ranges (a collector's header in the middle of a text) are never citable.  A
quote counts only where it lies wholly inside one span of its fact's country and touches
no excluded range.
"""

from __future__ import annotations

from dataclasses import dataclass

from .anchor import Hit, SourceText
from .models import Source, Span

Range = tuple[int, int]
"""Original offsets [start, end) in a source text."""


@dataclass(frozen=True)
class Region:
    """Where in a source a country's facts may quote.  ``spans`` empty: the whole text."""

    spans: tuple[Range, ...] = ()
    excluded: tuple[Range, ...] = ()
    countries: tuple[str, ...] = ()
    """The countries the source has spans for (for messages)."""

    def contains(self, start: int, end: int) -> bool:
        if self.spans and not any(a <= start and end <= b for a, b in self.spans):
            return False
        return not any(start < b and a < end for a, b in self.excluded)

    def holds(self, hit: Hit) -> bool:
        return self.contains(hit.start, hit.end)

    @property
    def empty(self) -> bool:
        """True when the source has spans but none for the country: nothing is citable."""
        return self.spans == ((0, 0),)


NOTHING = ((0, 0),)
"""The spans of a region with nothing citable (a country the source has no part about)."""


def phrase_range(text: SourceText, span: Span) -> tuple[Range | None, str | None]:
    """Offsets of a span in a text: from its start phrase to the end of the first
    occurrence of its end phrase after that.  (None, "start"/"end") when a phrase is missing."""
    start = text.find_phrase(span.start)
    if start is None:
        return None, "start"
    stripped = span.end.strip()
    at = text.text.find(stripped, start.start) if stripped else -1
    if at >= 0:
        return (start.start, at + len(stripped)), None
    end = text.find_phrase(span.end)  # differently spaced: the normalised lookup
    if end is None or end.end <= start.start:
        return None, "end"
    return (start.start, end.end), None


def region_of(source: Source, text: SourceText, country: str | None) -> Region | None:
    """The citable region of ``source`` for facts of ``country`` (None: any country's facts,
    e.g. a recommendation's own citation).  None when the whole text is citable.  A span
    whose phrases are missing is left out, and when every span of the country is, the
    whole text counts (validation reports the span: its problem is not each quote's)."""
    excluded = tuple(r for r, _ in (phrase_range(text, s) for s in source.exclude or ()) if r is not None)
    if source.spans is not None:
        about = tuple(dict.fromkeys(s.country for s in source.spans))
        mine = [s for s in source.spans if country is None or s.country == country.upper()]
    elif source.span is not None:
        about = (source.country,) if source.country else ()
        # The one span is about the source's country: another country's facts may not cite it.
        mine = [source.span] if source.country is None or country is None or country.upper() == source.country else []
    else:
        return Region((), excluded) if excluded else None
    if not mine:
        return Region(NOTHING, excluded, about)
    spans = tuple(r for r, _ in (phrase_range(text, s) for s in mine) if r is not None)
    if not spans:
        return Region((), excluded, about) if excluded else None
    return Region(spans, excluded, about)
