"""Rule sets, ``rules/<body>/<id>.yaml``: what a government was asked to do."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from .base import ConflictPolicy, CountryCode, IndicatorId, ItemId, Pillar, Slug, SourceId, StrictModel, Weight
from .conditions import Condition
from .evidence import Citation


class Criterion(StrictModel):
    """One named condition that a recommendation's fulfilment requires.

    ``stand_in``: indirect evidence for the recommendation; it counts beside direct
    criteria but cannot carry a verdict alone.  ``credits: precondition``: the
    criterion credits something the recommendation presupposes rather than what it
    asks (an open investigation for "prosecute and convict"); it is scored as a
    stand-in, and ``counts_because`` must say why it counts at all.
    ``accepts_totals``: a total over a longer period may stand for the year's level.
    ``conflicts``: which figure to read when reporters disagree (overrides the policy).
    """

    id: ItemId
    description: str = Field(min_length=1, description="what must hold, in plain words")
    rationale: str = Field(min_length=1, description="why this indicator and threshold capture the clause")
    condition: Condition
    weight: Weight = 1.0
    cap: Literal["partial", "unmet"] | None = Field(
        default=None,
        description="when this criterion is false, the verdict is at most this",
    )
    stand_in: bool = Field(default=False, description="indirect evidence: cannot carry a verdict alone")
    accepts_totals: bool = Field(default=False, description="a multi-year total may stand for the year's level")
    conflicts: ConflictPolicy | None = Field(default=None, description="overrides the rule set's policy.conflicts")
    credits: Literal["precondition"] | None = Field(
        default=None,
        description="precondition: credits what the recommendation presupposes, not what it asks",
    )
    counts_because: str | None = Field(
        default=None,
        min_length=20,
        description="with credits: precondition, why crediting the precondition is still evidence",
    )

    @model_validator(mode="after")
    def _precondition_explained(self) -> "Criterion":
        if (self.credits is None) != (self.counts_because is None):
            raise ValueError("`credits: precondition` and `counts_because` go together: say why the precondition counts")
        return self

    @property
    def indirect(self) -> bool:
        """Whether the criterion cannot carry a verdict alone."""
        return self.stand_in or self.credits is not None


class TitleTranslation(StrictModel):
    """A title in another language; the texts stay as the source printed them."""

    title: str = Field(min_length=1, max_length=200)


Translations = dict[Literal["es"], TitleTranslation]


class Recommendation(StrictModel):
    id: ItemId
    title: str = Field(min_length=1, max_length=80, description="a short title for tables")
    text: str = Field(min_length=1, description="the recommendation's full wording")
    citation: Citation | None = Field(default=None, description="where its own words are, when in a source")
    legal_reference: str | None = Field(default=None, description="e.g. 22 U.S.C. 7106(b)(1)")
    pillar: Pillar = Field(strict=False)
    tvpa: list[ItemId] = Field(default_factory=list, description="ids in the tvpa-minimum-standards rule set")
    continues: str | None = Field(
        default=None,
        pattern=r"^[a-z0-9][a-z0-9_-]*/[A-Za-z0-9][A-Za-z0-9_.-]*$",
        description="the earlier report's item this one repeats or carries on, as <ruleset>/<item> (tip-2015-peru/R1)",
    )
    weight: Weight = 1.0
    criteria: list[Criterion] = Field(min_length=1)
    translations: Translations | None = Field(default=None, description="the title in other languages: {es: {title: ...}}")


class ScoringPolicy(StrictModel):
    """How criteria results become a verdict.

    The *score* is the weight of the criteria that hold over the weight of those assessed.
    ``met`` needs the weight that holds to reach ``met_threshold`` of *all* criteria (so an
    unknown criterion blocks ``met`` at the default 1.0); ``partial`` needs a score above zero
    and at least ``partial_threshold``; otherwise ``unmet``.  No assessed criterion at all
    gives ``not_assessed``, and so does a *coverage* (assessed weight over total weight)
    below ``min_coverage``.  A false criterion with a ``cap`` lowers the verdict to its cap.

    ``max_gap_years``: change conditions compare with an earlier figure at most this many
    years back (none: any earlier year).  ``conflicts``: what a criterion reads when facts
    of one indicator and year disagree.
    """

    met_threshold: float = Field(default=1.0, gt=0, le=1)
    partial_threshold: float = Field(default=0.0, ge=0, le=1)
    min_coverage: float = Field(default=0.0, ge=0, le=1, description="assessed weight / total weight below which a verdict is not assessed")
    max_gap_years: int | None = Field(default=None, ge=1, le=50, description="farthest earlier year a change is measured against")
    conflicts: ConflictPolicy = Field(default="unknown", description="unknown | lowest | highest | reporter:<id>")

    @model_validator(mode="after")
    def _thresholds_ordered(self) -> "ScoringPolicy":
        if self.partial_threshold > self.met_threshold:
            raise ValueError("partial_threshold must not exceed met_threshold")
        return self


class TierConclusion(StrictModel):
    """The TIP Report's overall judgement under 22 U.S.C. 7107(b), computed from items.

    - *fully meets* the minimum standards: every item of ``minimum_standards`` is met;
    - *significant efforts*: the weighted score (met 1, partial 0.5, unmet 0) of the
      ``significant_efforts`` items reaches ``efforts_threshold``, with every item of
      ``required_efforts`` at least partial;
    - *increasing efforts*: the verdict of ``increasing_efforts`` is met or partial;
    - the tier: Tier 1 when fully meets; Tier 2 on significant efforts, Tier 2 Watch
      List when efforts are not increasing; Tier 3 without significant efforts; and
      Tier 3 after two consecutive years on the Watch List unless ``waiver`` is true
      for the year.  Where a part is not assessed, so is the tier.
    ``published_tier`` names the indicator holding the tier the report printed and
    ``published_answers`` those holding its answers to the three questions (evidence,
    shown beside the indication, never read by any criterion).
    """

    kind: Literal["tvpa_tier"]
    minimum_standards: list[ItemId] = Field(min_length=1)
    significant_efforts: list[ItemId] = Field(min_length=1)
    required_efforts: list[ItemId] = Field(default_factory=list)
    efforts_threshold: float = Field(default=0.5, gt=0, le=1)
    increasing_efforts: ItemId | None = None
    published_tier: IndicatorId | None = None
    published_answers: dict[Literal["fully_meets", "significant_efforts", "increasing_efforts"], IndicatorId] = Field(
        default_factory=dict,
        description="boolean indicators holding the report's own answer to each question, shown beside the tool's",
    )
    waiver: IndicatorId | None = Field(default=None, description="boolean indicator: a Watch List waiver was granted")


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
    conclusion: TierConclusion | None = Field(default=None, description="an overall conclusion computed from the items")
    recommendations: list[Recommendation] = Field(min_length=1)
    translations: Translations | None = Field(default=None, description="the title in other languages: {es: {title: ...}}")
