"""What evaluation produces: truth values, verdicts and the scorecard.

These are outputs, built by the evaluator from checked inputs, so they are plain
dataclasses: a scorecard of 190 countries x 20 years builds 370,000 of them, and
validating each on construction (as a pydantic model does) was a fifth of
evaluating everything.  Pydantic still serialises, validates and describes them
through a ``TypeAdapter``, behind the methods pydantic models have
(``model_dump``, ``model_dump_json``, ``model_validate``, ``model_json_schema``,
``model_copy``), so renderers, the published schema and library users see no change.

Explanations are data: each criterion result records the facts it read, and the
sentences are written by the scoring code, never by renderers.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from enum import Enum
from functools import cache
from typing import Any, TypeVar

from pydantic import TypeAdapter

from .base import Pillar, Scalar

R = TypeVar("R", bound="_Result")


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


class _Result:
    """Dumping, validating and describing a result, as pydantic models do."""

    __slots__ = ()

    def model_dump(self, *, mode: str = "python", **options: Any) -> dict[str, Any]:
        return _adapter(type(self)).dump_python(self, mode=mode, **options)  # type: ignore[no-any-return]

    def model_dump_json(self, **options: Any) -> str:
        return _adapter(type(self)).dump_json(self, **options).decode("utf-8")

    def model_copy(self: R, *, update: dict[str, Any] | None = None) -> R:
        return dataclasses.replace(self, **(update or {}))  # type: ignore[type-var]

    @classmethod
    def model_validate(cls: type[R], data: Any) -> R:
        return _adapter(cls).validate_python(data)

    @classmethod
    def model_json_schema(cls, **options: Any) -> dict[str, Any]:
        return _adapter(cls).json_schema(**options)


@cache
def _adapter(cls: type) -> TypeAdapter[Any]:
    return TypeAdapter(cls)


# Not frozen: a frozen dataclass is built twice as slowly, and nothing changes a
# result once built.  CitationRef is frozen because citations are de-duplicated by value.


@dataclass(frozen=True, slots=True, kw_only=True)
class CitationRef(_Result):
    """A citation resolved against its source: where the quote is."""

    source: str
    quote: str
    line: int
    col: int = 1
    title: str | None = None
    heading: str | None = None


@dataclass(slots=True, kw_only=True)
class FactUsed(_Result):
    """A fact a criterion read, with the evidence file it came from."""

    indicator: str
    year: int
    value: Scalar | None
    unit: str | None = None
    period: str | None = None
    note: str | None = None
    path: str
    citations: list[CitationRef]
    direction: str | None = None
    bound: str = "exact"
    basis: str | None = None
    """What the count counts (the fact's, else the indicator's basis)."""
    reporter: str | None = None
    conflict: bool = False
    """Another reporter or source gives a different figure for the same indicator and year."""


class Reason(str, Enum):
    """Why a finding came out as it did, for readers' words in any language."""

    HOLDS = "holds"
    """The figure(s) satisfy the condition."""
    FAILS = "fails"
    """The figure(s) do not."""
    NO_EVIDENCE = "no_evidence"
    NOT_REPORTED = "not_reported"
    """The source says the government did not report it: presumed not achieved."""
    TOTAL_NOT_LEVEL = "total_not_level"
    """A total over a longer period is not the year's level."""
    DIRECTION_ONLY = "direction_only"
    """Only a reported direction, no figure to compare with a level."""
    DIRECTION = "direction"
    """A change decided by the direction the source reports."""
    NO_EARLIER_YEAR = "no_earlier_year"
    NOT_COMPARABLE = "not_comparable"
    """The earlier figure counts something else, or another reporter's."""
    GAP_TOO_LONG = "gap_too_long"
    CONFLICT = "conflict"
    """Reporters disagree and the policy gives no single figure."""
    BOUND_UNDECIDED = "bound_undecided"
    """A bound ("more than 36") does not decide the comparison."""
    NO_ORDER = "no_order"


@dataclass(slots=True, kw_only=True)
class FindingValue(_Result):
    """One figure a finding read, with what it counts."""

    value: Scalar | None
    year: int
    period: str | None = None
    unit: str | None = None
    basis: str | None = None
    currency: str | None = None
    bound: str = "exact"
    direction: str | None = None
    reporter: str | None = None


@dataclass(slots=True, kw_only=True)
class Finding(_Result):
    """What one condition found, as data: a renderer can write it in readers' words or
    another language.  ``kind`` is ``level`` (a comparison), ``change`` or ``reported``;
    ``values`` are the figures read (for a change: the earlier one first); ``required``
    is the comparison's operand; ``conflict_policy`` names the rule applied when
    reporters disagree and ``chosen`` whose figure was used."""

    kind: str
    op: str
    indicator: str
    label: str | None
    truth: Truth
    reason: Reason
    negated: bool = False
    year: int
    values: list[FindingValue] = field(default_factory=list)
    required: Scalar | list[Scalar] | None = None
    min_change: float | None = None
    conflict_policy: str | None = None
    chosen: str | None = None
    conflicting: list[FindingValue] = field(default_factory=list)


@dataclass(slots=True, kw_only=True)
class CriterionResult(_Result):
    id: str
    description: str
    truth: Truth
    weight: float = 1.0
    cap: str | None = None
    explanation: str
    facts: list[FactUsed] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    """What each comparison found, as data (the explanation is their English sentence)."""
    stand_in: bool = False
    """Indirect evidence (a stand-in, or a precondition credited): cannot carry a verdict alone."""


@dataclass(slots=True, kw_only=True)
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
    coverage: float = 0.0
    """Weight of the criteria assessed (true or false) over the weight of all scored criteria."""
    review: "ReviewNote | None" = None
    """An analyst's reviewed verdict, shown beside ``status`` (never replacing it)."""


@dataclass(slots=True, kw_only=True)
class ReviewNote(_Result):
    """An analyst's verdict on one item and year, from reviews.yaml, beside the rules' own."""

    verdict: Status
    justification: str
    author: str
    date: str
    """when it was written, YYYY-MM-DD"""
    expires: str
    """when it must be revisited, YYYY-MM-DD"""
    rules_verdict: Status
    """the rules' verdict the review was written against"""
    expired: bool
    """its expiry date has passed (validate reports it: V002)"""
    outdated: bool
    """the rules' verdict is no longer ``rules_verdict`` (validate reports it: V003)"""


@dataclass(slots=True, kw_only=True)
class Totals(_Result):
    met: int = 0
    partial: int = 0
    unmet: int = 0
    not_assessed: int = 0
    score: float | None = None
    """Weighted mean over assessed recommendations of met = 1, partial = 0.5, unmet = 0."""


@dataclass(slots=True, kw_only=True)
class Provenance(_Result):
    tool_version: str
    ruleset_version: str
    ruleset_sha256: str
    sources: dict[str, str]
    """Source id -> SHA-256 of the source text, for every source the scorecard cites."""


TIER_LABELS = {"tier_1": "Tier 1", "tier_2": "Tier 2", "tier_2_watch_list": "Tier 2 Watch List", "tier_3": "Tier 3"}


@dataclass(slots=True, kw_only=True)
class TierIndication(_Result):
    """A rule set's overall conclusion for a year: the TVPA's three questions and the
    tier they indicate under 22 U.S.C. 7107(b), beside the tier the report printed."""

    fully_meets: Truth
    """Every minimum standard (a1-a4) is met."""
    significant_efforts: Truth
    increasing_efforts: Truth
    efforts_score: float | None
    """Weighted score of the assessed significant-efforts items (met 1, partial 0.5)."""
    efforts_coverage: float
    """Share of the significant-efforts items that are assessed."""
    tier: str | None
    """The indicated tier (tier_1, tier_2, tier_2_watch_list, tier_3), None when not assessed."""
    published_tier: str | None = None
    """The tier the report printed for the year, when recorded as evidence."""
    differs: bool = False
    """The indication and the published tier are both known and differ."""
    watch_list_years: list[int] = field(default_factory=list)
    """The consecutive earlier years on the Watch List that the indication took into account."""
    explanation: str
    published_answers: dict[str, bool] = field(default_factory=dict)
    """The report's own answer to each question, where recorded: fully_meets,
    significant_efforts, increasing_efforts."""
    published_citations: list[CitationRef] = field(default_factory=list)

    @property
    def tier_label(self) -> str:
        return TIER_LABELS.get(self.tier or "", "not assessed")

    @property
    def published_label(self) -> str:
        return TIER_LABELS.get(self.published_tier or "", "not recorded")


@dataclass(slots=True, kw_only=True)
class Scorecard(_Result):
    ruleset: str
    title: str
    country: str
    year: int
    results: list[RecommendationResult]
    totals: Totals
    provenance: Provenance
    conclusion: TierIndication | None = None
    """The rule set's overall conclusion, when it declares one."""


class Trend(str, Enum):
    """How a recommendation's verdict moved between two assessed years."""

    IMPROVED = "improved"
    REGRESSED = "regressed"
    UNCHANGED = "unchanged"
    COVERAGE_CHANGED = "coverage_changed"
    """The verdicts of two years whose coverage differs: not comparable as a trend."""
    NEW_EVIDENCE = "new_evidence"
    """Assessed in only one of the years compared (or only the latest)."""
    NO_EVIDENCE = "no_evidence"


@dataclass(slots=True, kw_only=True)
class ProgressRow(_Result):
    id: str
    title: str
    statuses: dict[int, Status]
    """Year -> verdict, for every year of the progress table."""
    trend: Trend
    """Since the baseline: from its verdict to the latest assessed year after it."""
    baseline: int | None = None
    """The last assessed year at or before the rule set's issue (None: none was)."""
    moved: Trend = Trend.NO_EVIDENCE
    """What the verdicts did since the baseline, coverage aside (improved, regressed, …)."""
    year_over_year: dict[int, Trend] = field(default_factory=dict)
    """Year -> the trend from the assessed year before it, for the assessed years after the baseline."""
    coverage: dict[int, float] = field(default_factory=dict)
    """Year -> the verdict's coverage."""
    reviewed: dict[int, Status] = field(default_factory=dict)
    """Year -> an analyst's reviewed verdict (reviews.yaml), shown beside the rules' one."""


@dataclass(slots=True, kw_only=True)
class Progress(_Result):
    ruleset: str
    title: str
    country: str
    years: list[int]
    rows: list[ProgressRow]
    issued: str | None = None
    """The rule set's date of issue (YYYY-MM-DD): trends are measured from the last assessed year at or before it."""


@dataclass(slots=True, kw_only=True)
class CoverageGap(_Result):
    """Criteria of one recommendation with no evidence in one year: the curator's to-do list."""

    recommendation: str
    year: int
    criteria: list[str]
    indicators: list[str]


@dataclass(slots=True, kw_only=True)
class Coverage(_Result):
    ruleset: str
    country: str
    years: list[int]
    gaps: list[CoverageGap]
