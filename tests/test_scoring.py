"""Scoring: criteria results -> a verdict under the policy, with its sentence.

Each file in ``tests/fixtures/scoring/`` is one case of the spec::

    # what the case shows
    policy: {met_threshold: 0.75}          # the rule set's ScoringPolicy ({} = defaults)
    criteria:
      - {id: funding, truth: true}         # truth: true | false | unknown
      - {id: complicity, truth: false, cap: partial, weight: 2}
    expect: {status: partial, held: 1, assessed: 2, score: 0.5, explanation: "..."}

``score`` and ``explanation`` are checked when given.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from scorecard.models import (
    CitationRef,
    CriterionResult,
    FactUsed,
    Recommendation,
    ScoringPolicy,
    Status,
    Truth,
)
from scorecard.scoring import at_or_below, score_recommendation, totals, verdict

CASES = sorted((Path(__file__).parent / "fixtures" / "scoring").glob("*.yaml"))


def criterion(entry: dict[str, Any]) -> CriterionResult:
    raw = entry["truth"]  # YAML reads true/false as booleans, unknown as a string
    truth = Truth(str(raw).lower())
    return CriterionResult(
        id=entry["id"],
        description=entry["id"],
        truth=truth,
        weight=float(entry.get("weight", 1.0)),
        cap=entry.get("cap"),
        explanation="",
        stand_in=bool(entry.get("stand_in", False)),
    )


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 12


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_scoring_case(path: Path) -> None:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    policy = ScoringPolicy(**(case.get("policy") or {}))
    criteria = [criterion(entry) for entry in case["criteria"]]
    expect = case["expect"]

    result = verdict(criteria, policy)

    assert result.status is Status(expect["status"])
    assert (result.held, result.assessed, result.total) == (expect["held"], expect["assessed"], len(criteria))
    if "score" in expect:
        assert result.score == (None if expect["score"] is None else pytest.approx(expect["score"]))
    if "explanation" in expect:
        assert result.explanation == expect["explanation"]
    weights = sum(c.weight for c in criteria)
    assert result.coverage == pytest.approx(sum(c.weight for c in criteria if c.truth is not Truth.UNKNOWN) / weights)


# -- a recommendation's result -------------------------------------------------------------


def ref(quote: str, line: int) -> CitationRef:
    return CitationRef(source="tip-2018-peru", quote=quote, line=line)


def used(indicator: str, year: int, *refs: CitationRef) -> FactUsed:
    return FactUsed(indicator=indicator, year=year, value=1, path=f"evidence/peru/{year}.yaml", citations=list(refs))


def test_a_recommendation_result_lists_its_citations_once_in_first_seen_order() -> None:
    budget_2016, budget_2017, convictions = ref("5.6 million soles", 19), ref("11 million soles", 19), ref("33 traffickers", 7)
    criteria = [
        CriterionResult(id="funding", description="d", truth=Truth.TRUE, explanation="e", facts=[
            used("funding.national_budget", 2016, budget_2016), used("funding.national_budget", 2017, budget_2017),
        ]),
        CriterionResult(id="convictions", description="d", truth=Truth.FALSE, explanation="e", facts=[
            used("prosecution.convictions", 2017, convictions, budget_2017),
        ]),
    ]
    recommendation = Recommendation.model_validate({
        "id": "R1", "title": "Fund services", "text": "Increase funding", "pillar": "protection",
        "criteria": [
            {"id": c.id, "description": "d", "rationale": "r", "condition": {"op": "reported", "indicator": "a.b"}}
            for c in criteria
        ],
    })

    result = score_recommendation(recommendation, criteria, ScoringPolicy())

    assert (result.id, result.title, result.pillar.value, result.status) == ("R1", "Fund services", "protection", Status.PARTIAL)
    assert result.citations == [budget_2016, budget_2017, convictions]
    assert result.explanation == "1 of 2 criteria holds: funding; fails: convictions"


# -- totals and the gate -------------------------------------------------------------------


def test_totals_count_each_verdict_and_weigh_the_assessed() -> None:
    result = totals([
        (Status.MET, 1.0),
        (Status.PARTIAL, 2.0),
        (Status.UNMET, 1.0),
        (Status.NOT_ASSESSED, 5.0),
    ])
    assert (result.met, result.partial, result.unmet, result.not_assessed) == (1, 1, 1, 1)
    assert result.score == pytest.approx((1.0 + 0.5 * 2.0 + 0.0) / 4.0)


def test_totals_without_an_assessed_recommendation_have_no_score() -> None:
    assert totals([(Status.NOT_ASSESSED, 1.0)]).score is None
    assert totals([]).score is None


@pytest.mark.parametrize(
    ("status", "level", "fails"),
    [
        (Status.UNMET, Status.UNMET, True),
        (Status.PARTIAL, Status.UNMET, False),
        (Status.MET, Status.UNMET, False),
        (Status.UNMET, Status.PARTIAL, True),
        (Status.PARTIAL, Status.PARTIAL, True),
        (Status.MET, Status.PARTIAL, False),
        (Status.NOT_ASSESSED, Status.UNMET, False),
        (Status.NOT_ASSESSED, Status.PARTIAL, False),
    ],
)
def test_gate_levels(status: Status, level: Status, fails: bool) -> None:
    assert at_or_below(status, level) is fails
