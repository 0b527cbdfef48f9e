"""Evidence files, ``evidence/<country>/<year>.yaml``: the facts reported for one year."""

from __future__ import annotations

from pydantic import Field

from .base import CountryCode, IndicatorId, Period, Scalar, SourceId, StrictModel


class Citation(StrictModel):
    """Where a fact (or a recommendation's wording) is said, in the source's own words.

    ``prefix``/``suffix`` are the words just before/after the quote, for a quote that
    occurs more than once in its source.
    """

    source: SourceId
    quote: str = Field(min_length=1)
    prefix: str | None = None
    suffix: str | None = None


class Fact(StrictModel):
    """One reported figure or finding.

    ``value`` is typed by the indicator, or ``not_reported`` when the source says the
    government did not report it.  ``period`` is given when the figure covers something
    other than the file's calendar year (``2004-01/2011-07``).
    """

    indicator: IndicatorId
    value: Scalar
    period: Period | None = None
    note: str | None = None
    citations: list[Citation] = Field(min_length=1)


class EvidenceFile(StrictModel):
    country: CountryCode
    year: int = Field(ge=1990, le=2100)
    facts: list[Fact]
