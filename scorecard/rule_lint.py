"""Rule lint: rules that look fine but cannot mean what they say (codes L002, L004).

The scoring rules are decided by trying every way the criteria of a recommendation
could come out (true, false or unknown each) under the rule set's policy, so what is
reported is proven, not guessed:

- **L002** a recommendation that can never be assessed (only stand-ins or gates);
- **L004** a criterion of a rule set that declares a conclusion reading the report's
  own conclusion (an ``overall`` indicator): the judgement would read itself.

A cap needs no lint: a gate does not score, so with any scored criterion beside it
there is always a case it lowers (tests/test_semantics.py enumerates the small cases).

Recommendations of more than :data:`MAX_ENUMERATED` criteria are not enumerated.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator

from .evaluate import indicators_read
from .models import Criterion, CriterionResult, Indicator, Pillar, Recommendation, RuleSet, Status, Truth
from .models.conditions import AllOf, AnyOf, Condition, Not
from .scoring import verdict

MAX_ENUMERATED = 9
"""3^9 = 19,683 cases: the most a recommendation's criteria are enumerated for."""

Report = Callable[[tuple[str | int, ...], str, str, str | None], None]
"""(location in the rule file, code, message, hint)."""

_TRUTHS = (Truth.TRUE, Truth.FALSE, Truth.UNKNOWN)


def lint_ruleset(ruleset: RuleSet, indicators: dict[str, Indicator], report: Report) -> None:
    for r_index, rec in enumerate(ruleset.recommendations):
        loc: tuple[str | int, ...] = ("recommendations", r_index)
        if len(rec.criteria) <= MAX_ENUMERATED:
            _lint_scoring(ruleset, rec, loc, report)
        for c_index, criterion in enumerate(rec.criteria):
            c_loc = (*loc, "criteria", c_index)
            if ruleset.conclusion is not None:
                _lint_circular(criterion, c_loc, indicators, report)


def results_for(criteria: list[Criterion], truths: tuple[Truth, ...], *, weights: dict[int, float] | None = None) -> list[CriterionResult]:
    """Results that come out as ``truths``; ``weights`` overrides some criteria's weights."""
    return [
        CriterionResult(
            id=c.id, description="", explanation="", cap=c.cap, stand_in=c.indirect, truth=truth,
            weight=(weights or {}).get(i, c.weight),
        )  # fmt: skip
        for i, (c, truth) in enumerate(zip(criteria, truths))
    ]


def _cases(n: int) -> Iterator[tuple[Truth, ...]]:
    return itertools.product(_TRUTHS, repeat=n)


def _lint_scoring(ruleset: RuleSet, rec: Recommendation, loc: tuple[str | int, ...], report: Report) -> None:
    criteria, policy = rec.criteria, ruleset.policy
    cases = list(_cases(len(criteria)))
    plain = {case: verdict(results_for(criteria, case), policy).status for case in cases}
    if all(status is Status.NOT_ASSESSED for status in plain.values()):
        report((*loc, "id"), "L002", f'recommendation "{rec.id}" can never be assessed: its criteria are all stand-ins or gates',
               "make at least one criterion a direct, scored one (no stand_in, no cap)")  # fmt: skip


def _lint_circular(criterion: Criterion, loc: tuple[str | int, ...], indicators: dict[str, Indicator], report: Report) -> None:
    for ident in indicators_read(criterion.condition):
        indicator = indicators.get(ident)
        if indicator is not None and indicator.pillar is Pillar.OVERALL:
            report((*loc, "condition"), "L004",
                   f'criterion "{criterion.id}" reads "{ident}", the report\'s own conclusion, in a rule set that concludes the same',
                   "judge from the evidence the conclusion rests on; the report's conclusion is shown beside the tool's")  # fmt: skip
            return
