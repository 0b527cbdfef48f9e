"""Evidence files, ``evidence/<country>/<year>.yaml``: the facts reported for one year."""

from __future__ import annotations

from enum import Enum

from pydantic import Field, model_validator

from .base import Basis, CountryCode, CurrencyCode, IndicatorId, Period, ReporterId, Scalar, SourceId, StrictModel


class Citation(StrictModel):
    """Where a fact (or a recommendation's wording) is said, in the source's own words.

    ``prefix``/``suffix`` are the words just before/after the quote, for a quote that
    occurs more than once in its source.
    """

    source: SourceId
    quote: str = Field(min_length=1)
    prefix: str | None = None
    suffix: str | None = None


class Direction(str, Enum):
    """A change the source reports for the year, with or without a figure
    ("decreased its anti-trafficking budget")."""

    INCREASED = "increased"
    DECREASED = "decreased"
    UNCHANGED = "unchanged"


class Bound(str, Enum):
    """How exact a figure is: "more than 36" is ``value: 36, bound: more_than``.
    A comparison holds only when the bound guarantees it; otherwise it is unknown."""

    EXACT = "exact"
    AT_LEAST = "at_least"
    MORE_THAN = "more_than"
    AT_MOST = "at_most"
    FEWER_THAN = "fewer_than"
    ABOUT = "about"


class Fact(StrictModel):
    """One reported figure or finding.

    ``value`` is typed by the indicator, or ``not_reported`` when the source says the
    government did not report it.  ``direction`` records a change the source reports
    (with or without a figure); a fact needs ``value`` or ``direction``, or both.
    ``period`` is given when the figure covers something other than the file's
    calendar year (``2004-01/2011-07``): a period longer than the year is a total,
    never the year's level.  ``basis`` says what a count counts (default: the
    indicator's ``basis``), ``reporter`` who reported it, ``bound`` how exact it is.
    """

    indicator: IndicatorId
    value: Scalar | None = None
    direction: Direction | None = Field(default=None, strict=False)
    bound: Bound = Field(default=Bound.EXACT, strict=False)
    basis: Basis | None = Field(default=None, strict=False)
    reporter: ReporterId | None = None
    period: Period | None = None
    currency: CurrencyCode | None = Field(
        default=None, description="ISO 4217 code of an amount's currency (default: the country's, from rules/countries.yaml)"
    )
    note: str | None = None
    citations: list[Citation] = Field(min_length=1)

    @model_validator(mode="after")
    def _value_or_direction(self) -> "Fact":
        if self.value is None and self.direction is None:
            raise ValueError("a fact needs a `value`, a `direction`, or both")
        if self.bound is not Bound.EXACT and (self.value is None or isinstance(self.value, (bool, str))):
            raise ValueError("a `bound` other than exact needs a numeric `value`")
        return self


class EvidenceFile(StrictModel):
    country: CountryCode
    year: int = Field(ge=1990, le=2100)
    facts: list[Fact]
