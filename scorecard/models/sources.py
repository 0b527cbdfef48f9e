"""The source catalogue, ``seeds/sources.yaml``: the documents that may be cited."""

from __future__ import annotations

import datetime as dt

from pydantic import Field, model_validator

from .base import CountryCode, Month, SourceId, StrictModel


class Span(StrictModel):
    """The part of a document about the country: from the first occurrence of ``start``
    to the end of the first occurrence of ``end`` after it.  A citation outside is an error."""

    start: str = Field(min_length=1, description="phrase that opens the part about the country")
    end: str = Field(min_length=1, description="phrase that closes the part about the country")


class CountrySpan(Span):
    """The part of a shared document about one country (a document may hold several
    countries' chapters, and a country may have several parts in it)."""

    country: CountryCode = Field(description="the country this part is about")


class Coverage(StrictModel):
    """The reporting period a document covers."""

    start: Month
    end: Month


class Source(StrictModel):
    id: SourceId
    file: str = Field(min_length=1, description="path relative to seeds/; must stay inside it")
    title: str = Field(min_length=1)
    publisher: str = Field(min_length=1)
    published: dt.date | None = Field(default=None, strict=False, description="publication date, YYYY-MM-DD, where known")
    covers: Coverage | None = None
    country: CountryCode | None = None
    url: str | None = Field(default=None, pattern=r"^https?://\S+$")
    original_name: str | None = Field(default=None, description="the file's name as received")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the file's bytes")
    span: Span | None = Field(default=None, description="the part about `country` (for a document about several countries, use `spans`)")
    spans: list[CountrySpan] | None = Field(
        default=None, min_length=1, description="the parts about each country; a fact may cite only the parts about its own country"
    )
    exclude: list[Span] | None = Field(
        default=None, min_length=1, description="ranges never citable, such as a collector's header in the middle of the text"
    )
    note: str | None = None

    @model_validator(mode="after")
    def _one_kind_of_span(self) -> "Source":
        if self.span is not None and self.spans is not None:
            raise ValueError("give either `span` (one part, about `country`) or `spans` (parts about several countries), not both")
        return self


class SourceCatalogue(StrictModel):
    sources: list[Source]
