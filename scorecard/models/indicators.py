"""The indicator vocabulary, ``rules/indicators.yaml``, shared by facts and rules."""

from __future__ import annotations

from enum import Enum

from pydantic import Field, model_validator

from .base import IndicatorId, Pillar, StrictModel


class IndicatorType(str, Enum):
    """What a fact's ``value`` must be for this indicator.

    - ``count``: a whole number >= 0 (cases, people, shelters)
    - ``amount``: money, a number >= 0 in the indicator's ``unit`` (a currency code such as PEN)
    - ``number``: any number in the indicator's ``unit`` (years of imprisonment, per cent)
    - ``enum``: one of the indicator's ``values``, listed from worst to best, so ordered comparisons work
    - ``boolean``: true or false
    """

    COUNT = "count"
    AMOUNT = "amount"
    NUMBER = "number"
    ENUM = "enum"
    BOOLEAN = "boolean"


class Indicator(StrictModel):
    id: IndicatorId
    type: IndicatorType = Field(strict=False)
    pillar: Pillar = Field(strict=False)
    description: str = Field(min_length=1)
    unit: str | None = Field(default=None, description="unit of counts and numbers, currency of amounts")
    values: list[str] | None = Field(default=None, min_length=2, description="enum values, worst first")

    @model_validator(mode="after")
    def _values_only_for_enums(self) -> "Indicator":
        if (self.type is IndicatorType.ENUM) != (self.values is not None):
            raise ValueError("an enum indicator needs `values`, and only an enum indicator may have them")
        if self.values is not None and len(set(self.values)) != len(self.values):
            raise ValueError("enum `values` must be distinct")
        return self


class IndicatorCatalogue(StrictModel):
    indicators: list[Indicator]
