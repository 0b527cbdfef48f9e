"""The Peru dataset's rule sets: shape, coverage of the recommendations, references.

These tests read the files with a plain safe loader and the file models, so they
check the data itself independently of the project loader.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from scorecard.models import RuleSet

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"

FILES = {
    "tip-2015-peru": RULES / "tip" / "tip-2015-peru.yaml",
    "pucp-2011-peru": RULES / "pucp" / "pucp-2011-peru.yaml",
    "tvpa-minimum-standards": RULES / "tvpa" / "tvpa-minimum-standards.yaml",
}
TVPA_IDS = [f"a{i}" for i in range(1, 5)] + [f"b{i}" for i in range(1, 13)]


def load(ruleset_id: str) -> RuleSet:
    with FILES[ruleset_id].open(encoding="utf-8") as f:
        return RuleSet.model_validate(yaml.safe_load(f))


def declared_indicators() -> set[str]:
    with (RULES / "indicators.yaml").open(encoding="utf-8") as f:
        return {entry["id"] for entry in yaml.safe_load(f)["indicators"]}


def indicators_of(condition: object) -> list[str]:
    """Every indicator a condition reads, however deeply nested."""
    data = condition.model_dump() if hasattr(condition, "model_dump") else condition
    found: list[str] = []

    def walk(node: dict) -> None:
        if "indicator" in node:
            found.append(node["indicator"])
        for child in node.get("conditions") or []:
            walk(child)
        if node.get("condition"):
            walk(node["condition"])

    walk(data)
    return found


@pytest.mark.parametrize("ruleset_id", sorted(FILES))
def test_file_loads_with_matching_id_and_schema_comment(ruleset_id: str) -> None:
    ruleset = load(ruleset_id)
    assert ruleset.id == ruleset_id
    first_line = FILES[ruleset_id].read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=../../schemas/ruleset.schema.json"


def test_tip_2015_has_the_nine_recommendations_in_order() -> None:
    ruleset = load("tip-2015-peru")
    assert [r.id for r in ruleset.recommendations] == [f"R{i}" for i in range(1, 10)]
    assert ruleset.country == "PER"
    assert ruleset.source == "tip-2015-peru"
    assert all(r.citation and r.citation.source == "tip-2015-peru" for r in ruleset.recommendations)


def test_tip_2015_r1_covers_each_clause() -> None:
    r1 = load("tip-2015-peru").recommendations[0]
    used = {i for c in r1.criteria for i in indicators_of(c.condition)}
    assert {
        "funding.national_budget",
        "protection.services_for_adults",
        "protection.services_outside_capital",
        "protection.ngo_partnership",
    } <= used


def test_pucp_2011_has_at_least_six_items() -> None:
    ruleset = load("pucp-2011-peru")
    ids = [r.id for r in ruleset.recommendations]
    assert len(ids) >= 6
    assert ids == [f"P{i}" for i in range(1, len(ids) + 1)]
    assert ruleset.country == "PER"
    assert str(ruleset.issued) == "2011-11-29"
    assert all(r.citation and r.citation.source == "pucp-2011-cescr" for r in ruleset.recommendations)


def test_tvpa_has_the_sixteen_standards_and_criteria() -> None:
    ruleset = load("tvpa-minimum-standards")
    assert [r.id for r in ruleset.recommendations] == TVPA_IDS
    assert ruleset.country is None
    assert ruleset.source is None
    for r in ruleset.recommendations:
        assert r.legal_reference and r.legal_reference.startswith("22 U.S.C. 7106(")


@pytest.mark.parametrize("ruleset_id", sorted(FILES))
def test_every_recommendation_has_criteria_with_rationales(ruleset_id: str) -> None:
    for r in load(ruleset_id).recommendations:
        assert r.criteria, r.id
        ids = [c.id for c in r.criteria]
        assert len(ids) == len(set(ids)), f"{r.id}: duplicate criterion id"
        for c in r.criteria:
            assert c.rationale.strip(), f"{r.id}/{c.id} has no rationale"


def test_no_tvpa_criterion_reads_the_reports_own_conclusion() -> None:
    """The TVPA standards are what the Report's conclusion (tier, "fully meets",
    "significant/increasing efforts") is drawn from: reading it back is circular."""
    overall = {i for i in declared_indicators() if i.startswith("overall.")}
    assert overall, "the overall.* indicators this test guards against are declared"
    for r in load("tvpa-minimum-standards").recommendations:
        for c in r.criteria:
            read = set(indicators_of(c.condition)) & overall
            assert not read, f"tvpa {r.id}/{c.id} reads {sorted(read)}"


@pytest.mark.parametrize("ruleset_id", sorted(FILES))
def test_tvpa_links_name_tvpa_ids(ruleset_id: str) -> None:
    for r in load(ruleset_id).recommendations:
        unknown = set(r.tvpa) - set(TVPA_IDS)
        assert not unknown, f"{ruleset_id} {r.id} links to unknown TVPA ids {sorted(unknown)}"


@pytest.mark.parametrize("ruleset_id", sorted(FILES))
def test_every_indicator_used_is_declared(ruleset_id: str) -> None:
    declared = declared_indicators()
    for r in load(ruleset_id).recommendations:
        for c in r.criteria:
            for indicator in indicators_of(c.condition):
                assert indicator in declared, f"{ruleset_id} {r.id}/{c.id}: {indicator} is not declared"


@pytest.mark.parametrize("ruleset_id", sorted(FILES))
def test_every_rule_set_scores_every_year_with_evidence(ruleset_id: str) -> None:
    from scorecard import api

    project = api.open_project(ROOT)
    years = sorted({doc.data.year for doc in project.evidence})
    assert years
    ruleset = load(ruleset_id)
    for year in years:
        card = api.evaluate(project, ruleset_id, year, country="PER")
        assert [r.id for r in card.results] == [r.id for r in ruleset.recommendations], year
        for result in card.results:
            assert result.status in {"met", "partial", "unmet", "not_assessed"}, (year, result.id)
