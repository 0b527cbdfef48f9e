"""What a project holds, for ``scorecard list``: its rule sets and the years with evidence.

Also where ids typed at the prompt are matched to the project's own spelling: ``r2``
finds ``R2`` and ``TIP-2015-PERU`` finds ``tip-2015-peru``, as long as only one id
matches when case is ignored.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .project import Project


@dataclass(frozen=True)
class RuleSetEntry:
    """One rule set as listed: ``country`` is None for a rule set that applies to any
    country; ``years`` maps each country it can be scored for to its years with evidence."""

    id: str
    title: str
    country: str | None
    items: int
    years: dict[str, list[int]]

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, "title": self.title, "country": self.country, "items": self.items, "years": self.years}


def list_rulesets(project: Project) -> list[RuleSetEntry]:
    """Every rule set, sorted by id, with the years each of its countries has evidence."""
    entries = []
    for ruleset_id in sorted(project.rulesets):
        ruleset = project.rulesets[ruleset_id]
        countries = [ruleset.country] if ruleset.country else project.countries()
        years = {code: project.years(code) for code in countries}
        entries.append(RuleSetEntry(ruleset_id, ruleset.title, ruleset.country, len(ruleset.recommendations), years))
    return entries


def canonical_id(typed: str, known: Iterable[str]) -> str:
    """The project's spelling of an id typed in any case; the id as typed when none or
    several match (the caller then reports it unknown, with its did-you-mean)."""
    known = list(known)
    if typed in known:
        return typed
    matches = [k for k in known if k.casefold() == typed.casefold()]
    return matches[0] if len(matches) == 1 else typed
