"""What a memo says, in the reader's language, before it is laid out by a template.

:func:`memo_view` turns a scorecard and what it cites into plain data: titles, sentences,
table rows, findings, footnotes, sources, provenance.  Every word the tool adds comes from
the message catalogue; every string here is raw text, escaped by the template engine for
the memo's format.  Footnote numbers are given in reading order (table, then findings).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..models import CitationRef, Indicator, Progress, RecommendationResult, Scorecard, Source, Status
from . import numbers
from .i18n import translations
from .memo_content import Footnotes, cited_sources, fact_citations, is_web_url, own_citations
from .words import Wording, finding, truth_word


@dataclass(frozen=True)
class Letterhead:
    """Who sends the memo (``memo:`` in scorecard.yaml); every field optional."""

    organisation: str | None = None
    author: str | None = None
    contact: str | None = None


@dataclass(frozen=True)
class MemoInput:
    """Everything a memo is made from.  ``date`` is passed in: renderers read no clock."""

    scorecard: Scorecard
    sources: Sequence[Source]
    indicators: Mapping[str, Indicator] = field(default_factory=dict)
    country_name: str | None = None
    territory: str | None = None
    """ISO 3166 alpha-2 code of the country (its currency symbol), when known."""
    progress: Progress | None = None
    lang: str = "en"
    date: dt.date | None = None
    letterhead: Letterhead = Letterhead()
    titles: Mapping[str, str] = field(default_factory=dict)
    """Translated titles: ``""`` for the rule set's, recommendation id for each recommendation."""


def status_word(status: Status, w: Wording) -> str:
    return {
        Status.MET: w._("met"),
        Status.PARTIAL: w._("partial"),
        Status.UNMET: w._("unmet"),
        Status.NOT_ASSESSED: w._("not assessed"),
    }[status]


def criteria_words(r: RecommendationResult, w: Wording) -> str:
    """"2 of 5 hold, 1 not assessed": of the criteria assessed, how many hold, and how many
    could not be assessed (which is why "2 of 2 hold" can still be partial)."""
    text = w._("{held} of {assessed} hold", held=w.number(r.held), assessed=w.number(r.assessed))
    if r.total > r.assessed:
        text += w._(", {n} not assessed", n=w.number(r.total - r.assessed))
    return text


def verdict_sentence(r: RecommendationResult, w: Wording) -> str:
    """"2 of 6 criteria hold, 3 do not and 1 could not be assessed." from the counts."""
    failed, unassessed = r.assessed - r.held, r.total - r.assessed
    text = w.n_("{n} of {total} criteria holds", "{n} of {total} criteria hold", r.held, total=w.number(r.total))
    if r.total == 1 and r.held == 1:
        return text + "."
    parts = []
    if failed:
        parts.append(w.n_("{n} does not", "{n} do not", failed))
    if unassessed:
        parts.append(w.n_("{n} could not be assessed", "{n} could not be assessed", unassessed))
    if not parts:
        return text + "."
    if len(parts) == 1:
        return w._("{first} and {last}.", first=text, last=parts[0])
    return w._("{first}, {middle} and {last}.", first=text, middle=parts[0], last=parts[1])


def summary(sc: Scorecard, country: str, title: str, w: Wording) -> str:
    """One paragraph built from the totals alone."""
    t = sc.totals
    total = t.met + t.partial + t.unmet + t.not_assessed
    assessed = total - t.not_assessed
    text = w.n_(
        "This memo scores what {country} had done by {year} on the {n} recommendation in “{title}”.",
        "This memo scores what {country} had done by {year} on the {n} recommendations in “{title}”.",
        total, country=country, year=sc.year, title=title,
    )
    if total == 0:
        return text
    rule = w._("no evidence is not a finding that a recommendation is unmet")
    if assessed == 0:
        return text + " " + w._("None could be assessed: there is no evidence for {year}, and {rule}.", year=sc.year, rule=rule)
    counts = [
        w.n_("{n} met", "{n} met", t.met),
        w.n_("{n} partially met", "{n} partially met", t.partial),
        w.n_("{n} unmet", "{n} unmet", t.unmet),
    ]
    text += " " + w._(
        "The evidence allows {assessed} to be assessed: {met}, {partial} and {unmet}.",
        assessed=w.number(assessed), met=counts[0], partial=counts[1], unmet=counts[2],
    )
    if t.not_assessed:
        text += " " + w.n_(
            "{n} was not assessed for lack of evidence; {rule}.",
            "{n} were not assessed for lack of evidence; {rule}.",
            t.not_assessed, rule=rule,
        )
    if t.score is not None:
        text += " " + w._(
            "The weighted score is {score} (met counts 1, partial one half, unmet 0).",
            score=numbers.percent(t.score, w.lang),
        )
    return text


def footnote_where(citation: CitationRef, catalogue: Mapping[str, Source], w: Wording) -> str:
    """``Title, line N, section “Heading”``: where a reader finds the quote."""
    source = catalogue.get(citation.source)
    title = citation.title or (source.title if source else w._("an uncatalogued source"))
    where = w._("{title}, line {line}", title=title, line=citation.line)
    if citation.heading:
        where += w._(", section “{heading}”", heading=citation.heading)
    return where


def review_view(r: RecommendationResult, w: Wording) -> dict[str, str]:
    """An analyst's reviewed verdict, printed after the rules' (never instead of it)."""
    review = r.review
    assert review is not None
    text = w._("{justification} ({author}, {date}; to be revisited by {expires})").format(
        justification=review.justification.rstrip("."), author=review.author, date=review.date, expires=review.expires
    )
    if review.outdated:
        text += " " + w._("To revisit: the rules' verdict has changed since this review.")
    if review.expired:
        text += " " + w._("To revisit: this review expired on {expires}.").format(expires=review.expires)
    return {"heading": w._("Analyst's verdict:"), "status": review.verdict.value, "status_label": status_word(review.verdict, w), "text": text}


def memo_view(m: MemoInput) -> dict[str, object]:
    """The memo as plain data for a template (see the templates under ``render/templates``)."""
    sc = m.scorecard
    w = Wording(m.lang, translations(m.lang), m.indicators, m.territory)
    country = m.country_name or sc.country
    title = m.titles.get("", sc.title)
    catalogue = {s.id: s for s in m.sources}
    footnotes = Footnotes()
    findings = []
    for number, r in enumerate(sc.results, start=1):
        own = footnotes.cite_all(own_citations(r))  # before the criteria: numbers rise down the page
        criteria = [
            {
                "description": c.description,
                "truth": c.truth.value,
                "truth_label": truth_word(c.truth, w),
                "finding": finding(c, sc.year, w),
                "refs": footnotes.cite_all(fact_citations(c)),
            }
            for c in r.criteria
        ]
        findings.append({
            "number": number,
            "id": r.id,
            "title": m.titles.get(r.id, r.title),
            "text": r.text,
            "status": r.status.value,
            "status_label": status_word(r.status, w),
            "verdict": verdict_sentence(r, w),
            "refs": own,
            "criteria": criteria,
            "reviews": [review_view(r, w)] if r.review is not None else [],
        })
    # Numbered above in reading order; criteria first cite after their recommendation's own.
    notes = [
        {"number": n, "quote": c.quote, "where": footnote_where(c, catalogue, w), "uses": footnotes.uses[n - 1]}
        for n, c in enumerate(footnotes.notes, start=1)
    ]
    entries = cited_sources(sc, m.sources)
    sources = [
        {
            "title": e.source.title if e.source else w._("an uncatalogued source"),
            "publisher": e.source.publisher if e.source else None,
            "published": numbers.date(e.source.published, w.lang) if e.source and e.source.published else None,
            "url": e.source.url if e.source and e.source.url and is_web_url(e.source.url) else None,
        }
        for e in entries
    ]
    p = sc.provenance
    provenance = {
        "line": w._(
            "Generated by scorecard {tool} from rule set {ruleset}, version {version} (SHA-256 {sha}). "
            "Each source below is identified by its id in the source catalogue and the SHA-256 of its text.",
            tool=p.tool_version, ruleset=sc.ruleset, version=p.ruleset_version, sha=p.ruleset_sha256,
        ),
        "tool_version": p.tool_version,
        "ruleset": sc.ruleset,
        "ruleset_version": p.ruleset_version,
        "ruleset_sha256": p.ruleset_sha256,
        "sources": [
            {"id": e.id, "sha256": e.sha256, "note": e.source.note if e.source else None,
             "file": e.source.original_name if e.source else None}
            for e in entries
        ],
    }
    return {
        "lang": m.lang,
        "title": w._("{title} — {country}, {year}", title=title, country=country, year=sc.year),
        "date": numbers.date(m.date, w.lang) if m.date else None,
        "letterhead": m.letterhead,
        "summary": summary(sc, country, title, w),
        "legend": w._(
            "Criteria: of those the evidence allows to be assessed, how many hold. A recommendation "
            "is met only when every criterion holds, so one not assessed keeps it from being met."
        ),
        "rows": [
            {"number": f["number"], "id": f["id"], "title": f["title"], "status": f["status"],
             "status_label": f["status_label"], "criteria": criteria_words(r, w),
             "review": w._("analyst: {verdict}", verdict=status_word(r.review.verdict, w)) if getattr(r, "review", None) else None}
            for f, r in zip(findings, sc.results)
        ],
        "findings": findings,
        "notes": notes,
        "sources": sources,
        "provenance": provenance,
    }
