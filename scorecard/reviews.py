"""Analyst reviews beside the rules' verdicts: matching them to results, and checking them.

A review is attached to the result of its rule set, item, country and year as
:class:`~scorecard.models.ReviewNote`; the result's ``status`` stays the rules' verdict,
so every output can show both.  Validation reports a review naming no existing item
(V001), one past its expiry (V002), one whose rules' verdict has changed since it was
written (V003: the judgement was made on other rules or other evidence), and two reviews
of one verdict (V004).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from .errors import ScorecardError, did_you_mean
from .models import Progress, Review, ReviewNote, Scorecard, Status
from .project import Project

Key = tuple[str, str, str, int]
"""rule set, item, country, year"""
Report = Callable[..., None]
"""``report(index, key, code, message, hint)``: a problem of the review at ``index``, at its ``key``"""


def key_of(review: Review) -> Key:
    return (review.ruleset, review.item, review.country, review.year)


def note(review: Review, rules_verdict: Status, today: dt.date) -> ReviewNote:
    """The review as results carry it, saying whether it has expired and whether the
    rules' verdict is still the one it was written against."""
    return ReviewNote(
        verdict=review.verdict,
        justification=review.justification,
        author=review.author,
        date=review.date.isoformat(),
        expires=review.expires.isoformat(),
        rules_verdict=review.rules_verdict,
        expired=review.expires < today,
        outdated=review.rules_verdict is not rules_verdict,
    )


def attach_reviews(project: Project, scorecard: Scorecard, today: dt.date | None = None) -> Scorecard:
    """The scorecard with each result's review (if any) beside its rules' verdict."""
    today = today or dt.date.today()
    wanted = {key_of(r): r for r in project.reviews if (r.ruleset, r.country, r.year) == (scorecard.ruleset, scorecard.country, scorecard.year)}
    for result in scorecard.results:
        review = wanted.get((scorecard.ruleset, result.id, scorecard.country, scorecard.year))
        if review is not None:
            result.review = note(review, result.status, today)
    return scorecard


def attach_to_progress(project: Project, progress: Progress) -> Progress:
    """The progress table with each row's reviewed verdicts by year (a row id may be
    ``ruleset/item``, as ``progress --follow`` gives)."""
    for row in progress.rows:
        ruleset, _, item = row.id.rpartition("/")
        ruleset = ruleset or progress.ruleset
        for review in project.reviews:
            if (review.ruleset, review.item, review.country) == (ruleset, item, progress.country) and review.year in row.statuses:
                row.reviewed[review.year] = review.verdict
    return progress


def check_reviews(project: Project, indexed: Iterable[tuple[int, Review]], report: Report, *, today: dt.date, evaluate: bool) -> None:
    """Every problem of the reviews (``indexed``: each with its index in the file).
    ``evaluate``: whether the project is sound enough to score, for V003."""
    first: dict[Key, int] = {}
    to_score: list[tuple[int, Review]] = []
    for index, review in indexed:
        key = key_of(review)
        if key in first:
            report(index, "item", "V004", f"a second review of {_name(review)}", f"review {first[key] + 1} of the file is the first; keep one, with both justifications")
            continue
        first[key] = index
        problem = _unknown(project, review)
        if problem is not None:
            report(index, problem[0], "V001", problem[1], problem[2])
            continue
        if review.expires < today:
            report(index, "expires", "V002", f"the review of {_name(review)} expired on {review.expires.isoformat()}",
                   "revisit it: if it still stands, set a new `expires` (and `date`); if not, delete it")  # fmt: skip
        to_score.append((index, review))
    if not evaluate:
        return
    from .scorecards import build_scorecard

    scored: dict[tuple[str, str, int], Scorecard] = {}
    for index, review in to_score:
        sc_key = (review.ruleset, review.country, review.year)
        if sc_key not in scored:
            try:
                scored[sc_key] = build_scorecard(project, review.ruleset, review.year, review.country)
            except ScorecardError:  # cannot be scored (said by V001 or the command that tries): nothing to compare
                continue
        now = next(r.status for r in scored[sc_key].results if r.id == review.item)
        if now is not review.rules_verdict:
            report(index, "rules_verdict", "V003",
                   f"the rules' verdict on {_name(review)} is now {now.value}, not the {review.rules_verdict.value} the review was written against",
                   f"revisit the review with `scorecard explain {review.ruleset} {review.item} --year {review.year}`; if it still stands, set `rules_verdict: {now.value}`")  # fmt: skip


def _name(review: Review) -> str:
    return f"{review.ruleset}/{review.item} for {review.country} {review.year}"


def _unknown(project: Project, review: Review) -> tuple[str, str, str | None] | None:
    """(key, message, hint) when the review names no verdict the project can give."""
    ruleset = project.rulesets.get(review.ruleset)
    if ruleset is None:
        return "ruleset", f'rule set "{review.ruleset}" does not exist', did_you_mean(review.ruleset, project.rulesets).removeprefix("; ") or None
    items = [r.id for r in ruleset.recommendations]
    if review.item not in items:
        return "item", f'rule set "{review.ruleset}" has no item "{review.item}"', did_you_mean(review.item, items).removeprefix("; ") or f"its items are {', '.join(items)}"
    if ruleset.country is not None and ruleset.country != review.country:
        return "country", f'rule set "{review.ruleset}" is issued to {ruleset.country}, not {review.country}', f"write country: {ruleset.country}"
    years = project.years(review.country)
    if review.year not in years:
        shown = ", ".join(str(y) for y in years) or "none"
        return "year", f"{review.country} has no evidence file for {review.year}, so there is no verdict to review", f"years with evidence: {shown}"
    return None
