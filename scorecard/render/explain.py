"""The full account of one verdict, as plain text for a terminal."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

from ..models import NOT_REPORTED, CitationRef, CriterionResult, FactUsed, ReviewNote, Scorecard
from . import escape
from .tables import country_label, criteria_count, status_label

WIDTH = 88
"""Every line of an explanation fits in this many columns."""


def _wrap(text: str, indent: str, first: str | None = None) -> list[str]:
    """``text`` (already safe) wrapped to :data:`WIDTH`; ``first`` replaces the first indent."""
    wrapper = textwrap.TextWrapper(
        width=WIDTH,
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
        break_long_words=True,
        break_on_hyphens=False,  # ids and source names are hyphenated; keep them whole
    )
    return wrapper.wrap(text) or [(indent if first is None else first).rstrip()]


def value_text(value: object) -> str:
    """A fact's value as printed: ``not reported``, ``true``/``false``, or the value itself."""
    if value == NOT_REPORTED:
        return "not reported"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


_BOUNDS = {"at_least": "at least", "more_than": "more than", "at_most": "at most", "fewer_than": "fewer than", "about": "about"}


def _fact(fact: FactUsed) -> list[str]:
    value = value_text(fact.value) if fact.value is not None else "no figure"
    head = f"{fact.indicator} = {_BOUNDS.get(fact.bound, '')} {value}".replace("=  ", "= ")
    # A count is shown in what it counts ("228 suspects"), which may differ from the indicator's unit.
    unit = fact.basis or fact.unit
    if unit and isinstance(fact.value, (int, float)) and not isinstance(fact.value, bool):
        head += f" {unit}"
    if fact.direction:
        head += f", reported as {fact.direction}"
    head += f", period {fact.period}" if fact.period else f", year {fact.year}"
    if fact.reporter:
        head += f", reported by {fact.reporter}"
    head += f" ({fact.path})"
    lines = _wrap(escape.one_line(head), "       ", "     - ")
    if fact.conflict:
        # Side by side with the other figures listed here: the reader sees every figure, not one.
        lines += _wrap("CONFLICT: another reporter or source gives a different figure for this year (listed beside it).", "       ")
    if fact.note:
        lines += _wrap(escape.one_line(f"Note: {fact.note}"), "       ")
    for citation in fact.citations:
        lines += _quote(citation, "       ")
    return lines


def citation_source_line(citation: CitationRef) -> str:
    """``Title (source-id), line N, section "Heading"``, the section only when known."""
    text = f"{citation.title or citation.source} ({citation.source}), line {citation.line}"
    if citation.heading:
        text += f', section "{citation.heading}"'
    return text


def _quote(citation: CitationRef, indent: str) -> list[str]:
    # Hanging indent: continuation lines align with the text after the opening quote mark.
    quote = _wrap(escape.one_line(f"“{citation.quote}”"), indent + " ", indent)
    return quote + _wrap(escape.one_line(f"— {citation_source_line(citation)}"), indent + "    ", indent + "  ")


def _criterion(number: int, criterion: CriterionResult) -> list[str]:
    lines = _wrap(escape.one_line(f"{criterion.id}: {criterion.description}"), "   ", f"{number}. ".ljust(3))
    result = f"Result: {criterion.truth.value}"
    if criterion.weight != 1.0:
        result += f" (weight {criterion.weight:g})"
    if criterion.cap:
        result += f"; when it does not hold, the verdict is at most {criterion.cap}"
    lines += _wrap(escape.one_line(result), "   ")
    lines += _wrap(escape.one_line(criterion.explanation), "   ")
    if criterion.facts:
        lines.append("   Facts used:")
        for fact in criterion.facts:
            lines += _fact(fact)
    else:
        lines.append("   No facts used.")
    return lines


def _review(review: ReviewNote) -> list[str]:
    """The analyst's verdict, beside (never instead of) the rules' status above it."""
    lines = _wrap(escape.one_line(f"Analyst's verdict: {status_label(review.verdict)} (reviewed by {review.author} on {review.date}; expires {review.expires})"), "")
    lines += _wrap(escape.one_line(review.justification), "  ")
    if review.outdated:
        lines += _wrap(escape.one_line(f"To revisit: the review was written when the rules said {status_label(review.rules_verdict)}."), "  ")
    if review.expired:
        lines += _wrap(escape.one_line(f"To revisit: the review expired on {review.expires}."), "  ")
    return lines


def render_explanation(sc: Scorecard, rec_id: str, names: Mapping[str, str] | None = None) -> str:
    """Everything behind one recommendation's verdict, as plain text wrapped to 88 columns.

    The recommendation's text, its status and explanation, then each criterion in the
    rule file's order (the order of ``criteria`` in the result): its truth value, its
    explanation, each fact used (value, unit, period, note, evidence file) and the full
    text of every quote with source title, source id, line and section heading.
    Facts and quotes are printed in the order the evaluator recorded them.

    Raises ``KeyError`` when ``rec_id`` is not in the scorecard.
    """
    result = next((r for r in sc.results if r.id == rec_id), None)
    if result is None:
        raise KeyError(rec_id)
    lines = _wrap(escape.one_line(f"{sc.title} — {country_label(sc.country, names)}, {sc.year}"), "")
    lines.append("")
    lines += _wrap(escape.one_line(f"Recommendation {result.id}: {result.title}"), "")
    lines += _wrap(escape.one_line(result.text), "  ")
    lines.append("")
    lines += _wrap(escape.one_line(f"Status: {status_label(result.status)} ({criteria_count(result)} criteria hold)"), "")
    lines += _wrap(escape.one_line(result.explanation), "  ")
    if result.review is not None:
        lines.append("")
        lines += _review(result.review)
    lines.append("")
    lines.append("Criteria")
    for number, criterion in enumerate(result.criteria, start=1):
        lines.append("")
        lines += _criterion(number, criterion)
    if not result.criteria:
        lines.append("  (none)")
    return "\n".join(line.rstrip() for line in lines) + "\n"
