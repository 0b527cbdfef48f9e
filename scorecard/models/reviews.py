"""Analyst reviews, ``reviews.yaml`` beside ``scorecard.yaml``: a person's verdict beside the rules'.

The rules may miss what an analyst knows (a law passed after the report, a figure the
report misreads).  A review records the analyst's verdict on one item of one year with
its justification, author, date and expiry, *and the rules' verdict it was written
against*, so that a change of rules or evidence sends it back for review (V003) rather
than leaving an old judgement standing on new facts.  Outputs show both verdicts side
by side; a review never replaces the rules' verdict.  (Compare InSpec waivers.)
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field, model_validator

from .base import CountryCode, ItemId, Slug, StrictModel
from .results import Status


class Review(StrictModel):
    ruleset: Slug = Field(description="the rule set's id")
    item: ItemId = Field(description="the recommendation's id in the rule set")
    country: CountryCode
    year: int = Field(ge=1990, le=2100)
    verdict: Status = Field(strict=False, description="the analyst's verdict: met, partial, unmet or not_assessed")
    rules_verdict: Status = Field(strict=False, description="the rules' verdict when the review was written (validate reports a change)")
    justification: str = Field(min_length=1, description="why the analyst's verdict differs, in plain words, with its sources")
    author: str = Field(min_length=1)
    date: dt.date = Field(strict=False, description="when the review was written, YYYY-MM-DD")
    expires: dt.date = Field(strict=False, description="when it must be revisited, YYYY-MM-DD (validate reports it after)")

    @model_validator(mode="after")
    def _expires_after_written(self) -> "Review":
        if self.expires <= self.date:
            raise ValueError("`expires` must come after `date`")
        return self


class ReviewFile(StrictModel):
    reviews: list[Review] = Field(default_factory=list)
