"""What the memo views share: footnote numbering, which citations go where, cited sources.

All strings returned here are raw text; each memo renderer escapes them for its format.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from ..models import CitationRef, CriterionResult, RecommendationResult, Scorecard, Source


@dataclass
class Footnotes:
    """Footnotes numbered from 1 in order of first reference; the same quote at the same
    place in the same source is one footnote, however often it is cited."""

    notes: list[CitationRef] = field(default_factory=list)
    uses: list[int] = field(default_factory=list)
    """How many times each footnote has been referenced so far."""
    _numbers: dict[tuple[str, int, int, str], int] = field(default_factory=dict)

    @staticmethod
    def key(citation: CitationRef) -> tuple[str, int, int, str]:
        return (citation.source, citation.line, citation.col, citation.quote)

    def cite_all(self, citations: Sequence[CitationRef]) -> list[tuple[int, int]]:
        """Reference each distinct citation once at one place: [(number, use), ...]."""
        distinct = {self.key(c): c for c in citations}
        return [self.cite(c) for c in distinct.values()]

    def cite(self, citation: CitationRef) -> tuple[int, int]:
        """(footnote number, which use of it this is), both from 1."""
        key = self.key(citation)
        number = self._numbers.get(key)
        if number is None:
            self.notes.append(citation)
            self.uses.append(0)
            number = self._numbers[key] = len(self.notes)
        self.uses[number - 1] += 1
        return number, self.uses[number - 1]


def own_citations(result: RecommendationResult) -> list[CitationRef]:
    """The recommendation's citations that none of its criteria's facts cites: these are
    footnoted on its status line, before the criteria, so numbers rise down the page."""
    from_facts = {Footnotes.key(c) for criterion in result.criteria for fact in criterion.facts for c in fact.citations}
    return [c for c in result.citations if Footnotes.key(c) not in from_facts]


def fact_citations(criterion: CriterionResult) -> list[CitationRef]:
    return [c for fact in criterion.facts for c in fact.citations]


def all_citations(sc: Scorecard) -> Iterator[CitationRef]:
    for result in sc.results:
        yield from result.citations
        for criterion in result.criteria:
            for fact in criterion.facts:
                yield from fact.citations


@dataclass(frozen=True)
class SourceEntry:
    id: str
    source: Source | None
    sha256: str | None


def cited_sources(sc: Scorecard, sources: Sequence[Source]) -> list[SourceEntry]:
    """Every source the scorecard cites or lists in its provenance.

    Order: the catalogue's order (``sources`` as given); then, sorted by id, any cited
    source missing from the catalogue, with the SHA-256 from the provenance.
    """
    cited = {c.source for c in all_citations(sc)} | set(sc.provenance.sources)
    entries = [SourceEntry(s.id, s, s.sha256) for s in sources if s.id in cited]
    known = {s.id for s in sources}
    entries += [SourceEntry(i, None, sc.provenance.sources.get(i)) for i in sorted(cited - known)]
    return entries


def is_web_url(url: str) -> bool:
    """Only http(s) addresses become links; anything else is printed as text."""
    return url.lower().startswith(("http://", "https://"))
