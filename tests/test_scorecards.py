"""Scorecards, progress and coverage built from a small in-memory project.

| indicator                 | 2014 | 2016    | 2017     |
|---------------------------|------|---------|----------|
| prosecution.convictions   | 0    | 13      | 33       |
| funding.national_budget   | —    | 5600000 | 11000000 |
| complicity.convicted      | —    | —       | 0        |
| protection.shelter_beds   | —    | —       | —        |
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from scorecard import __version__
from scorecard.errors import NoEvidence, ScorecardError, UnknownRuleSet
from scorecard.models import (
    Citation,
    EvidenceFile,
    Fact,
    Indicator,
    ProjectConfig,
    RuleSet,
    Source,
    Status,
    Trend,
)
from scorecard.project import EvidenceDoc, Project
from scorecard.scorecards import (
    build_coverage,
    build_progress,
    build_scorecard,
    fails_gate,
    latest_year,
    trend,
)

EVIDENCE: dict[int, dict[str, Any]] = {
    2014: {"prosecution.convictions": 0},
    2016: {"prosecution.convictions": 13, "funding.national_budget": 5600000},
    2017: {"prosecution.convictions": 33, "funding.national_budget": 11000000, "complicity.convicted": 0},
}
SEED = "".join(f"In {y} the {i} figure was {v}.\n" for y, facts in EVIDENCE.items() for i, v in facts.items())

RULES = {
    "id": "tip-test",
    "title": "Test recommendations",
    "issuer": "Us",
    "issued": "2015-07-27",
    "version": "3",
    "country": "PER",
    "recommendations": [
        {
            "id": "R1", "title": "Convict and fund", "text": "Convict traffickers and fund services", "pillar": "prosecution",
            "criteria": [
                {"id": "convictions", "description": "d", "rationale": "r",
                 "condition": {"op": "gte", "indicator": "prosecution.convictions", "value": 1}},
                {"id": "funding", "description": "d", "rationale": "r",
                 "condition": {"op": "increased", "indicator": "funding.national_budget"}},
            ],
        },
        {
            "id": "R2", "title": "Punish complicity", "text": "Convict complicit officials", "pillar": "prosecution",
            "weight": 2,
            "criteria": [
                {"id": "convictions", "description": "d", "rationale": "r",
                 "condition": {"op": "gte", "indicator": "prosecution.convictions", "value": 1}},
                {"id": "complicity", "description": "d", "rationale": "r", "cap": "partial",
                 "condition": {"op": "gt", "indicator": "complicity.convicted", "value": 0}},
            ],
        },
        {
            "id": "R3", "title": "Shelters", "text": "Open shelters", "pillar": "protection",
            "criteria": [
                {"id": "beds", "description": "d", "rationale": "r",
                 "condition": {"op": "gt", "indicator": "protection.shelter_beds", "value": 0}},
            ],
        },
    ],
}


def indicator(ident: str, unit: str | None = None) -> Indicator:
    return Indicator(id=ident, type="amount" if unit else "count", pillar="prosecution", unit=unit, description="x")


@pytest.fixture
def project(tmp_path: Path) -> Project:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "report.txt").write_text(SEED, encoding="utf-8")
    general = {**RULES, "id": "general", "country": None}
    return Project(
        root=tmp_path,
        config=ProjectConfig(name="t"),
        sources={"report": Source(id="report", file="report.txt", title="Report", publisher="P", sha256="a" * 64)},
        indicators={
            i.id: i
            for i in [
                indicator("prosecution.convictions"),
                indicator("funding.national_budget", "PEN"),
                indicator("complicity.convicted"),
                indicator("protection.shelter_beds"),
            ]
        },
        rulesets={"tip-test": RuleSet.model_validate(RULES), "general": RuleSet.model_validate(general)},
        ruleset_hashes={"tip-test": hashlib.sha256(b"rules").hexdigest()},
        evidence=[
            EvidenceDoc(
                path=f"evidence/peru/{year}.yaml",
                data=EvidenceFile(country="PER", year=year, facts=[
                    Fact(indicator=i, value=v, citations=[Citation(source="report", quote=f"In {year} the {i} figure was {v}.")])
                    for i, v in facts.items()
                ]),
            )
            for year, facts in EVIDENCE.items()
        ],
    )


def statuses(scorecard) -> list[tuple[str, str]]:
    return [(r.id, r.status.value) for r in scorecard.results]


def test_a_scorecard_scores_every_recommendation_in_rule_file_order(project: Project) -> None:
    scorecard = build_scorecard(project, "tip-test", 2017)

    assert (scorecard.ruleset, scorecard.title, scorecard.country, scorecard.year) == ("tip-test", "Test recommendations", "PER", 2017)
    assert statuses(scorecard) == [("R1", "met"), ("R2", "partial"), ("R3", "not_assessed")]
    r2 = scorecard.results[1]
    assert r2.explanation == "1 of 2 criteria holds: convictions; fails: complicity; capped at partial by complicity"
    assert [c.explanation for c in r2.criteria] == [
        "prosecution.convictions: 33 in 2017, at least 1 required",
        "complicity.convicted: 0 in 2017, more than 0 required",
    ]
    assert [(ref.quote, ref.line) for ref in r2.citations] == [
        ("In 2017 the prosecution.convictions figure was 33.", 4),
        ("In 2017 the complicity.convicted figure was 0.", 6),
    ]
    # met 1 (weight 1) + partial 0.5 (weight 2) over the assessed weight 3; R3 is not counted
    totals = scorecard.totals
    assert (totals.met, totals.partial, totals.unmet, totals.not_assessed) == (1, 1, 0, 1)
    assert totals.score == pytest.approx(2 / 3)


def test_provenance_names_the_tool_the_rules_and_every_cited_source(project: Project) -> None:
    provenance = build_scorecard(project, "tip-test", 2017).provenance
    assert provenance.tool_version == __version__
    assert (provenance.ruleset_version, provenance.ruleset_sha256) == ("3", hashlib.sha256(b"rules").hexdigest())
    assert provenance.sources == {"report": "a" * 64}


def test_an_earlier_year_compares_with_what_came_before(project: Project) -> None:
    scorecard = build_scorecard(project, "tip-test", 2016)
    assert statuses(scorecard) == [("R1", "partial"), ("R2", "partial"), ("R3", "not_assessed")]
    assert scorecard.results[0].criteria[1].explanation == (
        "funding.national_budget: 5600000 PEN in 2016, no earlier reported value to compare with"
    )


def test_the_same_project_gives_the_same_bytes(project: Project) -> None:
    first = build_scorecard(project, "tip-test", 2017).model_dump_json()
    assert build_scorecard(project, "tip-test", 2017).model_dump_json() == first


def test_the_gate_fails_on_assessed_verdicts_only(project: Project) -> None:
    scorecard = build_scorecard(project, "tip-test", 2017)  # met, partial, not_assessed
    assert fails_gate(scorecard, Status.PARTIAL) is True
    assert fails_gate(scorecard, Status.UNMET) is False


def test_a_general_rule_set_takes_the_projects_only_country(project: Project) -> None:
    assert build_scorecard(project, "general", 2017).country == "PER"
    assert build_scorecard(project, "general", 2017, "PER").country == "PER"


@pytest.mark.parametrize(
    ("ruleset", "year", "country", "error", "message"),
    [
        ("tip-tset", 2017, None, UnknownRuleSet, 'rule set "tip-tset" is not in this project; did you mean "tip-test"?'),
        ("tip-test", 2015, None, NoEvidence, "there is no evidence for PER in 2015; years with evidence: 2014, 2016, 2017"),
        ("tip-test", 2017, "BOL", ScorecardError, 'rule set "tip-test" was issued to PER, not "BOL"'),
        ("general", 2017, "PRE", NoEvidence, 'no evidence for country "PRE"; did you mean "PER"?'),
    ],
)
def test_what_cannot_be_scored_is_said_plainly(project: Project, ruleset: str, year: int, country: str | None, error: type, message: str) -> None:
    with pytest.raises(error) as raised:
        build_scorecard(project, ruleset, year, country)
    assert str(raised.value).startswith(message)


def test_latest_year(project: Project) -> None:
    assert latest_year(project, "PER") == 2017
    assert latest_year(project, "BOL") is None


# -- progress --------------------------------------------------------------------------------


def test_progress_has_a_row_per_recommendation_and_a_column_per_evidence_year(project: Project) -> None:
    progress = build_progress(project, "tip-test")
    assert progress.years == [2014, 2016, 2017]
    assert [(row.id, [s.value for s in row.statuses.values()], row.moved) for row in progress.rows] == [
        ("R1", ["unmet", "partial", "met"], Trend.IMPROVED),
        ("R2", ["unmet", "partial", "partial"], Trend.IMPROVED),
        ("R3", ["not_assessed", "not_assessed", "not_assessed"], Trend.NO_EVIDENCE),
    ]
    # both rows' 2014 verdicts rest on less of the evidence than their 2017 ones: flagged, not "improved"
    assert [row.trend for row in progress.rows] == [Trend.COVERAGE_CHANGED, Trend.COVERAGE_CHANGED, Trend.NO_EVIDENCE]


def test_progress_over_chosen_years(project: Project) -> None:
    progress = build_progress(project, "tip-test", years=[2017, 2016])
    assert progress.years == [2016, 2017]
    assert progress.rows[0].statuses == {2016: Status.PARTIAL, 2017: Status.MET}
    with pytest.raises(NoEvidence):
        build_progress(project, "tip-test", years=[2015])


N, U, P, M = Status.NOT_ASSESSED, Status.UNMET, Status.PARTIAL, Status.MET


@pytest.mark.parametrize(
    ("by_year", "expected"),
    [
        ({2014: U, 2017: M}, Trend.IMPROVED),
        ({2014: M, 2016: U, 2017: P}, Trend.REGRESSED),
        ({2014: P, 2016: U, 2017: P}, Trend.UNCHANGED),  # first and last assessed, not the dip between
        ({2014: P, 2016: M, 2017: N}, Trend.IMPROVED),  # the last ASSESSED year counts
        ({2014: N, 2016: N, 2017: P}, Trend.NEW_EVIDENCE),
        ({2014: U, 2016: N, 2017: N}, Trend.NEW_EVIDENCE),
        ({2014: N, 2017: N}, Trend.NO_EVIDENCE),
    ],
)
def test_trend(by_year: dict[int, Status], expected: Trend) -> None:
    assert trend(by_year) is expected


# -- coverage --------------------------------------------------------------------------------


def test_coverage_lists_the_criteria_without_evidence_per_year(project: Project) -> None:
    coverage = build_coverage(project, "tip-test")
    assert (coverage.ruleset, coverage.country, coverage.years) == ("tip-test", "PER", [2014, 2016, 2017])
    assert [(g.recommendation, g.year, g.criteria, g.indicators) for g in coverage.gaps] == [
        ("R1", 2014, ["funding"], ["funding.national_budget"]),
        ("R2", 2014, ["complicity"], ["complicity.convicted"]),
        ("R2", 2016, ["complicity"], ["complicity.convicted"]),
        ("R3", 2014, ["beds"], ["protection.shelter_beds"]),
        ("R3", 2016, ["beds"], ["protection.shelter_beds"]),
        ("R3", 2017, ["beds"], ["protection.shelter_beds"]),
    ]


def test_built_results_are_valid_models_on_the_peru_data() -> None:
    # Results are dataclasses, not validated when built; they must still be valid.
    from scorecard import api
    from scorecard.models import Scorecard

    root = Path(__file__).resolve().parent.parent
    peru = api.open_project(root)
    for ruleset in sorted(peru.rulesets):
        for year in peru.years("PER"):
            card = api.evaluate(peru, ruleset, year, "PER")
            assert Scorecard.model_validate(card.model_dump(mode="json")).model_dump(mode="json") == card.model_dump(mode="json")


def test_a_relative_project_root_is_accepted(monkeypatch: pytest.MonkeyPatch) -> None:
    # Path(".") has no name: the project's default name must come from the resolved folder.
    from scorecard import api

    monkeypatch.chdir(Path(__file__).resolve().parent.parent)
    report = api.validate(Path("."))
    assert report.ok, report.diagnostics
    assert api.open_project(Path(".")).config.name


def test_loading_settles_the_project_in_the_oldest_generation() -> None:
    # Otherwise the first evaluations after loading walk the whole project once per
    # generation as the collector ages it (bench/README.md).
    import gc

    from scorecard import api

    full_collections = gc.get_stats()[2]["collections"]
    api.open_project(Path(__file__).resolve().parent.parent)
    assert gc.get_stats()[2]["collections"] > full_collections
    assert gc.isenabled()
