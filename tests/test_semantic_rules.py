"""Issue 10's evaluation rules, one test named after each, on evidence built in memory.

Each test states the rule it holds in its name; the negation rule is a hypothesis property
over random comparisons and facts (reported, not_reported, absent)."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from scorecard.evaluate import evaluate_condition
from scorecard.evidence_index import EvidenceIndex, FactRecord, Reading
from scorecard.models import Citation, Condition, Fact, Indicator, Truth

COUNT = "prosecution.convictions"
CITE = [Citation(source="s", quote="a quote")]
INDICATORS = {COUNT: Indicator(id=COUNT, type="count", pillar="prosecution", unit="cases", basis="cases", description="convictions")}


def index_of(*facts: tuple[int, dict[str, Any]]) -> EvidenceIndex:
    """An index of ``(file year, fact keys)`` pairs for the one count indicator."""
    by_year: dict[int, tuple[FactRecord, ...]] = {}
    for year, keys in facts:
        record = FactRecord(Fact(indicator=COUNT, citations=CITE, **keys), f"evidence/peru/{year}.yaml", year)
        by_year[year] = (*by_year.get(year, ()), record)
    return EvidenceIndex(country="PER", indicators=INDICATORS, facts={COUNT: by_year} if by_year else {}, years=sorted(by_year))


def truth(condition: dict[str, Any], year: int, index: EvidenceIndex, reading: Reading = Reading()) -> Truth:
    return evaluate_condition(TypeAdapter(Condition).validate_python(condition), year, index, reading).truth


# -- 1. a period total is not a year's level ----------------------------------------------


def test_a_period_total_is_not_a_years_level() -> None:
    index = index_of((2011, {"value": 40, "period": "2004-01/2011-07"}))
    assert truth({"op": "gt", "indicator": COUNT, "value": 0}, 2011, index) is Truth.UNKNOWN
    assert truth({"op": "reported", "indicator": COUNT}, 2011, index) is Truth.UNKNOWN


def test_a_period_total_counts_where_the_criterion_accepts_totals() -> None:
    index = index_of((2011, {"value": 40, "period": "2004-01/2011-07"}))
    assert truth({"op": "gt", "indicator": COUNT, "value": 0}, 2011, index, Reading(accepts_totals=True)) is Truth.TRUE


# -- 2. change compares like with like ----------------------------------------------------


def test_a_change_between_different_bases_is_unknown_and_names_both() -> None:
    index = index_of((2014, {"value": 19, "basis": "people"}), (2016, {"value": 13, "basis": "cases"}))
    outcome = evaluate_condition(TypeAdapter(Condition).validate_python({"op": "decreased", "indicator": COUNT}), 2016, index)
    assert outcome.truth is Truth.UNKNOWN
    assert "19" in outcome.explanation and "13" in outcome.explanation


def test_a_change_between_like_figures_is_decided() -> None:
    index = index_of((2014, {"value": 19, "basis": "cases"}), (2016, {"value": 13, "basis": "cases"}))
    assert truth({"op": "decreased", "indicator": COUNT}, 2016, index) is Truth.TRUE


def test_a_change_between_different_reporters_is_unknown() -> None:
    index = index_of((2016, {"value": 13, "reporter": "police"}), (2017, {"value": 33, "reporter": "judiciary"}))
    assert truth({"op": "increased", "indicator": COUNT}, 2017, index) is Truth.UNKNOWN


def test_a_change_beyond_the_rule_sets_gap_is_unknown() -> None:
    index = index_of((2010, {"value": 5}), (2017, {"value": 33}))
    assert truth({"op": "increased", "indicator": COUNT}, 2017, index, Reading(max_gap_years=2)) is Truth.UNKNOWN
    assert truth({"op": "increased", "indicator": COUNT}, 2017, index) is Truth.TRUE


# -- 3. direction-only findings -----------------------------------------------------------


def test_a_reported_direction_decides_a_change_without_a_figure() -> None:
    index = index_of((2014, {"direction": "decreased"}))
    assert truth({"op": "decreased", "indicator": COUNT}, 2014, index) is Truth.TRUE
    assert truth({"op": "increased", "indicator": COUNT}, 2014, index) is Truth.FALSE


# -- bounds: a lower bound decides only what it guarantees --------------------------------


def test_a_lower_bound_decides_only_what_it_guarantees() -> None:
    index = index_of((2011, {"value": 36, "bound": "more_than"}))
    assert truth({"op": "gte", "indicator": COUNT, "value": 30}, 2011, index) is Truth.TRUE
    assert truth({"op": "gte", "indicator": COUNT, "value": 40}, 2011, index) is Truth.UNKNOWN


# -- 6. not_reported is closed under negation ---------------------------------------------

COMPLEMENT = {"gte": "lt", "lt": "gte", "gt": "lte", "lte": "gt", "eq": "ne", "ne": "eq"}
facts = st.one_of(
    st.none(),  # no fact at all
    st.just("not_reported"),
    st.integers(min_value=0, max_value=50),
)


@settings(deadline=None)  # the machine is shared: timings vary
@given(facts, st.sampled_from(sorted(COMPLEMENT)), st.integers(min_value=0, max_value=50), st.integers(min_value=0, max_value=3))
def test_not_reported_is_closed_under_negation(value: Any, op: str, threshold: int, depth: int) -> None:
    """``not (op X v)`` and its complement agree on every fact, ``not_reported`` included,
    and so do ``not`` nested any number of times."""
    index = index_of() if value is None else index_of((2017, {"value": value}))
    plain = {"op": op, "indicator": COUNT, "value": threshold}
    other = {"op": COMPLEMENT[op], "indicator": COUNT, "value": threshold}
    negated: dict[str, Any] = {"op": "not", "condition": plain}
    assert truth(negated, 2017, index) is truth(other, 2017, index)
    wrapped: dict[str, Any] = plain
    for _ in range(2 * depth):
        wrapped = {"op": "not", "condition": wrapped}
    assert truth(wrapped, 2017, index) is truth(plain, 2017, index)
    if value == "not_reported":
        assert truth(plain, 2017, index) is Truth.FALSE and truth(negated, 2017, index) is Truth.FALSE
