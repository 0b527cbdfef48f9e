"""Shared building blocks of the file models: strictness, id patterns, periods."""

from __future__ import annotations

import re
from enum import Enum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool, StrictFloat, StrictInt, StrictStr


class StrictModel(BaseModel):
    """A hand-edited file's object: unknown keys are errors, not silently dropped, and
    values are not coerced (a quoted "2017" is not a year).  Enum and date fields opt
    out of strictness with ``Field(strict=False)`` because YAML gives them as strings."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, allow_inf_nan=False)


class Pillar(str, Enum):
    """The "4 Ps" of anti-trafficking policy, plus ``overall`` for whole-country judgements
    (tier, minimum-standards finding) that belong to no single pillar."""

    PROSECUTION = "prosecution"
    PROTECTION = "protection"
    PREVENTION = "prevention"
    PARTNERSHIP = "partnership"
    OVERALL = "overall"


Slug = Annotated[
    str,
    Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=80, description="lower-case id: letters, digits, - and _"),
]
SourceId = Annotated[
    str,
    Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=80, description="id of a source in seeds/sources.yaml"),
]
IndicatorId = Annotated[
    str,
    Field(
        pattern=r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$",
        max_length=80,
        description="dotted indicator id such as prosecution.convictions",
    ),
]
ItemId = Annotated[
    str,
    Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=40, description="id of a recommendation or criterion"),
]
CountryCode = Annotated[
    str,
    Field(pattern=r"^[A-Za-z]{3}$", description="ISO 3166-1 alpha-3 country code, in any case (pry is PRY)"),
    AfterValidator(str.upper),  # curators write pry or PRY; the project knows one spelling
]
CurrencyCode = Annotated[
    str,
    Field(pattern=r"^[A-Za-z]{3}$", description="ISO 4217 currency code, in any case (pyg is PYG)"),
    AfterValidator(str.upper),
]
Month = Annotated[str, Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$", description="a month as YYYY-MM")]

_PART = r"\d{4}(-(0[1-9]|1[0-2]))?"
PERIOD_PATTERN = rf"^{_PART}(/{_PART})?$"
Period = Annotated[
    str,
    Field(
        pattern=PERIOD_PATTERN,
        description="a year (2014), a month (2014-03) or a range of either (2004-01/2011-07)",
    ),
]

MAX_NUMBER = 10**15
"""The range of every number in every file (as yamlio enforces when reading): +/- this."""

Number = Annotated[StrictFloat, Field(ge=-MAX_NUMBER, le=MAX_NUMBER, allow_inf_nan=False)]
Integer = Annotated[StrictInt, Field(ge=-MAX_NUMBER, le=MAX_NUMBER)]
Weight = Annotated[float, Field(gt=0, le=1000, allow_inf_nan=False, description="relative weight, above 0 and at most 1000")]

Scalar = Integer | Number | StrictBool | StrictStr

class Basis(str, Enum):
    """What a count counts.  ``people`` covers traffickers, defendants, convicts and
    officials; two counts of different bases are never compared with each other."""

    CASES = "cases"
    PEOPLE = "people"
    VICTIMS = "victims"
    SUSPECTS = "suspects"


ReporterId = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9_-]*$",
        max_length=40,
        description="id of a reporter declared under `reporters:` in rules/indicators.yaml",
    ),
]

CONFLICT_POLICY_PATTERN = r"^(unknown|lowest|highest|reporter:[a-z0-9][a-z0-9_-]*)$"
ConflictPolicy = Annotated[
    str,
    Field(
        pattern=CONFLICT_POLICY_PATTERN,
        description=(
            "what a criterion reads when facts of one indicator and year disagree: "
            "unknown, lowest, highest, or reporter:<id> (that reporter's figure)"
        ),
    ),
]

NOT_REPORTED = "not_reported"
"""The value of a fact that says the government did not report a figure: evidence, not absence."""


def period_years(period: str) -> tuple[int, int]:
    """The first and last calendar year a period covers: ``"2004-01/2011-07"`` -> (2004, 2011)."""
    years = [int(m) for m in re.findall(r"(?:^|/)(\d{4})", period)]
    return years[0], years[-1]


def month_span(period: str | None, year: int) -> tuple[int, int]:
    """The first and last month a period covers, as month numbers since year 0, so that
    every spelling of one span is equal: absent (the file's year), ``2018`` and
    ``2018-01/2018-12`` all give the months of 2018."""
    if period is None:
        return year * 12, year * 12 + 11
    parts = period.split("/")

    def bounds(part: str) -> tuple[int, int]:
        y, _, m = part.partition("-")
        if m:
            month = int(y) * 12 + int(m) - 1
            return month, month
        return int(y) * 12, int(y) * 12 + 11

    return bounds(parts[0])[0], bounds(parts[-1])[1]
