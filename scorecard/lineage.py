"""Recommendations across reports: an item that ``continues`` an earlier one.

Each year's report repeats or rewords what the last one asked ("increase efforts to
convict traffickers" in 2015, "vigorously prosecute and convict" in 2018).  An item says
so with ``continues: tip-2015-peru/R1``, and ``progress --follow`` then gives one row per
report's wording of the same recommendation, earliest first, each scored by its own rules.
"""

from __future__ import annotations

from collections.abc import Iterable

from .errors import ScorecardError, did_you_mean
from .models import Progress
from .project import Project


def continues_problem(project: Project, ruleset_id: str, item_id: str, continued: str) -> tuple[str, str | None] | None:
    """Why ``continues: <continued>`` of ``ruleset_id/item_id`` does not hold, or None."""
    target_set, _, target_item = continued.partition("/")
    if target_set not in project.rulesets:
        return f'"{continued}" continues a rule set that does not exist', _closest(target_set, project.rulesets)
    items = [r.id for r in project.rulesets[target_set].recommendations]
    if target_item not in items:
        return f'"{continued}" continues an item that rule set "{target_set}" does not have', _closest(target_item, items) or f"its items are {', '.join(items)}"
    if target_set == ruleset_id:
        return f'"{continued}" is in the same rule set: an item continues one of an earlier report', None
    seen = {f"{ruleset_id}/{item_id}"}
    link: str | None = continued
    while link is not None:  # a loop would have no earliest report to start from
        if link in seen:
            return f'"{continued}" leads back to {ruleset_id}/{item_id}: the chain of `continues` is a loop', None
        seen.add(link)
        link = _continued(project, link)
    return None


def chain(project: Project, ruleset_id: str, item_id: str) -> list[str]:
    """``ruleset/item`` ids of one recommendation through successive reports, earliest
    first: the items it continues, itself, and the items that continue it."""
    start = f"{ruleset_id}/{item_id}"
    earlier: list[str] = []
    link = _continued(project, start)
    while link is not None and link not in earlier and link != start:
        earlier.insert(0, link)
        link = _continued(project, link)
    later: list[str] = []
    current = start
    while True:
        successors = sorted(_successors(project, current) - set(earlier) - set(later) - {start})
        if not successors:
            break
        current = successors[0]  # one line of descent; a second successor is a fork, followed no further
        later.append(current)
    return [*earlier, start, *later]


def build_lineage(project: Project, ruleset_id: str, item_id: str, country: str | None = None, years: Iterable[int] | None = None) -> Progress:
    """``progress`` of one recommendation followed through the reports that continue it:
    one row per report's item (id ``ruleset/item``), each scored by its own rule set."""
    from .scorecards import build_progress, country_of, ruleset_of

    ruleset = ruleset_of(project, ruleset_id)
    if item_id not in [r.id for r in ruleset.recommendations]:
        raise ScorecardError(f'rule set "{ruleset_id}" has no item "{item_id}"{did_you_mean(item_id, [r.id for r in ruleset.recommendations])}')
    code = country_of(project, ruleset, country)
    links = chain(project, ruleset_id, item_id)
    chosen = sorted(set(years)) if years else project.years(code)
    rows = []
    for link in links:
        link_set, _, link_item = link.partition("/")
        progress = build_progress(project, link_set, code, chosen)
        row = next(r for r in progress.rows if r.id == link_item)
        rows.append(row.model_copy(update={"id": link}))
    return Progress(ruleset=ruleset_id, title=f"{ruleset.title}: {item_id} through successive reports", country=code, years=chosen, rows=rows)


def _continued(project: Project, link: str) -> str | None:
    ruleset_id, _, item_id = link.partition("/")
    ruleset = project.rulesets.get(ruleset_id)
    item = next((r for r in ruleset.recommendations if r.id == item_id), None) if ruleset else None
    return item.continues if item is not None else None


def _successors(project: Project, link: str) -> set[str]:
    return {f"{rid}/{r.id}" for rid, rs in project.rulesets.items() for r in rs.recommendations if r.continues == link}


def _closest(word: str, choices: Iterable[str]) -> str | None:
    hint = did_you_mean(word, choices)
    return hint.removeprefix("; ") or None
