"""Work a stranger's files can cause is bounded, and ordinary work never meets the bound
(issue 12, defects 7 and 8, and "every kind of work bounded")."""

from __future__ import annotations

from scorecard import anchor
from scorecard.anchor import Budget, SourceText


def test_the_runs_budget_answers_unchecked_once_spent_never_found():
    text = SourceText("a" * 200_000 + "\n")
    budget = Budget(work=1_000_000)
    answers = [text.find("aaaaaaaa", prefix="a" * 1999 + "b", budget=budget).status for _ in range(50)]
    assert "unchecked" in answers and "found" not in answers
    assert answers[answers.index("unchecked") :] == ["unchecked"] * (50 - answers.index("unchecked"))


def test_ordinary_lookups_never_spend_the_runs_budget():
    # 20,000 lookups of a quote occurring three times, each picked out by a prefix
    sentence = "The police reported 865 anti-trafficking operations in the year."
    text = SourceText("\n".join(f"In region {n}: {sentence}" for n in range(3)) + "\n")
    budget = Budget()
    for _ in range(20_000):
        assert text.find(sentence, prefix="In region 1:", budget=budget).status == "found"
    assert budget.left == anchor.RUN_WORK
