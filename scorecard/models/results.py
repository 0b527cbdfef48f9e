"""What evaluation produces: truth values, verdicts and the scorecard.

These are outputs, not hand-edited files, so they are plain (non-strict) models.
Explanations are data: each criterion result records the facts it read, and the
sentences are written by the scoring code, never by renderers.
"""

from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, ConfigDict

from .base import Pillar, Scalar


class Truth(str, Enum):
    """A condition's result: Kleene's three values."""

    TRUE = "true"
    FALSE = "false"
    UNKNOWN = "unknown"


class Status(str, Enum):
    """A recommendation's verdict for a year.  ``not_assessed`` means no evidence, never failure."""

    MET = "met"
    PARTIAL = "partial"
    UNMET = "unmet"
    NOT_ASSESSED = "not_assessed"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True)


class CitationRef(_Result):
    """A citation resolved against its source: where the quote is."""

    source: str
    quote: str
    line: int
    col: int = 1
    title: str | None = None
    heading: str | None = None


class FactUsed(_Result):
    """A fact a criterion read, with the evidence file it came from."""

    indicator: str
    year: int
    value: Scalar
    unit: str | None = None
    period: str | None = None
    note: str | None = None
    path: str
    citations: list[CitationRef]


class CriterionResult(_Result):
    id: str
    description: str
    truth: Truth
    weight: float = 1.0
    cap: str | None = None
    explanation: str
    facts: list[FactUsed] = []


class RecommendationResult(_Result):
    id: str
    title: str
    text: str
    pillar: Pillar
    status: Status
    score: float | None
    """Weight of the criteria that hold over the weight of those assessed (None when none is)."""
    held: int
    assessed: int
    total: int
    criteria: list[CriterionResult]
    citations: list[CitationRef]
    explanation: str


class Totals(_Result):
    met: int = 0
    partial: int = 0
    unmet: int = 0
    not_assessed: int = 0
    score: float | None = None
    """Weighted mean over assessed recommendations of met = 1, partial = 0.5, unmet = 0."""


class Provenance(_Result):
    tool_version: str
    ruleset_version: str
    ruleset_sha256: str
    sources: dict[str, str]
    """Source id -> SHA-256 of the source text, for every source the scorecard cites."""


class Scorecard(_Result):
    ruleset: str
    title: str
    country: str
    year: int
    results: list[RecommendationResult]
    totals: Totals
    provenance: Provenance


class Trend(str, Enum):
    """How a recommendation's verdict moved between the first and last assessed years."""

    IMPROVED = "improved"
    REGRESSED = "regressed"
    UNCHANGED = "unchanged"
    NEW_EVIDENCE = "new_evidence"
    """Assessed in only one of the years compared (or only the latest)."""
    NO_EVIDENCE = "no_evidence"


class ProgressRow(_Result):
    id: str
    title: str
    statuses: dict[int, Status]
    """Year -> verdict, for every year of the progress table."""
    trend: Trend


class Progress(_Result):
    ruleset: str
    title: str
    country: str
    years: list[int]
    rows: list[ProgressRow]


class CoverageGap(_Result):
    """Criteria of one recommendation with no evidence in one year: the curator's to-do list."""

    recommendation: str
    year: int
    criteria: list[str]
    indicators: list[str]


class Coverage(_Result):
    ruleset: str
    country: str
    years: list[int]
    gaps: list[CoverageGap]
