"""Pydantic models of every file kind and of evaluation results.

Imports nothing else from the package, so every layer may depend on it.
"""

from .base import NOT_REPORTED, Basis, Pillar, Scalar, month_span, period_years
from .countries import Country, CountryCatalogue, CountryNames, country_name
from .conditions import Condition
from .evidence import Bound, Citation, Direction, EvidenceFile, Fact
from .indicators import Indicator, IndicatorCatalogue, IndicatorType, Reporter
from .project import ProjectConfig
from .results import (
    CitationRef,
    CriterionResult,
    FactUsed,
    Finding,
    FindingValue,
    Reason,
    Provenance,
    RecommendationResult,
    ReviewNote,
    Scorecard,
    TierIndication,
    Status,
    Coverage,
    CoverageGap,
    Progress,
    ProgressRow,
    Totals,
    Trend,
    Truth,
)
from .reviews import Review, ReviewFile
from .rules import Criterion, Recommendation, RuleSet, ScoringPolicy, TierConclusion
from .sources import CountrySpan, Source, SourceCatalogue, Span

__all__ = [
    "NOT_REPORTED", "Citation", "Country", "CountryCatalogue", "CountryNames", "country_name", "CitationRef", "Condition", "Criterion", "CriterionResult",
    "EvidenceFile", "Fact", "FactUsed", "Indicator", "IndicatorCatalogue", "IndicatorType",
    "Pillar", "ProjectConfig", "Provenance", "Recommendation", "RecommendationResult", "RuleSet",
    "Scorecard", "ScoringPolicy", "Coverage", "CoverageGap", "Progress", "ProgressRow", "Trend", "CountrySpan", "Source", "SourceCatalogue", "Span", "Status", "Totals", "Truth",
    "period_years", "month_span", "Finding", "FindingValue", "Reason", "Scalar", "Basis", "Bound", "Direction", "Reporter", "TierConclusion",
    "Review", "ReviewFile", "ReviewNote",
    "TierIndication",
]
