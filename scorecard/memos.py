"""From a loaded project to what a memo is made of (:class:`~.render.memo_view.MemoInput`).

The memo's date is an argument, never read from a clock here: the command line passes
today's by default.  Country names come from :func:`country_name`, the one place that
knows where names live.
"""

from __future__ import annotations

import datetime as dt

from .models import RuleSet, Scorecard
from .project import Project
from .render.memo_view import Letterhead, MemoInput
from .scorecards import build_progress
from .templates import read_templates


def country_name(project: Project, code: str, lang: str) -> tuple[str, str | None]:
    """(the country's name in ``lang``, its ISO 3166 alpha-2 code) for an alpha-3 code.

    The name comes from the project's countries file (the code itself when the file does
    not describe the country); the alpha-2 code, which picks the symbol readers of the
    country know its currency by, from ISO 3166 (None for a code ISO does not know)."""
    import pycountry

    from .models.countries import country_name as name_of

    known = pycountry.countries.get(alpha_3=code.upper())
    return name_of(project.country_catalogue, code, lang), known.alpha_2 if known else None


def memo_language(project: Project, lang: str | None) -> str:
    """The language asked for, else the project's ``lang``, else English."""
    return lang or project.config.lang or "en"


def memo_input(project: Project, scorecard: Scorecard, *, lang: str, date: dt.date | None) -> MemoInput:
    """Everything the memo of ``scorecard`` needs: its sources in catalogue order, the
    vocabulary, the country's name, the verdicts of every year up to the memo's."""
    name, alpha2 = country_name(project, scorecard.country, lang)
    years = [y for y in project.years(scorecard.country) if y <= scorecard.year]
    progress = build_progress(project, scorecard.ruleset, scorecard.country, years) if years else None
    letterhead = project.config.memo
    return MemoInput(
        scorecard=scorecard,
        sources=list(project.sources.values()),
        indicators=project.indicators,
        country_name=name,
        territory=alpha2,
        progress=progress,
        lang=lang,
        date=date,
        letterhead=Letterhead(**letterhead.model_dump()) if letterhead else Letterhead(),
        titles=translated_titles(project.rulesets[scorecard.ruleset], lang),
    )


def translated_titles(ruleset: RuleSet, lang: str) -> dict[str, str]:
    """The rule file's titles in ``lang``: ``""`` for the rule set's, else by recommendation id."""
    titles = {}
    if ruleset.translations and lang in ruleset.translations:
        titles[""] = ruleset.translations[lang].title  # type: ignore[index]
    for rec in ruleset.recommendations:
        if rec.translations and lang in rec.translations:
            titles[rec.id] = rec.translations[lang].title  # type: ignore[index]
    return titles


def project_templates(project: Project) -> dict[str, str]:
    """The project's own templates by name (already checked by ``validate``)."""
    return read_templates(project.root)[0]
