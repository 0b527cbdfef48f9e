"""Shared building blocks of the file models: strictness, id patterns, periods."""

from __future__ import annotations

import re
from enum import Enum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictFloat, StrictInt, StrictStr


class StrictModel(BaseModel):
    """A hand-edited file's object: unknown keys are errors, not silently dropped, and
    values are not coerced (a quoted "2017" is not a year).  Enum and date fields opt
    out of strictness with ``Field(strict=False)`` because YAML gives them as strings."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


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
CountryCode = Annotated[str, Field(pattern=r"^[A-Z]{3}$", description="ISO 3166-1 alpha-3 country code")]
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

Scalar = StrictInt | StrictFloat | StrictBool | StrictStr

NOT_REPORTED = "not_reported"
"""The value of a fact that says the government did not report a figure: evidence, not absence."""


def period_years(period: str) -> tuple[int, int]:
    """The first and last calendar year a period covers: ``"2004-01/2011-07"`` -> (2004, 2011)."""
    years = [int(m) for m in re.findall(r"(?:^|/)(\d{4})", period)]
    return years[0], years[-1]
