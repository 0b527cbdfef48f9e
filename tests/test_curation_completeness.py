"""Every indicator a criterion reads has evidence in some year, unless the seeds are silent on it.

The seeds say nothing for Peru about the indicators listed in SILENT: inventing a
fact would break the rule that a figure not in a source is not evidence, so their
criteria stay *unknown* (and `scorecard coverage` lists them).  Any other indicator
without a fact is a curation gap, and this test names it.
"""

from pathlib import Path

from scorecard import api
from scorecard.models.conditions import AllOf, AnyOf, Not

ROOT = Path(__file__).resolve().parent.parent

SILENT = {
    "protection.services_for_adults": "no seed says which services adults can reach",
    "legal.trafficking_extraditable": "no seed mentions extradition",
    "prevention.demand_reduction": "the only demand-reduction sentence (seed 000, line 9) is about Paraguay",
    "protection.noncitizen_victims_share": "the seeds say foreign victims exist, never their share",
}


def _indicators(condition):
    if isinstance(condition, (AllOf, AnyOf)):
        for part in condition.conditions:
            yield from _indicators(part)
    elif isinstance(condition, Not):
        yield from _indicators(condition.condition)
    else:
        yield condition.indicator


def test_every_indicator_a_criterion_reads_has_a_fact_or_is_documented_silent():
    project = api.open_project(ROOT)
    used = {
        indicator
        for ruleset in project.rulesets.values()
        for recommendation in ruleset.recommendations
        for criterion in recommendation.criteria
        for indicator in _indicators(criterion.condition)
    }
    with_facts = {fact.indicator for doc in project.evidence for fact in doc.data.facts}
    assert sorted(used - with_facts - set(SILENT)) == []
    # A silent indicator that gains a fact must leave the list.
    assert sorted(set(SILENT) & with_facts) == []
