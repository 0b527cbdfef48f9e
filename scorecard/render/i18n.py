"""The words the tool adds, in the reader's language: a gettext catalogue per language.

The catalogues are the ``.po`` files under ``scorecard/locale/<lang>/LC_MESSAGES/``,
read with Babel and compiled in memory on first use, so a fresh clone, an editable
install and a wheel all work without a build step.  English is the source language:
its words are the message ids themselves.
"""

from __future__ import annotations

import gettext
import io
from functools import cache
from importlib import resources

LANGUAGES: tuple[str, ...] = ("en", "es")
"""Languages a memo or table can be written in (``--lang``)."""

DOMAIN = "scorecard"


def check_language(lang: str) -> None:
    """Raise ``ValueError`` naming the languages there are when ``lang`` is not one."""
    if lang not in LANGUAGES:
        raise ValueError(f'unknown language "{lang}"; expected one of: {", ".join(LANGUAGES)}')


def catalogue_text(lang: str) -> str | None:
    """The ``.po`` file of a language as text, or None for the source language."""
    if lang == "en":
        return None
    path = resources.files("scorecard").joinpath("locale", lang, "LC_MESSAGES", f"{DOMAIN}.po")
    return path.read_text(encoding="utf-8")


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """A gettext translations object for ``lang`` (identity for English)."""
    check_language(lang)
    text = catalogue_text(lang)
    if text is None:
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    catalog = read_po(io.StringIO(text), locale=lang, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)
