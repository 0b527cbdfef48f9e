"""The Spanish catalogue translates every word the tool adds, with the same placeholders."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from scorecard.render.i18n import LANGUAGES, catalogue_text, check_language, translations

ROOT = Path(__file__).resolve().parent.parent
KEYWORDS = {"_": None, "N_": None, "n_": (1, 2), "gettext": None, "ngettext": (1, 2)}
METHOD = [("scorecard/render/**.py", "python"), ("scorecard/render/templates/**.j2", "jinja2")]
OPTIONS = {"scorecard/render/templates/**.j2": {"extensions": "jinja2.ext.i18n"}}


def _messages_in_code() -> set[str]:
    found = set()
    for _, _, message, _, _ in extract_from_dir(str(ROOT), METHOD, OPTIONS, KEYWORDS):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def _catalogue(lang: str):
    return read_po(io.StringIO(catalogue_text(lang)), locale=lang)


def test_code_uses_messages_at_all() -> None:
    assert {"Findings", "met", "not assessed", "{value} in {year}"} <= _messages_in_code()


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_every_message_is_translated(lang: str) -> None:
    catalogue = _catalogue(lang)
    have = {m.id if isinstance(m.id, str) else m.id[0]: m for m in catalogue if m.id}
    missing = sorted(_messages_in_code() - set(have))
    assert missing == [], f"add these to scorecard/locale/{lang}/LC_MESSAGES/scorecard.po: {missing}"
    untranslated = [key for key, m in have.items() if not (m.string if isinstance(m.string, str) else all(m.string))]
    assert untranslated == []
    assert not [key for key, m in have.items() if m.fuzzy]


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_translations_keep_the_placeholders(lang: str) -> None:
    for message in _catalogue(lang):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(re.findall(r"\{(\w+)\}", ids[-1])) | set(re.findall(r"\{(\w+)\}", ids[0]))
        for text in strings:
            got = set(re.findall(r"\{(\w+)\}", text))
            assert got <= wanted and (got >= wanted - {"n"}), f"{ids[0]!r} -> {text!r}"


def test_catalogues_load_without_a_build_step() -> None:
    assert translations("es").gettext("Findings") == "Conclusiones"
    assert translations("es").ngettext("{n} met", "{n} met", 2) == "{n} cumplidas"
    assert translations("en").gettext("Findings") == "Findings"


def test_an_unknown_language_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match='unknown language "fr"; expected one of: en, es'):
        check_language("fr")
