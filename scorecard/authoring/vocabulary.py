"""The indicators, and which rule sets read each: what ``scorecard indicators`` lists."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..evaluate import indicators_read
from ..project import Project


@dataclass
class IndicatorEntry:
    id: str
    label: str | None
    type: str
    pillar: str
    description: str
    unit: str | None
    basis: str | None
    values: list[str] | None
    read_by: list[str] = field(default_factory=list)
    """``ruleset/item`` of every recommendation whose criteria read it, in rule-file order."""


def readers(project: Project) -> dict[str, list[str]]:
    """Indicator id -> the ``ruleset/item`` ids that read it (rule sets sorted by id)."""
    found: dict[str, dict[str, None]] = {}
    for ruleset_id in sorted(project.rulesets):
        for recommendation in project.rulesets[ruleset_id].recommendations:
            for criterion in recommendation.criteria:
                for indicator in indicators_read(criterion.condition):
                    found.setdefault(indicator, {})[f"{ruleset_id}/{recommendation.id}"] = None
    return {indicator: list(items) for indicator, items in found.items()}


def list_indicators(project: Project, query: str | None = None) -> list[IndicatorEntry]:
    """The vocabulary in file order; with a ``query``, only indicators whose id, label,
    description, unit or enum values hold every word of it (case-insensitive)."""
    read = readers(project)
    words = query.casefold().split() if query else []
    entries = []
    for indicator in project.indicators.values():
        entry = IndicatorEntry(
            id=indicator.id,
            label=indicator.label,
            type=indicator.type.value,
            pillar=indicator.pillar.value,
            description=indicator.description,
            unit=indicator.unit,
            basis=indicator.basis.value if indicator.basis else None,
            values=list(indicator.values) if indicator.values else None,
            read_by=read.get(indicator.id, []),
        )
        haystack = " ".join([entry.id, entry.label or "", entry.description, entry.unit or "", entry.basis or "", *(entry.values or [])]).casefold()
        if all(word in haystack for word in words):
            entries.append(entry)
    return entries
