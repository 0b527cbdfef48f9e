"""The project file, ``scorecard.yaml``: marks a project's root and names its defaults."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import Slug, StrictModel


class MemoLetterhead(StrictModel):
    """Who sends the project's memos: printed at the top of each (all optional)."""

    organisation: str | None = Field(default=None, min_length=1, max_length=200)
    author: str | None = Field(default=None, min_length=1, max_length=200)
    contact: str | None = Field(default=None, min_length=1, max_length=200, description="an address, e-mail or telephone")


class ProjectConfig(StrictModel):
    name: str = Field(min_length=1)
    default_ruleset: Slug | None = Field(default=None, description="rule set of a bare `scorecard evaluate`")
    lang: Literal["en", "es"] | None = Field(default=None, description="language of memos and tables when --lang is not given")
    memo: MemoLetterhead | None = Field(default=None, description="the letterhead of memos")
