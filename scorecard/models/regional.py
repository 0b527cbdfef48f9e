"""Regional views: one rule set scored for several countries side by side.

A regional scorecard is the countries' own scorecards, each whole, in the order asked
for — never ranked.  Their headline scores are averages over the recommendations each
country's evidence could assess; when those differ, the scores are not comparable and
``comparable`` says so, with the reason, so that no output ranks countries on different
coverage.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .results import RecommendationResult, Scorecard, Status, Truth, Trend, _Result


def verdict_coverage(result: RecommendationResult) -> float:
    """The share of a verdict's criteria weight that evidence could assess (0 to 1): the
    scoring's own figure where it records one, else counted from the criteria."""
    recorded = getattr(result, "coverage", None)
    if isinstance(recorded, float):
        return recorded
    total = sum(c.weight for c in result.criteria)
    return sum(c.weight for c in result.criteria if c.truth is not Truth.UNKNOWN) / total if total else 0.0


@dataclass(slots=True, kw_only=True)
class RegionalScorecard(_Result):
    ruleset: str
    title: str
    year: int
    countries: list[str]
    """ISO 3166 alpha-3 codes, in the order asked for (never by score)."""
    names: dict[str, str]
    """Code -> the country's English name (its code when the project does not describe it)."""
    scorecards: list[Scorecard]
    """One per country, in the order of ``countries``."""
    comparable: bool
    """Whether every country's score rests on the same assessed recommendations."""
    caveat: str | None = None
    """Why the scores are not comparable, in words (None when they are)."""


@dataclass(slots=True, kw_only=True)
class RegionalProgressRow(_Result):
    country: str
    id: str
    title: str
    statuses: dict[int, Status]
    coverage: dict[int, float]
    """Year -> the verdict's coverage: assessed weight over total weight of its criteria."""
    trend: Trend


@dataclass(slots=True, kw_only=True)
class RegionalProgress(_Result):
    ruleset: str
    title: str
    countries: list[str]
    names: dict[str, str]
    years: list[int]
    rows: list[RegionalProgressRow] = field(default_factory=list)
    """Country by country (in the order asked for), recommendations in rule-file order."""
