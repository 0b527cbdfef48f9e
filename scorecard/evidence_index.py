"""One country's facts by indicator and year, and the choice of the figure a condition reads.

Three rules decide which fact of an indicator stands for a year:

- **a total is not a level**: a fact whose period runs beyond its year (a cumulative
  "2004-2011" figure) never stands for the year's level, unless the criterion
  ``accepts_totals``;
- **conflicts are data**: facts of different reporters (or sources) that disagree are all
  kept; the conflict policy (``unknown`` | ``lowest`` | ``highest`` | ``reporter:<id>``)
  says which one a criterion reads, and with ``unknown`` none is;
- **like with like**: a change compares facts of the same basis (and the same reporter
  when both name one), at most ``max_gap_years`` apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from .models import NOT_REPORTED, Fact, Indicator, IndicatorType, period_years
from .project import Project


class FactRecord(NamedTuple):
    """A fact with where it came from: the evidence file's path and year.

    A named tuple because the index builds one for every fact of a country, and it
    is built in half the time of a frozen dataclass."""

    fact: Fact
    path: str
    year: int

    @property
    def reported(self) -> bool:
        """Whether the fact gives something other than ``not_reported`` (a figure or a direction)."""
        return self.fact.value != NOT_REPORTED

    @property
    def has_level(self) -> bool:
        """Whether the fact gives a figure, not only a direction."""
        return self.fact.value is not None


@dataclass(frozen=True)
class Reading:
    """How a criterion reads the evidence: from the criterion and its rule set's policy."""

    accepts_totals: bool = False
    conflicts: str = "unknown"
    max_gap_years: int | None = None


DEFAULT_READING = Reading()


@dataclass
class EvidenceIndex:
    """One country's facts, by indicator and year (in file order), plus the vocabulary.

    When two files give the same country and year (which validation reports), the
    facts of the first by path are kept.
    """

    country: str
    indicators: dict[str, Indicator]
    currency: str | None = None
    """The country's currency (rules/countries.yaml): that of its amounts unless a fact says otherwise."""
    facts: dict[str, dict[int, tuple[FactRecord, ...]]] = field(default_factory=dict)
    years: list[int] = field(default_factory=list)
    """Years with an evidence file for the country, ascending."""

    def records(self, indicator: str, year: int) -> tuple[FactRecord, ...]:
        return self.facts.get(indicator, {}).get(year, ())

    def fact(self, indicator: str, year: int) -> FactRecord | None:
        """The first fact for the year itself, else the first fact: for look-ups that do
        not evaluate (coverage), where any fact means "there is evidence"."""
        records = self.records(indicator, year)
        for record in records:
            if is_for_year(record.fact, year):
                return record
        return records[0] if records else None

    def currency_of(self, record: FactRecord) -> str | None:
        """An amount's currency: the fact's, else the country's, else the indicator's unit
        (a project without a countries file); None for a figure that is not an amount."""
        indicator = self.indicators.get(record.fact.indicator)
        if indicator is None or indicator.type is not IndicatorType.AMOUNT:
            return None
        return record.fact.currency or self.currency or indicator.unit

    def basis(self, record: FactRecord) -> str | None:
        """What a count counts: the fact's basis, else its indicator's."""
        if record.fact.basis is not None:
            return record.fact.basis.value
        indicator = self.indicators.get(record.fact.indicator)
        return indicator.basis.value if indicator is not None and indicator.basis is not None else None


def build_index(project: Project, country: str) -> EvidenceIndex:
    """Index a country's evidence once; every evaluation for that country reads it."""
    return project.derived(("evidence index", country), lambda: _index(project, country))


def _index(project: Project, country: str) -> EvidenceIndex:
    described = project.country_catalogue.get(country)
    index = EvidenceIndex(country=country, indicators=project.indicators, currency=described.currency if described else None)
    years: dict[int, str] = {}
    collected: dict[str, dict[int, list[FactRecord]]] = {}
    for doc in project.evidence_of(country):  # sorted by path: the first file of a year wins
        year = doc.data.year
        if years.setdefault(year, doc.path) != doc.path:
            continue
        for fact in doc.data.facts:
            collected.setdefault(fact.indicator, {}).setdefault(year, []).append(FactRecord(fact, doc.path, year))
    index.facts = {ident: {year: tuple(records) for year, records in by_year.items()} for ident, by_year in collected.items()}
    index.years = sorted(years)
    return index


def is_for_year(fact: Fact, year: int) -> bool:
    """Whether a fact's period lies within its year (absent, the year, or months of it)."""
    return fact.period is None or period_years(fact.period) == (year, year)


# -- choosing the figure -------------------------------------------------------------------


class Choice(NamedTuple):
    """The facts a condition reads for one indicator and year, and why.

    ``record`` is the figure to use (None when there is none to use); ``reason`` is
    None when it was found plainly, else ``no_evidence``, ``total_not_level`` or
    ``conflict``; ``candidates`` are every fact that was considered (shown and cited
    when they disagree); ``chosen`` says which rule picked ``record`` from a conflict."""

    record: FactRecord | None
    reason: str | None
    candidates: tuple[FactRecord, ...]
    chosen: str | None = None

    @property
    def conflicted(self) -> bool:
        return len({_key(r) for r in self.candidates}) > 1


def _key(record: FactRecord) -> tuple[object, ...]:
    fact = record.fact
    return (type(fact.value).__name__, fact.value, fact.bound, fact.direction)


def choose(index: EvidenceIndex, ident: str, year: int, reading: Reading, *, level: bool = True) -> Choice:
    """The fact a condition reads for ``ident`` in ``year``.

    ``level``: a figure is wanted (not a direction alone).  Totals are left out unless
    the reading accepts them; what remains, when it disagrees, follows the conflict
    policy."""
    records = index.records(ident, year)
    if not records:
        return Choice(None, "no_evidence", ())
    yearly = tuple(r for r in records if is_for_year(r.fact, year))
    if not reading.accepts_totals:
        if not yearly:
            return Choice(None, "total_not_level", records)
        records = yearly
    elif yearly:
        records = yearly  # the year's own figure comes first when there is one
    if level:
        figures = tuple(r for r in records if r.has_level)
        records = figures or records
    return _resolve(index, records, reading.conflicts)


def _resolve(index: EvidenceIndex, records: tuple[FactRecord, ...], policy: str) -> Choice:
    if len({_key(r) for r in records}) <= 1:
        return Choice(records[0], None, records)
    if policy.startswith("reporter:"):
        wanted = policy.removeprefix("reporter:")
        named = [r for r in records if r.fact.reporter == wanted]
        if named:
            return Choice(named[0], None, records, chosen=f"the figure of {wanted}, as the policy says")
        return Choice(None, "conflict", records, chosen=f"no figure of {wanted}")
    if policy in ("lowest", "highest"):
        ranked = [(rank, r) for r in records if (rank := level_rank(r, index)) is not None]
        if len(ranked) == len(records):
            pick = min if policy == "lowest" else max
            best = pick(ranked, key=lambda pair: pair[0])[1]
            return Choice(best, None, records, chosen=f"the {policy} figure, as the policy says")
    return Choice(None, "conflict", records)


def level_rank(record: FactRecord, index: EvidenceIndex) -> float | None:
    """A fact's place in its indicator's order; ``not_reported`` is below every figure
    (the TVPA's presumption: what is not reported is presumed not achieved)."""
    value = record.fact.value
    if value == NOT_REPORTED:
        return float("-inf")
    return rank(value, index.indicators.get(record.fact.indicator))


def rank(value: object, indicator: Indicator | None) -> float | None:
    """A value's place in its indicator's order: enums by declared position, numbers as
    themselves; None when the value has no order (booleans, unknown enum values)."""
    if indicator is not None and indicator.type is IndicatorType.ENUM:
        values = indicator.values or []
        return float(values.index(value)) if value in values else None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return None


def comparable(index: EvidenceIndex, a: FactRecord, b: FactRecord) -> bool:
    """Like with like: the same basis, and the same reporter when both name one."""
    if index.basis(a) != index.basis(b):
        return False
    ra, rb = a.fact.reporter, b.fact.reporter
    return ra is None or rb is None or ra == rb


class Earlier(NamedTuple):
    """The earlier figure a change is measured against, or why there is none."""

    record: FactRecord | None
    reason: str | None
    """None, ``no_earlier_year``, ``not_comparable`` or ``gap_too_long``."""
    rejected: FactRecord | None = None
    """The nearest earlier figure that was not comparable (or too far back)."""


def earlier_comparable(index: EvidenceIndex, now: FactRecord, year: int, reading: Reading) -> Earlier:
    """The latest earlier yearly figure comparable with ``now`` within the gap allowed."""
    by_year = index.facts.get(now.fact.indicator, {})
    rejected: FactRecord | None = None
    far: FactRecord | None = None
    for earlier in sorted((y for y in by_year if y < year), reverse=True):
        figures = [r for r in by_year[earlier] if r.reported and r.has_level and is_for_year(r.fact, earlier)]
        if not figures:
            continue
        if reading.max_gap_years is not None and year - earlier > reading.max_gap_years:
            far = far or figures[0]
            break
        matching = [r for r in figures if comparable(index, r, now)]
        if matching:
            same_reporter = [r for r in matching if r.fact.reporter == now.fact.reporter]
            return Earlier((same_reporter or matching)[0], None)
        rejected = rejected or figures[0]
    if rejected is not None:
        return Earlier(None, "not_comparable", rejected)
    if far is not None:
        return Earlier(None, "gap_too_long", far)
    return Earlier(None, "no_earlier_year")
