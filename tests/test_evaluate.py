"""The condition language evaluated on one country's evidence: a spec by example.

The evidence below is a small Peru with gaps on purpose:

| indicator                   | 2013 | 2014    | 2015         | 2016      | 2017      |
|-----------------------------|------|---------|--------------|-----------|-----------|
| prosecution.convictions     | 10   | 13      | not_reported | —         | 33        |
| funding.national_budget     | —    | 5600000 | —            | 5600000   | 11000000  |
| coordination.interagency    | —    | poor    | not_reported | improving | improving |
| prevention.action_plan      | —    | —       | —            | false     | true      |
| protection.shelter_beds     | —    | —       | —            | —         | —         |

(— is no fact at all: unknown; not_reported is evidence: comparisons are false.)
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from scorecard.evaluate import (
    EvidenceIndex,
    Evaluator,
    FactRecord,
    all_of,
    any_of,
    build_index,
    evaluate_condition,
    indicators_read,
    negate,
)
from scorecard.models import (
    Citation,
    Condition,
    Criterion,
    EvidenceFile,
    Fact,
    Indicator,
    ProjectConfig,
    Source,
    Truth,
)
from scorecard.models.conditions import AllOf, AnyOf, Not, Reported
from scorecard.project import EvidenceDoc, Project

T, F, U = Truth.TRUE, Truth.FALSE, Truth.UNKNOWN

INDICATORS = [
    Indicator(id="prosecution.convictions", type="count", pillar="prosecution", unit="traffickers", description="convicted"),
    Indicator(id="funding.national_budget", type="amount", pillar="prevention", unit="PEN", description="budget"),
    Indicator(
        id="coordination.interagency", type="enum", pillar="partnership", description="coordination",
        values=["absent", "poor", "improving", "adequate"],
    ),
    Indicator(id="prevention.action_plan", type="boolean", pillar="prevention", description="a plan"),
    Indicator(id="protection.shelter_beds", type="count", pillar="protection", unit="beds", description="beds"),
]

EVIDENCE: dict[int, dict[str, Any]] = {
    2013: {"prosecution.convictions": 10},
    2014: {"prosecution.convictions": 13, "funding.national_budget": 5600000, "coordination.interagency": "poor"},
    2015: {"prosecution.convictions": "not_reported", "coordination.interagency": "not_reported"},
    2016: {"funding.national_budget": 5600000, "coordination.interagency": "improving", "prevention.action_plan": False},
    2017: {
        "prosecution.convictions": 33,
        "funding.national_budget": 11000000,
        "coordination.interagency": "improving",
        "prevention.action_plan": True,
    },
}

SEED = "Peru report.\n\n" + "".join(
    f"In {year} the {ident} figure was {value}.\n" for year, facts in EVIDENCE.items() for ident, value in facts.items()
)


def quote_for(year: int, ident: str, value: Any) -> str:
    return f"In {year} the {ident} figure was {value}."


def make_project(root: Path, evidence: dict[int, dict[str, Any]] = EVIDENCE) -> Project:
    """A project built in memory; only the seed text is on disk, for citations to resolve."""
    (root / "seeds").mkdir(parents=True, exist_ok=True)
    (root / "seeds" / "report.txt").write_text(SEED, encoding="utf-8")
    source = Source(
        id="report", file="report.txt", title="A report", publisher="Someone",
        sha256=hashlib.sha256(SEED.encode()).hexdigest(),
    )
    docs = [
        EvidenceDoc(
            path=f"evidence/peru/{year}.yaml",
            data=EvidenceFile(
                country="PER",
                year=year,
                facts=[
                    Fact(indicator=ident, value=value, citations=[Citation(source="report", quote=quote_for(year, ident, value))])
                    for ident, value in facts.items()
                ],
            ),
        )
        for year, facts in evidence.items()
    ]
    return Project(
        root=root,
        config=ProjectConfig(name="t"),
        sources={"report": source},
        indicators={i.id: i for i in INDICATORS},
        evidence=docs,
    )


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> EvidenceIndex:
    return build_index(make_project(tmp_path_factory.mktemp("project")), "PER")


def cond(data: dict[str, Any]) -> Condition:
    return TypeAdapter(Condition).validate_python(data)


CONVICTIONS = "prosecution.convictions"
BUDGET = "funding.national_budget"
COORDINATION = "coordination.interagency"
PLAN = "prevention.action_plan"
BEDS = "protection.shelter_beds"

# (condition, year, expected truth) — one line of the spec each.
CASES = [
    # comparisons on a reported count: 33 convictions in 2017
    ({"op": "gte", "indicator": CONVICTIONS, "value": 1}, 2017, T),
    ({"op": "gte", "indicator": CONVICTIONS, "value": 33}, 2017, T),
    ({"op": "gte", "indicator": CONVICTIONS, "value": 34}, 2017, F),
    ({"op": "gt", "indicator": CONVICTIONS, "value": 33}, 2017, F),
    ({"op": "gt", "indicator": CONVICTIONS, "value": 32.5}, 2017, T),
    ({"op": "lte", "indicator": CONVICTIONS, "value": 33}, 2017, T),
    ({"op": "lt", "indicator": CONVICTIONS, "value": 33}, 2017, F),
    ({"op": "eq", "indicator": CONVICTIONS, "value": 33}, 2017, T),
    ({"op": "eq", "indicator": CONVICTIONS, "value": 33.0}, 2017, T),
    ({"op": "ne", "indicator": CONVICTIONS, "value": 33}, 2017, F),
    ({"op": "in", "indicator": CONVICTIONS, "values": [1, 33]}, 2017, T),
    ({"op": "in", "indicator": CONVICTIONS, "values": [1, 2]}, 2017, F),
    # no fact: unknown, whatever the operator
    ({"op": "gte", "indicator": CONVICTIONS, "value": 1}, 2016, U),
    ({"op": "ne", "indicator": CONVICTIONS, "value": 5}, 2016, U),
    ({"op": "in", "indicator": CONVICTIONS, "values": [1]}, 2016, U),
    ({"op": "eq", "indicator": BEDS, "value": 0}, 2017, U),
    # not reported: every comparison is false, even ne and lte
    ({"op": "gte", "indicator": CONVICTIONS, "value": 0}, 2015, F),
    ({"op": "lte", "indicator": CONVICTIONS, "value": 1000}, 2015, F),
    ({"op": "ne", "indicator": CONVICTIONS, "value": 5}, 2015, F),
    ({"op": "in", "indicator": CONVICTIONS, "values": [5]}, 2015, F),
    ({"op": "eq", "indicator": COORDINATION, "value": "poor"}, 2015, F),
    # enums compare by declared order (worst first), not alphabetically
    ({"op": "gte", "indicator": COORDINATION, "value": "improving"}, 2017, T),
    ({"op": "gte", "indicator": COORDINATION, "value": "adequate"}, 2017, F),
    ({"op": "gte", "indicator": COORDINATION, "value": "poor"}, 2017, T),  # "improving" < "poor" alphabetically
    ({"op": "lte", "indicator": COORDINATION, "value": "poor"}, 2017, F),
    ({"op": "lt", "indicator": COORDINATION, "value": "improving"}, 2014, T),
    ({"op": "gt", "indicator": COORDINATION, "value": "absent"}, 2014, T),
    ({"op": "eq", "indicator": COORDINATION, "value": "poor"}, 2014, T),
    ({"op": "ne", "indicator": COORDINATION, "value": "poor"}, 2017, T),
    ({"op": "in", "indicator": COORDINATION, "values": ["improving", "adequate"]}, 2017, T),
    # booleans: eq, ne, in; true is not 1
    ({"op": "eq", "indicator": PLAN, "value": True}, 2017, T),
    ({"op": "eq", "indicator": PLAN, "value": True}, 2016, F),
    ({"op": "ne", "indicator": PLAN, "value": True}, 2016, T),
    ({"op": "in", "indicator": PLAN, "values": [True]}, 2016, F),
    ({"op": "eq", "indicator": PLAN, "value": 1}, 2017, F),
    # change: against the latest EARLIER year with a reported value
    ({"op": "increased", "indicator": CONVICTIONS}, 2014, T),  # 10 -> 13
    ({"op": "increased", "indicator": CONVICTIONS}, 2017, T),  # 13 (2014) -> 33: skips not_reported 2015, no fact 2016
    ({"op": "decreased", "indicator": CONVICTIONS}, 2017, F),
    ({"op": "unchanged", "indicator": CONVICTIONS}, 2017, F),
    ({"op": "increased", "indicator": CONVICTIONS}, 2013, U),  # nothing earlier
    ({"op": "increased", "indicator": CONVICTIONS}, 2016, U),  # no fact this year
    ({"op": "increased", "indicator": CONVICTIONS}, 2015, F),  # not reported this year
    ({"op": "unchanged", "indicator": CONVICTIONS}, 2015, F),
    ({"op": "increased", "indicator": BEDS}, 2017, U),
    ({"op": "unchanged", "indicator": BUDGET}, 2016, T),  # 5600000 (2014) -> 5600000, across a gap
    ({"op": "increased", "indicator": BUDGET}, 2016, F),
    # min_change is relative to the earlier value
    ({"op": "increased", "indicator": CONVICTIONS, "min_change": 1.5}, 2017, T),  # +20 on 13 is +154%
    ({"op": "increased", "indicator": CONVICTIONS, "min_change": 2.0}, 2017, F),
    ({"op": "increased", "indicator": BUDGET, "min_change": 0.9}, 2017, T),  # +96%
    ({"op": "increased", "indicator": BUDGET, "min_change": 1.0}, 2017, F),
    ({"op": "unchanged", "indicator": BUDGET, "min_change": 1.0}, 2017, T),  # within 100%
    ({"op": "unchanged", "indicator": BUDGET, "min_change": 0.1}, 2017, F),
    ({"op": "decreased", "indicator": BUDGET, "min_change": 0.1}, 2017, F),
    ({"op": "increased", "indicator": CONVICTIONS, "min_change": 0.3}, 2014, T),  # exactly +30%: float noise forgiven
    # change on an enum: by its order, skipping a not_reported year
    ({"op": "increased", "indicator": COORDINATION}, 2016, T),  # poor (2014) -> improving
    ({"op": "unchanged", "indicator": COORDINATION}, 2017, T),
    ({"op": "decreased", "indicator": COORDINATION}, 2017, F),
    # unchanged on a boolean
    ({"op": "unchanged", "indicator": PLAN}, 2017, F),
    # reported
    ({"op": "reported", "indicator": CONVICTIONS}, 2017, T),
    ({"op": "reported", "indicator": CONVICTIONS}, 2015, F),
    ({"op": "reported", "indicator": CONVICTIONS}, 2016, U),
    # all / any / not: Kleene logic
    ({"op": "all", "conditions": [{"op": "gte", "indicator": CONVICTIONS, "value": 1}, {"op": "reported", "indicator": BEDS}]}, 2017, U),
    ({"op": "all", "conditions": [{"op": "gte", "indicator": CONVICTIONS, "value": 99}, {"op": "reported", "indicator": BEDS}]}, 2017, F),
    ({"op": "all", "conditions": [{"op": "gte", "indicator": CONVICTIONS, "value": 1}, {"op": "eq", "indicator": PLAN, "value": True}]}, 2017, T),
    ({"op": "any", "conditions": [{"op": "reported", "indicator": BEDS}, {"op": "eq", "indicator": PLAN, "value": True}]}, 2017, T),
    ({"op": "any", "conditions": [{"op": "reported", "indicator": BEDS}, {"op": "eq", "indicator": PLAN, "value": False}]}, 2017, U),
    ({"op": "any", "conditions": [{"op": "gt", "indicator": CONVICTIONS, "value": 99}, {"op": "eq", "indicator": PLAN, "value": False}]}, 2017, F),
    ({"op": "not", "condition": {"op": "reported", "indicator": BEDS}}, 2017, U),
    ({"op": "not", "condition": {"op": "eq", "indicator": COORDINATION, "value": "poor"}}, 2017, T),
    ({"op": "not", "condition": {"op": "reported", "indicator": CONVICTIONS}}, 2015, T),
]


@pytest.mark.parametrize(("condition", "year", "truth"), CASES, ids=[f"{c['op']}-{c.get('indicator', '')}-{y}-{t.value}" for c, y, t in CASES])
def test_condition_truth(index: EvidenceIndex, condition: dict[str, Any], year: int, truth: Truth) -> None:
    assert evaluate_condition(cond(condition), year, index).truth is truth


EXPLANATIONS = [
    ({"op": "gte", "indicator": CONVICTIONS, "value": 1}, 2017, "prosecution.convictions: 33 in 2017, at least 1 required"),
    ({"op": "lt", "indicator": COORDINATION, "value": "improving"}, 2014, "coordination.interagency: poor in 2014, less than improving required"),
    ({"op": "in", "indicator": COORDINATION, "values": ["improving", "adequate"]}, 2017, "coordination.interagency: improving in 2017, one of improving, adequate required"),
    ({"op": "eq", "indicator": PLAN, "value": True}, 2016, "prevention.action_plan: false in 2016, true required"),
    ({"op": "eq", "indicator": BEDS, "value": 0}, 2017, "no evidence for protection.shelter_beds in 2017"),
    ({"op": "gte", "indicator": CONVICTIONS, "value": 1}, 2015, "prosecution.convictions: not reported in 2015"),
    ({"op": "increased", "indicator": BUDGET}, 2017, "funding.national_budget rose from 5600000 PEN (2016) to 11000000 PEN (2017)"),
    ({"op": "increased", "indicator": BUDGET, "min_change": 1.0}, 2017, "funding.national_budget rose from 5600000 PEN (2016) to 11000000 PEN (2017) (+96.4%), a change of at least 100% required"),
    ({"op": "unchanged", "indicator": BUDGET}, 2016, "funding.national_budget stayed at 5600000 PEN (2014 and 2016)"),
    ({"op": "decreased", "indicator": COORDINATION}, 2016, "coordination.interagency rose from poor (2014) to improving (2016)"),
    ({"op": "increased", "indicator": CONVICTIONS}, 2013, "prosecution.convictions: 10 in 2013, no earlier reported value to compare with"),
    ({"op": "reported", "indicator": CONVICTIONS}, 2017, "prosecution.convictions: 33 reported in 2017"),
    ({"op": "not", "condition": {"op": "eq", "indicator": COORDINATION, "value": "poor"}}, 2017, "not (coordination.interagency: improving in 2017, poor required)"),
    # all/any are explained by the parts that decided them, without repeats
    (
        {"op": "all", "conditions": [
            {"op": "gte", "indicator": CONVICTIONS, "value": 1},
            {"op": "gte", "indicator": CONVICTIONS, "value": 99},
            {"op": "eq", "indicator": PLAN, "value": False},
        ]},
        2017,
        "prosecution.convictions: 33 in 2017, at least 99 required; prevention.action_plan: true in 2017, false required",
    ),
    (
        {"op": "any", "conditions": [{"op": "increased", "indicator": BEDS}, {"op": "eq", "indicator": BEDS, "value": 3}]},
        2017,
        "no evidence for protection.shelter_beds in 2017",
    ),
]


@pytest.mark.parametrize(("condition", "year", "explanation"), EXPLANATIONS)
def test_explanation(index: EvidenceIndex, condition: dict[str, Any], year: int, explanation: str) -> None:
    assert evaluate_condition(cond(condition), year, index).explanation == explanation


def test_a_change_reads_both_facts(index: EvidenceIndex) -> None:
    outcome = evaluate_condition(cond({"op": "increased", "indicator": CONVICTIONS}), 2017, index)
    assert [(f.fact.indicator, f.year, f.fact.value) for f in outcome.facts] == [(CONVICTIONS, 2014, 13), (CONVICTIONS, 2017, 33)]


def test_no_fact_reads_nothing(index: EvidenceIndex) -> None:
    assert evaluate_condition(cond({"op": "reported", "indicator": BEDS}), 2017, index).facts == ()


def test_a_criterion_records_the_facts_it_read_with_resolved_citations(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    criterion = Criterion(
        id="more-convictions",
        description="more convictions",
        rationale="because",
        condition=cond({"op": "all", "conditions": [
            {"op": "increased", "indicator": CONVICTIONS},
            {"op": "gte", "indicator": CONVICTIONS, "value": 1},
        ]}),
        weight=2.0,
        cap="partial",
    )
    result = Evaluator(project, "PER").criterion(criterion, 2017)

    assert (result.id, result.truth, result.weight, result.cap) == ("more-convictions", T, 2.0, "partial")
    assert [(f.indicator, f.year, f.value, f.unit, f.path) for f in result.facts] == [
        (CONVICTIONS, 2014, 13, "traffickers", "evidence/peru/2014.yaml"),
        (CONVICTIONS, 2017, 33, "traffickers", "evidence/peru/2017.yaml"),
    ]
    lines = SEED.splitlines()
    for fact in result.facts:
        [ref] = fact.citations
        assert ref.source == "report" and ref.title == "A report" and ref.line > 0
        assert lines[ref.line - 1].startswith(ref.quote)


def test_the_year_fact_wins_over_a_longer_period_in_the_same_file(tmp_path: Path) -> None:
    project = make_project(tmp_path, {})
    citation = [Citation(source="report", quote="Peru report.")]
    project.evidence = [
        EvidenceDoc(
            path="evidence/peru/2011.yaml",
            data=EvidenceFile(country="PER", year=2011, facts=[
                Fact(indicator=CONVICTIONS, value=40, period="2004-01/2011-07", citations=citation),
                Fact(indicator=CONVICTIONS, value=4, citations=citation),
            ]),
        ),
        EvidenceDoc(path="evidence/bolivia/2011.yaml", data=EvidenceFile(country="BOL", year=2011, facts=[
            Fact(indicator=CONVICTIONS, value=400, citations=citation),
        ])),
    ]
    index = build_index(project, "PER")
    record = index.fact(CONVICTIONS, 2011)
    assert isinstance(record, FactRecord) and record.fact.value == 4
    assert index.years == [2011]


def test_indicators_read_in_order_without_repeats() -> None:
    condition = cond({"op": "any", "conditions": [
        {"op": "increased", "indicator": BUDGET},
        {"op": "not", "condition": {"op": "eq", "indicator": PLAN, "value": True}},
        {"op": "gte", "indicator": BUDGET, "value": 1},
    ]})
    assert indicators_read(condition) == [BUDGET, PLAN]


# -- three-valued logic, as properties ------------------------------------------------------

# Leaves whose truth is fixed by the evidence: reported on a figure (true), on a
# not_reported figure (false), on an indicator with no fact (unknown).
LOGIC_INDEX = EvidenceIndex(
    country="PER",
    indicators={},
    facts={
        "x.reported": {2017: (FactRecord(Fact(indicator="x.reported", value=1, citations=[Citation(source="s", quote="q")]), "e.yaml", 2017),)},
        "x.not_reported": {2017: (FactRecord(Fact(indicator="x.not_reported", value="not_reported", citations=[Citation(source="s", quote="q")]), "e.yaml", 2017),)},
    },
    years=[2017],
)
LEAF = {T: Reported(op="reported", indicator="x.reported"), F: Reported(op="reported", indicator="x.not_reported"), U: Reported(op="reported", indicator="x.missing")}
ORDER = {F: 0, U: 1, T: 2}  # Kleene: all is the minimum, any the maximum, not the mirror

truths = st.sampled_from([T, F, U])
leaves = st.sampled_from(list(LEAF.values()))
conditions = st.recursive(
    leaves,
    lambda inner: st.one_of(
        st.lists(inner, min_size=1, max_size=4).map(lambda cs: AllOf(op="all", conditions=cs)),
        st.lists(inner, min_size=1, max_size=4).map(lambda cs: AnyOf(op="any", conditions=cs)),
        inner.map(lambda c: Not(op="not", condition=c)),
    ),
    max_leaves=12,
)


def truth(condition: Condition) -> Truth:
    return evaluate_condition(condition, 2017, LOGIC_INDEX).truth


def All(*cs: Condition) -> AllOf:
    return AllOf(op="all", conditions=list(cs))


def Any_(*cs: Condition) -> AnyOf:
    return AnyOf(op="any", conditions=list(cs))


def Neg(c: Condition) -> Not:
    return Not(op="not", condition=c)


@settings(deadline=None)  # the machine is shared: timings vary
@given(conditions, conditions)
def test_de_morgan(a: Condition, b: Condition) -> None:
    assert truth(Neg(All(a, b))) is truth(Any_(Neg(a), Neg(b)))
    assert truth(Neg(Any_(a, b))) is truth(All(Neg(a), Neg(b)))


@settings(deadline=None)  # the machine is shared: timings vary
@given(conditions)
def test_identity_and_double_negation(x: Condition) -> None:
    assert truth(All(x)) is truth(x)
    assert truth(Any_(x)) is truth(x)
    assert truth(Neg(Neg(x))) is truth(x)


@settings(deadline=None)  # the machine is shared: timings vary
@given(conditions)
def test_absorption_of_false_and_true(x: Condition) -> None:
    assert truth(All(x, LEAF[F])) is F
    assert truth(Any_(x, LEAF[T])) is T
    assert truth(All(x, LEAF[T])) is truth(x)
    assert truth(Any_(x, LEAF[F])) is truth(x)


@settings(deadline=None)  # the machine is shared: timings vary
@given(st.lists(conditions, min_size=1, max_size=5))
def test_unknown_propagates_unless_decided(parts: list[Condition]) -> None:
    values = [truth(p) for p in parts]
    with_unknown = [*parts, LEAF[U]]
    assert truth(All(*with_unknown)) is (F if F in values else U)
    assert truth(Any_(*with_unknown)) is (T if T in values else U)
    assert truth(Neg(LEAF[U])) is U


@settings(deadline=None)  # the machine is shared: timings vary
@given(st.lists(truths, min_size=1, max_size=6))
def test_connectives_are_kleene_min_and_max(values: list[Truth]) -> None:
    assert all_of(values) is min(values, key=ORDER.__getitem__)
    assert any_of(values) is max(values, key=ORDER.__getitem__)
    assert truth(All(*(LEAF[v] for v in values))) is all_of(values)
    assert truth(Any_(*(LEAF[v] for v in values))) is any_of(values)


@settings(deadline=None)  # the machine is shared: timings vary
@given(truths)
def test_negation_mirrors(value: Truth) -> None:
    assert ORDER[negate(value)] == 2 - ORDER[value]


# -- totals over several years are not a year's figure -----------------------------------------


def _record(year: int, value: int, period: str | None = None) -> FactRecord:
    fact = Fact(indicator="prosecution.convictions", value=value, period=period, citations=[Citation(source="s", quote="q")])
    return FactRecord(fact, f"evidence/x/{year}.yaml", year)


CUMULATIVE_INDEX = EvidenceIndex(
    country="PER",
    indicators={},
    facts={"prosecution.convictions": {2010: (_record(2010, 9),), 2011: (_record(2011, 12, "2004-01/2011-11"),), 2014: (_record(2014, 19),)}},
    years=[2010, 2011, 2014],
)


def test_a_cumulative_total_shows_no_change_against_a_year():
    # PUCP 2011: "only 12 traffickers were convicted" to date (2004-2011), 9 in 2010 alone.
    outcome = evaluate_condition(cond({"op": "increased", "indicator": "prosecution.convictions"}), 2011, CUMULATIVE_INDEX)
    assert outcome.truth is Truth.UNKNOWN
    assert "covers 2004-01/2011-11, not 2011 alone" in outcome.explanation


def test_a_change_skips_a_cumulative_total_and_compares_with_the_last_yearly_figure():
    outcome = evaluate_condition(cond({"op": "increased", "indicator": "prosecution.convictions"}), 2014, CUMULATIVE_INDEX)
    assert outcome.truth is Truth.TRUE
    assert [record.year for record in outcome.facts] == [2010, 2014]
