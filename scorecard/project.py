"""A loaded project: its files as models, indexed by id.

Loading and cross-file checks live in :mod:`scorecard.loader` and
:mod:`scorecard.checks`; this module is only the in-memory shape that the
evaluator and the commands read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .anchor import SourceText
from .models import (
    Citation,
    CitationRef,
    EvidenceFile,
    Indicator,
    ProjectConfig,
    RuleSet,
    Source,
)


@dataclass(frozen=True)
class EvidenceDoc:
    """One evidence file: its project-relative path and its content."""

    path: str
    data: EvidenceFile


@dataclass
class Project:
    root: Path
    config: ProjectConfig
    sources: dict[str, Source] = field(default_factory=dict)
    indicators: dict[str, Indicator] = field(default_factory=dict)
    rulesets: dict[str, RuleSet] = field(default_factory=dict)
    ruleset_paths: dict[str, str] = field(default_factory=dict)
    """Rule set id -> project-relative path of its file."""
    ruleset_hashes: dict[str, str] = field(default_factory=dict)
    """Rule set id -> SHA-256 of its file's bytes (for provenance)."""
    evidence: list[EvidenceDoc] = field(default_factory=list)
    """Every evidence file that loaded, sorted by path."""
    _texts: dict[str, SourceText | None] = field(default_factory=dict, repr=False)

    def source_path(self, source_id: str) -> Path:
        return self.root / "seeds" / self.sources[source_id].file

    def source_text(self, source_id: str) -> SourceText | None:
        """The source's text, read once; None when it cannot be read as UTF-8."""
        if source_id not in self._texts:
            try:
                text = self.source_path(source_id).read_bytes().decode("utf-8")
            except (OSError, UnicodeDecodeError, KeyError):
                self._texts[source_id] = None
            else:
                self._texts[source_id] = SourceText(text)
        return self._texts[source_id]

    def keep_text(self, source_id: str, text: SourceText) -> None:
        """Remember a source text already read (by the checks), so it is not read twice."""
        self._texts[source_id] = text

    def resolve(self, citation: Citation) -> CitationRef:
        """Where a citation's quote is: line and column of its first match (0 when not found)."""
        source = self.sources.get(citation.source)
        text = self.source_text(citation.source) if source else None
        line = col = 0
        heading = None
        if text is not None:
            lookup = text.find(citation.quote, citation.prefix, citation.suffix)
            if lookup.hits:
                start = lookup.hits[0].start
                line, col = text.line_col(start)
                heading = text.heading_before(start)
        return CitationRef(
            source=citation.source,
            quote=citation.quote,
            line=line,
            col=col,
            title=source.title if source else None,
            heading=heading,
        )

    def countries(self) -> list[str]:
        """ISO3 codes of the countries with evidence, sorted."""
        return sorted({doc.data.country for doc in self.evidence})

    def years(self, country: str) -> list[int]:
        """Years with an evidence file for the country, ascending."""
        return sorted({doc.data.year for doc in self.evidence if doc.data.country == country})
