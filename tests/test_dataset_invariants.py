"""Invariants of the shipped Peru dataset: properties that must hold whatever it says.

None of these pins a count or a verdict of today's data; each fails only when the
dataset breaks a rule every curated file must keep (see docs/dataset-review.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scorecard import api
from scorecard.models import RuleSet

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def project():
    return api.open_project(ROOT)


def _criteria(project):
    for ruleset in project.rulesets.values():
        for recommendation in ruleset.recommendations:
            for criterion in recommendation.criteria:
                yield ruleset, recommendation, criterion


def test_the_repository_validates_without_any_finding() -> None:
    """Every file passes every check, rule lint included: no diagnostic of any kind."""
    report = api.validate(ROOT)
    assert [d.to_dict() for d in report.diagnostics] == []


def test_a_published_tier_is_recorded_only_where_a_source_prints_it(project) -> None:
    """`overall.tier` is the tier a report printed ("PERU: Tier 2"), never a reading of
    its judgement: at least one citation of each tier fact quotes a tier line."""
    tier_facts = [f for doc in project.evidence for f in doc.data.facts if f.indicator == "overall.tier"]
    for fact in tier_facts:
        assert any("tier" in c.quote.lower() for c in fact.citations), fact


def test_every_stand_in_says_why_it_is_indirect(project) -> None:
    for ruleset, recommendation, criterion in _criteria(project):
        if criterion.stand_in:
            text = criterion.rationale.lower()
            assert "stand-in" in text or "indirect" in text, f"{ruleset.id} {recommendation.id}/{criterion.id}"


def test_a_total_over_years_is_read_only_by_criteria_that_accept_totals(project) -> None:
    """Criteria that accept multi-year totals say so in their rationale, since the
    default is that a 2004-2011 count never stands for one year."""
    for ruleset, recommendation, criterion in _criteria(project):
        if criterion.accepts_totals:
            assert "total" in criterion.rationale.lower(), f"{ruleset.id} {recommendation.id}/{criterion.id}"


def test_every_rule_set_states_its_coverage_and_gap_policy() -> None:
    """Each rule file sets `min_coverage` and `max_gap_years` itself (and its header says
    why), rather than inheriting defaults nobody chose."""
    import yaml

    for path in sorted((ROOT / "rules").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or "recommendations" not in data:
            continue
        RuleSet.model_validate(data)
        policy = data.get("policy") or {}
        assert "min_coverage" in policy and "max_gap_years" in policy, path.name
        header = "".join(line for line in path.read_text(encoding="utf-8").splitlines(keepends=True) if line.startswith("#"))
        assert "min_coverage" in header and "max_gap_years" in header, path.name
