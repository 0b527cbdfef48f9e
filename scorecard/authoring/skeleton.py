"""``scorecard new-year``: start the evidence file of a country's new year.

The file it writes is valid as it stands (no facts yet) and lists, as comments, what a
curator needs at hand: the sources that can speak for the year, every indicator the rule
sets read (with its type, unit and values, and who reads it), and what the previous year
recorded for each, so the new figures can be looked for one by one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import ScorecardError
from ..loader import load_project
from ..models import Fact, Indicator, IndicatorType
from ..project import Project
from ..safe_write import write_atomic
from ..timeliness import last_year
from ..layout import folder_names
from .vocabulary import readers


@dataclass
class Skeleton:
    path: str
    text: str
    previous_year: int | None
    indicators: int


def new_year(root: Path, country: str, year: int, *, dry_run: bool = False) -> Skeleton:
    """Write ``evidence/<folder>/<year>.yaml`` for ``country`` (refused when the country
    already has a file for that year, anywhere)."""
    project = load_project(root, evidence=True).project
    code = country.upper()
    if project.country_catalogue and code not in project.country_catalogue:
        raise ScorecardError(f'country "{country}" is not in rules/countries.yaml (it has: {", ".join(sorted(project.country_catalogue))})')
    if not 1990 <= year <= 2100:
        raise ScorecardError(f"year {year} is outside 1990–2100")
    docs = [doc for doc in project.evidence if doc.data.country == code]
    taken = next((doc.path for doc in docs if doc.data.year == year), None)
    if taken is not None:
        raise ScorecardError(f"{taken} already holds the evidence of {code} for {year}; edit it")
    path = f"{_folder(project, code, docs)}/{year}.yaml"
    if (root / path).exists():
        raise ScorecardError(f"{path} exists already; edit it")
    earlier = [doc for doc in docs if doc.data.year < year]
    previous = max(earlier, key=lambda doc: doc.data.year) if earlier else None
    read = readers(project)
    wanted = [indicator for indicator in project.indicators.values() if indicator.id in read]
    text = render_skeleton(project, code, year, wanted, read, previous.data.year if previous else None, previous.data.facts if previous else [])
    if not dry_run:
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        write_atomic(root / path, text.encode("utf-8"))
    return Skeleton(path, text, previous.data.year if previous else None, len(wanted))


def _folder(project: Project, code: str, docs: list) -> str:
    """The country's evidence folder: where its files are, else its English name in
    lower case (``evidence/peru``), else its code (``evidence/per``)."""
    if docs:
        return docs[0].path.rpartition("/")[0]
    country = project.country_catalogue.get(code)
    return "evidence/" + folder_names(code, country.names.en if country is not None else None)[0]


def render_skeleton(
    project: Project, code: str, year: int, indicators: Iterable[Indicator], read: dict[str, list[str]], previous_year: int | None, previous: list[Fact]
) -> str:
    country = project.country_catalogue.get(code)
    name = country.names.en if country is not None else code
    lines = [
        "# yaml-language-server: $schema=../../schemas/evidence.schema.json",
        "#",
        f"# {name}, {year}: started with `scorecard new-year {code} {year}`.",
        "#",
    ]
    sources = [s for s in project.sources.values() if (s.country in (None, code)) and (last_year(s) or 0) >= year]
    if sources:
        lines.append(f"# Sources that can speak for {year} (a later report may give {year} figures too):")
        width = max(len(s.id) for s in sources)
        for source in sorted(sources, key=lambda s: s.id):
            covers = f" (covers {source.covers.start} to {source.covers.end})" if source.covers else ""
            lines.append(f"#   {source.id.ljust(width)}  {_one_line(source.title)}{covers}")
    else:
        lines.append(f"# No source covers {year} yet: add the report with `scorecard source add FILE ...`.")
    lines += ["#", f"# Indicators the rule sets read, and what {previous_year} recorded:" if previous_year else "# Indicators the rule sets read (no earlier year recorded any):"]
    by_indicator: dict[str, list[Fact]] = {}
    for fact in previous:
        by_indicator.setdefault(fact.indicator, []).append(fact)
    pillar = None
    for indicator in sorted(indicators, key=lambda i: (i.pillar.value, i.id)):
        if indicator.pillar.value != pillar:
            pillar = indicator.pillar.value
            lines += ["#", f"# {pillar}"]
        recorded = "; ".join(_recorded(f) for f in by_indicator.get(indicator.id, [])) or "no fact"
        lines.append(f"#   {indicator.id} ({_kind(indicator)})" + (f" -- {previous_year}: {recorded}" if previous_year else ""))
        lines.append(f"#       read by {', '.join(read.get(indicator.id, []))}")
    lines += [
        "#",
        "# A fact looks like this (`scorecard suggest SOURCE` proposes some, with their quotes):",
        "#   - indicator: prosecution.convictions",
        "#     value: 33",
        "#     citations:",
        "#       - source: SOURCE-ID",
        "#         quote: \"the source's own words\"",
        f"country: {code}",
        f"year: {year}",
        "facts: []",
    ]
    return "\n".join(lines) + "\n"


def _kind(indicator: Indicator) -> str:
    if indicator.type is IndicatorType.ENUM:
        return "one of " + " < ".join(indicator.values or [])
    detail = indicator.unit or (indicator.basis.value if indicator.basis else None)
    return f"{indicator.type.value} of {detail}" if detail and indicator.type is IndicatorType.COUNT else f"{indicator.type.value}" + (f", {detail}" if detail else "")


def _recorded(fact: Fact) -> str:
    value = str(fact.value).lower() if isinstance(fact.value, bool) else str(fact.value) if fact.value is not None else ""
    if fact.bound.value != "exact":
        value = f"{fact.bound.value.replace('_', ' ')} {value}"
    if fact.direction is not None:
        value = f"{value} ({fact.direction.value})" if value else fact.direction.value
    period = f" for {fact.period}" if fact.period else ""
    reporter = "".join(f", {part}" for part in (fact.basis.value if fact.basis else None, fact.reporter) if part)
    return f"{value}{period} ({', '.join(dict.fromkeys(c.source for c in fact.citations))}{reporter})"


def _one_line(text: str) -> str:
    return " ".join(text.split())
