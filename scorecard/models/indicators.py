"""The indicator vocabulary, ``rules/indicators.yaml``, shared by facts and rules."""

from __future__ import annotations

from enum import Enum
from typing import Literal

from pydantic import Field, model_validator

from .base import Basis, IndicatorId, Pillar, ReporterId, StrictModel


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


class IndicatorWords(StrictModel):
    """An indicator's words in another language, for memos and tables in that language."""

    label: str | None = Field(default=None, min_length=1, max_length=80, description="the label, translated")
    values: dict[str, str] | None = Field(default=None, description="enum value -> its word in this language")


class Indicator(StrictModel):
    id: IndicatorId
    type: IndicatorType = Field(strict=False)
    pillar: Pillar = Field(strict=False)
    description: str = Field(min_length=1)
    unit: str | None = Field(default=None, description="unit of counts and numbers, currency of amounts")
    values: list[str] | None = Field(default=None, min_length=2, description="enum values, worst first")
    label: str | None = Field(default=None, min_length=1, max_length=80, description='a short plain phrase for readers: "convictions"')
    basis: Basis | None = Field(default=None, strict=False, description="what a count counts, when facts do not say")
    translations: dict[Literal["es"], IndicatorWords] | None = Field(
        default=None, description="label and enum values in other languages: {es: {label: condenas, values: {poor: deficiente}}}"
    )

    @model_validator(mode="after")
    def _values_only_for_enums(self) -> "Indicator":
        if (self.type is IndicatorType.ENUM) != (self.values is not None):
            raise ValueError("an enum indicator needs `values`, and only an enum indicator may have them")
        if self.values is not None and len(set(self.values)) != len(self.values):
            raise ValueError("enum `values` must be distinct")
        if self.basis is not None and self.type is not IndicatorType.COUNT:
            raise ValueError("only a count indicator has a `basis`")
        for words in (self.translations or {}).values():
            unknown = sorted(set(words.values or {}) - set(self.values or []))
            if unknown:
                raise ValueError(f"`translations` names values the indicator does not have: {', '.join(unknown)}")
        return self


class Reporter(StrictModel):
    """Who reports figures: a police force, a ministry, the judiciary, an NGO."""

    id: ReporterId
    label: str = Field(min_length=1, description="its name, as readers know it")


class IndicatorCatalogue(StrictModel):
    reporters: list[Reporter] = Field(default_factory=list, description="who may be named as a fact's `reporter`")
    indicators: list[Indicator]
