"""Every verdict, criterion, fact, citation and source of a project as tidy long tables.

For researchers who load results into SQLite, Datasette, pandas or R: one row per
observation, one column per variable, nothing joined into a cell.  The tables are
built here as plain rows (:func:`build_tables`); :mod:`scorecard.export_sqlite`
writes them with keys and indexes, the command line writes the verdicts as CSV.

Verdicts cover every rule set for every country it can be scored for (its own, or
every country with evidence for a rule set issued to none) and every year with
evidence, so the export is the same whatever defaults a command would pick.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from .project import Project


@dataclass(frozen=True)
class Table:
    """A table's name, its columns with their SQL types, its key and its links."""

    name: str
    columns: tuple[tuple[str, str], ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...] = ()
    indexes: tuple[tuple[str, ...], ...] = ()
    rows: list[tuple] = field(default_factory=list)

    @property
    def column_names(self) -> list[str]:
        return [name for name, _ in self.columns]


VERDICT_KEY = ("ruleset_id", "recommendation_id", "country", "year")


def _tables() -> dict[str, Table]:
    return {
        "sources": Table(
            "sources",
            (("id", "TEXT"), ("file", "TEXT"), ("title", "TEXT"), ("publisher", "TEXT"), ("published", "TEXT"),
             ("country", "TEXT"), ("url", "TEXT"), ("sha256", "TEXT")),
            ("id",),
        ),
        "rulesets": Table(
            "rulesets",
            (("id", "TEXT"), ("title", "TEXT"), ("issuer", "TEXT"), ("issued", "TEXT"), ("version", "TEXT"),
             ("country", "TEXT"), ("source_id", "TEXT")),
            ("id",),
            ((("source_id",), "sources", ("id",)),),
        ),
        "recommendations": Table(
            "recommendations",
            (("ruleset_id", "TEXT"), ("id", "TEXT"), ("position", "INTEGER"), ("title", "TEXT"), ("text", "TEXT"), ("pillar", "TEXT")),
            ("ruleset_id", "id"),
            ((("ruleset_id",), "rulesets", ("id",)),),
        ),
        "verdicts": Table(
            "verdicts",
            (("ruleset_id", "TEXT"), ("recommendation_id", "TEXT"), ("country", "TEXT"), ("year", "INTEGER"),
             ("status", "TEXT"), ("score", "REAL"), ("coverage", "REAL"), ("held", "INTEGER"), ("assessed", "INTEGER"),
             ("total", "INTEGER"), ("trend", "TEXT"), ("explanation", "TEXT"), ("reviewed_status", "TEXT")),
            VERDICT_KEY,
            ((("ruleset_id", "recommendation_id"), "recommendations", ("ruleset_id", "id")),),
            (("country", "year"), ("status",)),
        ),
        "criteria": Table(
            "criteria",
            (*(((c, "INTEGER") if c == "year" else (c, "TEXT")) for c in VERDICT_KEY), ("criterion_id", "TEXT"),
             ("description", "TEXT"), ("truth", "TEXT"), ("weight", "REAL"), ("cap", "TEXT"), ("stand_in", "INTEGER"),
             ("explanation", "TEXT")),
            (*VERDICT_KEY, "criterion_id"),
            ((VERDICT_KEY, "verdicts", VERDICT_KEY),),
            (("truth",),),
        ),
        "facts": Table(
            "facts",
            (("id", "INTEGER"), ("path", "TEXT"), ("position", "INTEGER"), ("country", "TEXT"), ("year", "INTEGER"),
             ("indicator", "TEXT"), ("value", ""), ("period", "TEXT"), ("direction", "TEXT"), ("bound", "TEXT"),
             ("basis", "TEXT"), ("reporter", "TEXT"), ("note", "TEXT")),
            ("id",),
            indexes=(("country", "year"), ("indicator",)),
        ),
        "citations": Table(
            "citations",
            (("id", "INTEGER"), ("fact_id", "INTEGER"), ("position", "INTEGER"), ("source_id", "TEXT"), ("quote", "TEXT"),
             ("prefix", "TEXT"), ("suffix", "TEXT"), ("line", "INTEGER"), ("col", "INTEGER")),
            ("id",),
            ((("fact_id",), "facts", ("id",)), (("source_id",), "sources", ("id",))),
            (("fact_id",), ("source_id",)),
        ),
    }


def _plain(value: object) -> object:
    """A value as SQLite and CSV keep it: enums by their value, dates as ISO text."""
    if isinstance(value, Enum):
        return value.value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def build_tables(project: Project) -> list[Table]:
    """Every table, rows in a stable order (by key), from a checked project."""
    from . import api

    tables = _tables()
    for source_id in sorted(project.sources):
        s = project.sources[source_id]
        tables["sources"].rows.append((s.id, s.file, s.title, s.publisher, _plain(s.published), s.country, s.url, s.sha256))
    for ruleset_id in sorted(project.rulesets):
        rs = project.rulesets[ruleset_id]
        tables["rulesets"].rows.append((rs.id, rs.title, rs.issuer, _plain(rs.issued), rs.version, rs.country, rs.source))
        for position, rec in enumerate(rs.recommendations, 1):
            tables["recommendations"].rows.append((rs.id, rec.id, position, rec.title, rec.text, _plain(rec.pillar)))
        for country in [rs.country] if rs.country else project.countries():
            years = project.years(country)
            if not years:
                continue
            trends = {row.id: _plain(row.trend) for row in api.progress(project, ruleset_id, country).rows}
            for year in years:
                _add_scorecard(tables, api.evaluate(project, ruleset_id, year, country), trends)
    _add_facts(tables, project)
    return list(tables.values())


def _add_scorecard(tables: dict[str, Table], card, trends: dict[str, object]) -> None:
    for r in card.results:
        key = (card.ruleset, r.id, card.country, card.year)
        reviewed = _plain(r.review.verdict) if r.review is not None else None
        tables["verdicts"].rows.append(
            (*key, _plain(r.status), r.score, r.coverage, r.held, r.assessed, r.total, trends.get(r.id), r.explanation, reviewed)
        )
        for c in r.criteria:
            tables["criteria"].rows.append((*key, c.id, c.description, _plain(c.truth), c.weight, c.cap, int(c.stand_in), c.explanation))


def _add_facts(tables: dict[str, Table], project: Project) -> None:
    fact_id = citation_id = 0
    for doc in project.evidence:
        for position, fact in enumerate(doc.data.facts, 1):
            fact_id += 1
            tables["facts"].rows.append(
                (fact_id, doc.path, position, doc.data.country, doc.data.year, fact.indicator, _plain(fact.value), fact.period,
                 _plain(fact.direction), _plain(fact.bound), _plain(fact.basis), fact.reporter, fact.note)
            )
            for cited, citation in enumerate(fact.citations, 1):
                citation_id += 1
                ref = project.resolve(citation)
                tables["citations"].rows.append(
                    (citation_id, fact_id, cited, citation.source, citation.quote, citation.prefix, citation.suffix, ref.line, ref.col)
                )
