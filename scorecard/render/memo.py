"""Advocacy memos rendered from Jinja2 templates: HTML (a printable page) and Markdown.

The templates ship in ``scorecard/render/templates``; a project may override either with
a file of the same name in ``templates/`` beside ``scorecard.yaml`` (passed in as text, so
rendering reads no file), and may extend the shipped one as ``scorecard/memo.html.j2``.
Project templates run in Jinja's sandbox, and escaping does not depend on them: every
value printed is escaped for the format unless the renderer itself marked it as markup
(the SVG grid, the style sheet); the ``safe`` filter is removed.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib import resources
from urllib.parse import quote as percent_encode

from jinja2 import ChoiceLoader, DictLoader, PackageLoader, PrefixLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from ..models import Scorecard, Source
from . import escape
from .i18n import translations
from .memo_view import Letterhead, MemoInput, memo_view
from .memo_grid import add_grid

__all__ = ["MEMO_TEMPLATES", "Letterhead", "MemoInput", "render_memo", "render_memo_html", "render_memo_markdown"]

MEMO_TEMPLATES: Mapping[str, str] = {"html": "memo.html.j2", "markdown": "memo.md.j2"}
"""The template of each memo format; a project file of that name overrides it."""


class Trusted(Markup):
    """Markup the renderer built itself (escaped piece by piece): printed as it is."""


class MarkdownText(str):
    """Markdown already escaped by a filter: printed as it is."""


def _html_value(value: object) -> object:
    if isinstance(value, Trusted):
        return value
    if isinstance(value, Markup):  # from the template itself (a macro, a block)
        return value
    return Markup(escape.html_line("" if value is None else str(value)))


def _markdown_value(value: object) -> str:
    if isinstance(value, MarkdownText):
        return value
    return escape.markdown_cell("" if value is None else str(value))


def _css_string(value: object) -> Trusted:
    """A CSS string literal: only characters that cannot end it or the style element."""
    text = "".join(ch for ch in escape.one_line(str(value or "")) if ch.isalnum() or ch in " .,-/:")
    return Trusted(f'"{text}"')


def _markdown_url(url: object) -> MarkdownText:
    return MarkdownText(percent_encode(escape.one_line(str(url)), safe=":/?#[]@!$&'()*+,;=%~"))


def environment(fmt: str, project_templates: Mapping[str, str], lang: str) -> SandboxedEnvironment:
    shipped = PackageLoader("scorecard", "render/templates")
    loader = ChoiceLoader([DictLoader(dict(project_templates)), PrefixLoader({"scorecard": shipped}), shipped])
    html = fmt == "html"
    env = SandboxedEnvironment(
        loader=loader,
        autoescape=html,
        finalize=_html_value if html else _markdown_value,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.filters.pop("safe", None)
    env.filters["css_string"] = _css_string
    env.filters["block"] = lambda text: MarkdownText(escape.markdown(str(text)))
    env.filters["url"] = _markdown_url
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    return env


@cache
def _css() -> str:
    return resources.files("scorecard").joinpath("render", "templates", "memo.css").read_text(encoding="utf-8")


def render_memo(m: MemoInput, fmt: str, project_templates: Mapping[str, str] | None = None) -> str:
    """The memo in ``fmt`` (``html`` or ``markdown``) from its template.

    Content and order: title, date, summary, the table (full titles, verdict, criteria in
    words), the legend, the verdicts by year (an SVG grid in HTML, a table in Markdown),
    findings in rule-file order with every criterion's finding in words, sources in
    catalogue order, the provenance appendix (ids, hashes, curation notes), then the
    footnotes, numbered in order of first reference.  Raises ``ValueError`` for an
    unknown format; template errors propagate as Jinja2 exceptions.
    """
    if fmt not in MEMO_TEMPLATES:
        raise ValueError(f'unknown memo format "{fmt}"; expected one of: {", ".join(MEMO_TEMPLATES)}')
    view = memo_view(m)
    add_grid(view, m, Trusted)
    view["css"] = Trusted(_css().rstrip("\n"))
    view["footer_date"] = view["date"] or ""
    template = environment(fmt, project_templates or {}, m.lang).get_template(MEMO_TEMPLATES[fmt])
    text = template.render(view)
    return text.rstrip("\n") + "\n"


def render_memo_markdown(sc: Scorecard, sources: list[Source], **options: object) -> str:
    """The memo in Markdown; ``options`` are the other fields of :class:`MemoInput`."""
    return render_memo(MemoInput(scorecard=sc, sources=sources, **options), "markdown")  # type: ignore[arg-type]


def render_memo_html(sc: Scorecard, sources: list[Source], **options: object) -> str:
    """The memo as a self-contained, printable HTML5 page (no scripts, no external assets)."""
    return render_memo(MemoInput(scorecard=sc, sources=sources, **options), "html")  # type: ignore[arg-type]
