"""Rule sets, ``rules/<body>/<id>.yaml``: what a government was asked to do."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from .base import CountryCode, ItemId, Pillar, Slug, SourceId, StrictModel
from .conditions import Condition
from .evidence import Citation


class Criterion(StrictModel):
    """One named condition that a recommendation's fulfilment requires."""

    id: ItemId
    description: str = Field(min_length=1, description="what must hold, in plain words")
    rationale: str = Field(min_length=1, description="why this indicator and threshold capture the clause")
    condition: Condition
    weight: float = Field(default=1.0, gt=0)
    cap: Literal["partial", "unmet"] | None = Field(
        default=None,
        description="when this criterion is false, the verdict is at most this",
    )


class Recommendation(StrictModel):
    id: ItemId
    title: str = Field(min_length=1, max_length=80, description="a short title for tables")
    text: str = Field(min_length=1, description="the recommendation's full wording")
    citation: Citation | None = Field(default=None, description="where its own words are, when in a source")
    legal_reference: str | None = Field(default=None, description="e.g. 22 U.S.C. 7106(b)(1)")
    pillar: Pillar = Field(strict=False)
    tvpa: list[ItemId] = Field(default_factory=list, description="ids in the tvpa-minimum-standards rule set")
    weight: float = Field(default=1.0, gt=0)
    criteria: list[Criterion] = Field(min_length=1)


class ScoringPolicy(StrictModel):
    """How criteria results become a verdict.

    The *score* is the weight of the criteria that hold over the weight of those assessed.
    ``met`` needs the weight that holds to reach ``met_threshold`` of *all* criteria (so an
    unknown criterion blocks ``met`` at the default 1.0); ``partial`` needs a score above zero
    and at least ``partial_threshold``; otherwise ``unmet``.  No assessed criterion at all
    gives ``not_assessed``.  A false criterion with a ``cap`` lowers the verdict to its cap.
    """

    met_threshold: float = Field(default=1.0, gt=0, le=1)
    partial_threshold: float = Field(default=0.0, ge=0, le=1)

    @model_validator(mode="after")
    def _thresholds_ordered(self) -> "ScoringPolicy":
        if self.partial_threshold > self.met_threshold:
            raise ValueError("partial_threshold must not exceed met_threshold")
        return self


class RuleSet(StrictModel):
    id: Slug
    title: str = Field(min_length=1)
    issuer: str = Field(min_length=1)
    issued: dt.date = Field(strict=False, description="date of issue, YYYY-MM-DD")
    version: str = Field(min_length=1, description="bumped whenever the rules change")
    source: SourceId | None = Field(default=None, description="the source that states the rules")
    country: CountryCode | None = Field(default=None, description="set when issued to one country")
    description: str | None = None
    policy: ScoringPolicy = ScoringPolicy()
    recommendations: list[Recommendation] = Field(min_length=1)
