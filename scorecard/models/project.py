"""The project file, ``scorecard.yaml``: marks a project's root and names its defaults."""

from __future__ import annotations

from pydantic import Field

from .base import Slug, StrictModel


class ProjectConfig(StrictModel):
    name: str = Field(min_length=1)
    default_ruleset: Slug | None = Field(default=None, description="rule set of a bare `scorecard evaluate`")
