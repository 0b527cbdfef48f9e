"""The file-format keys of this round: what each accepts and what it refuses.

Their meaning in evaluation is tested in test_semantics.py; here, only that a
curator can write them, and that a mistake is a diagnostic, not a traceback."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from scorecard.models import Criterion, Fact, Indicator, IndicatorCatalogue, RuleSet, ScoringPolicy, month_span

CITATION = [{"source": "s", "quote": "a quote long enough"}]


def fact(**keys):
    return Fact.model_validate({"indicator": "prosecution.convictions", "citations": CITATION, **keys})


def test_a_fact_may_give_a_direction_instead_of_a_value():
    only_direction = fact(direction="decreased")
    assert only_direction.value is None and only_direction.direction.value == "decreased"
    both = fact(value=19, direction="increased", basis="people", reporter="judiciary", bound="more_than")
    assert (both.basis.value, both.reporter, both.bound.value) == ("people", "judiciary", "more_than")


@pytest.mark.parametrize(
    "keys, problem",
    [
        ({}, "needs a `value`, a `direction`, or both"),
        ({"value": "not_reported", "bound": "at_least"}, "needs a numeric `value`"),
        ({"direction": "increased", "bound": "about"}, "needs a numeric `value`"),
        ({"value": 3, "basis": "traffickers"}, "basis"),
        ({"value": 3, "direction": "up"}, "direction"),
        ({"value": 3, "reporter": "Police"}, "reporter"),
    ],
)
def test_a_fact_refuses_what_cannot_be_read(keys, problem):
    with pytest.raises(ValidationError, match=problem):
        fact(**keys)


def test_only_a_count_has_a_basis():
    Indicator.model_validate({"id": "a.b", "type": "count", "pillar": "prosecution", "description": "d", "basis": "cases", "label": "cases"})
    with pytest.raises(ValidationError, match="only a count"):
        Indicator.model_validate({"id": "a.b", "type": "amount", "pillar": "prosecution", "description": "d", "basis": "cases"})


def test_reporters_are_declared_beside_the_indicators():
    catalogue = IndicatorCatalogue.model_validate({"reporters": [{"id": "police", "label": "National Police"}], "indicators": []})
    assert catalogue.reporters[0].label == "National Police"
    assert IndicatorCatalogue.model_validate({"indicators": []}).reporters == []


@pytest.mark.parametrize("policy", ["unknown", "lowest", "highest", "reporter:public_ministry"])
def test_conflict_policies(policy):
    assert ScoringPolicy.model_validate({"conflicts": policy}).conflicts == policy


@pytest.mark.parametrize("policy", ["first", "reporter:", "Reporter:police", "lowest "])
def test_a_conflict_policy_is_one_of_the_four(policy):
    with pytest.raises(ValidationError):
        ScoringPolicy.model_validate({"conflicts": policy})


def test_policy_defaults_keep_todays_rule_sets_valid():
    policy = ScoringPolicy()
    assert (policy.min_coverage, policy.max_gap_years, policy.conflicts) == (0.0, None, "unknown")


CRITERION = {"id": "c", "description": "d", "rationale": "r", "condition": {"op": "reported", "indicator": "a.b"}}


def test_a_criterion_that_credits_a_precondition_says_why_it_counts():
    marked = Criterion.model_validate({**CRITERION, "credits": "precondition", "counts_because": "an investigation is the first step of a prosecution"})
    assert marked.indirect and not Criterion.model_validate(CRITERION).indirect
    with pytest.raises(ValidationError, match="counts_because"):
        Criterion.model_validate({**CRITERION, "credits": "precondition"})
    assert Criterion.model_validate({**CRITERION, "stand_in": True, "accepts_totals": True, "conflicts": "lowest"}).indirect


def test_a_rule_set_may_declare_a_tier_conclusion():
    ruleset = RuleSet.model_validate({
        "id": "r", "title": "t", "issuer": "i", "issued": "2000-10-28", "version": "1",
        "recommendations": [{"id": "a1", "title": "t", "text": "t", "pillar": "overall", "criteria": [CRITERION]}],
        "conclusion": {"kind": "tvpa_tier", "minimum_standards": ["a1"], "significant_efforts": ["a1"], "published_tier": "overall.tier"},
    })
    assert ruleset.conclusion.efforts_threshold == 0.5


@pytest.mark.parametrize("period", [None, "2018", "2018-01/2018-12", "2018/2018"])
def test_every_spelling_of_a_year_is_one_span(period):
    assert month_span(period, 2018) == (2018 * 12, 2018 * 12 + 11)


def test_a_range_of_months_spans_its_months():
    assert month_span("2004-01/2011-07", 2011) == (2004 * 12, 2011 * 12 + 6)
