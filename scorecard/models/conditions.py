"""The condition language of rule criteria: a discriminated union on ``op``.

A condition is evaluated for one year of one country's evidence and gives a
three-valued truth: *true*, *false* or *unknown*.  Each operator's docstring is
its reference documentation (what it means, when it is unknown, an example).

Two rules hold throughout:

- no fact for the indicator in the year means **unknown** (no evidence is not failure);
- a fact whose value is ``not_reported`` makes comparisons **false**: following the
  TVPA's presumption, a government that does not report a figure is presumed not
  to have achieved it.
"""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import Field

from .base import IndicatorId, Scalar, StrictModel


class _Compare(StrictModel):
    indicator: IndicatorId
    value: Scalar


class Gte(_Compare):
    """The year's value is at least ``value`` (enums: by their declared order).
    Unknown without a fact; false when not reported.

    ``{op: gte, indicator: prosecution.convictions, value: 1}``"""

    op: Literal["gte"]


class Gt(_Compare):
    """The year's value is greater than ``value``.  Unknown without a fact; false when not reported.

    ``{op: gt, indicator: protection.dedicated_shelters, value: 0}``"""

    op: Literal["gt"]


class Lte(_Compare):
    """The year's value is at most ``value``.  Unknown without a fact; false when not reported.

    ``{op: lte, indicator: complicity.officials_convicted, value: 0}``"""

    op: Literal["lte"]


class Lt(_Compare):
    """The year's value is less than ``value``.  Unknown without a fact; false when not reported.

    ``{op: lt, indicator: overall.tier, value: 3}``"""

    op: Literal["lt"]


class Eq(_Compare):
    """The year's value equals ``value``.  Unknown without a fact; false when not reported.

    ``{op: eq, indicator: data.unified_case_system, value: operational}``"""

    op: Literal["eq"]


class Ne(_Compare):
    """The year's value differs from ``value``.  Unknown without a fact; false when not reported.

    ``{op: ne, indicator: coordination.interagency, value: poor}``"""

    op: Literal["ne"]


class In(StrictModel):
    """The year's value is one of ``values``.  Unknown without a fact; false when not reported.

    ``{op: in, indicator: coordination.interagency, values: [improving, adequate]}``"""

    op: Literal["in"]
    indicator: IndicatorId
    values: list[Scalar] = Field(min_length=1)


class _Change(StrictModel):
    indicator: IndicatorId
    min_change: float | None = Field(
        default=None,
        ge=0,
        le=1000,
        description="smallest relative change that counts, e.g. 0.1 for 10 per cent",
    )


class Increased(_Change):
    """The year's value is higher than the latest earlier reported value of the same
    indicator (by at least ``min_change`` relative, when given).  Unknown when either
    value is missing; false when this year's value is not reported.

    ``{op: increased, indicator: funding.national_budget}``"""

    op: Literal["increased"]


class Decreased(_Change):
    """The year's value is lower than the latest earlier reported value (by at least
    ``min_change`` relative, when given).  Unknown when either value is missing; false
    when this year's value is not reported.

    ``{op: decreased, indicator: prosecution.convictions}``"""

    op: Literal["decreased"]


class Unchanged(_Change):
    """The year's value equals the latest earlier reported value (within ``min_change``
    relative, when given).  Unknown when either value is missing; false when this year's
    value is not reported.

    ``{op: unchanged, indicator: overall.tier}``"""

    op: Literal["unchanged"]


class Reported(StrictModel):
    """A value was reported for the year: true for any value, false for ``not_reported``,
    unknown when there is no fact at all.

    ``{op: reported, indicator: prosecution.prosecutions}``"""

    op: Literal["reported"]
    indicator: IndicatorId


class AllOf(StrictModel):
    """Every part holds.  False if any part is false, else unknown if any part is unknown.

    ``{op: all, conditions: [{op: gt, indicator: prosecution.convictions, value: 0}, ...]}``"""

    op: Literal["all"]
    conditions: list["Condition"] = Field(min_length=1)


class AnyOf(StrictModel):
    """At least one part holds.  True if any part is true, else unknown if any part is unknown.

    ``{op: any, conditions: [{op: increased, indicator: funding.national_budget}, ...]}``"""

    op: Literal["any"]
    conditions: list["Condition"] = Field(min_length=1)


class Not(StrictModel):
    """The part does not hold.  ``not unknown`` is unknown.

    ``{op: not, condition: {op: eq, indicator: coordination.interagency, value: poor}}``"""

    op: Literal["not"]
    condition: "Condition"


Condition = Annotated[
    Union[Gte, Gt, Lte, Lt, Eq, Ne, In, Increased, Decreased, Unchanged, Reported, AllOf, AnyOf, Not],
    Field(discriminator="op"),
]
"""Every operator of the language; the union is the registry."""

OPERATORS: tuple[type[StrictModel], ...] = (
    Gte, Gt, Lte, Lt, Eq, Ne, In, Increased, Decreased, Unchanged, Reported, AllOf, AnyOf, Not,
)
COMPARISONS = (Gte, Gt, Lte, Lt, Eq, Ne)
CHANGES = (Increased, Decreased, Unchanged)

for _model in (AllOf, AnyOf, Not):
    _model.model_rebuild()
