"""Documentation by construction: every operator and code is documented, and the committed reference is current."""

from pathlib import Path

import pytest

from scorecard.diagnostics import CATALOGUE
from scorecard.reference import operator_docs, render_reference

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(("op", "doc"), operator_docs())
def test_every_operator_documents_meaning_unknown_and_an_example(op, doc):
    assert len(doc) > 40, f"operator {op} needs a docstring"
    assert "unknown" in doc.lower(), f"operator {op} must say when it is unknown"
    assert "{op: " + op in doc, f"operator {op} needs a one-line YAML example"


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_every_code_has_a_name_and_title(code):
    entry = CATALOGUE[code]
    assert entry.name and entry.title and entry.name == entry.name.lower()


def test_committed_reference_is_current():
    committed = (ROOT / "docs" / "REFERENCE.md").read_text(encoding="utf-8")
    assert committed == render_reference(), "docs/REFERENCE.md is stale: python -m scorecard.reference > docs/REFERENCE.md"
