"""Fast paths taken for speed give the same answers as the plain definitions they replace."""

from hypothesis import given, settings
from hypothesis import strategies as st

from scorecard import anchor

SPACES = st.sampled_from(list(anchor.WHITESPACE) + list(anchor.FOLDS) + ["a", "7", ".", "\ud800", "\u3000", "\u3001"])


@settings(max_examples=300, deadline=None)
@given(st.text() | st.lists(SPACES).map("".join))
def test_visible_length_counts_what_the_normalised_quote_keeps(text: str):
    assert anchor.visible_length(text) == len(anchor.normalise_quote(text).replace(" ", ""))


def test_validate_without_a_cache_works_out_no_quote_positions(monkeypatch):
    """Nobody reads where a quote is when a run only validates: lookups skip the line and
    section index, and a project opened for evaluation still has every position."""
    from pathlib import Path

    from scorecard import api

    root = Path(__file__).parent / "fixtures" / "base"
    asked: list[int] = []
    real = anchor.SourceText.heading_before
    monkeypatch.setattr(anchor.SourceText, "heading_before", lambda self, offset: asked.append(offset) or real(self, offset))
    assert api.validate(root).ok and asked == []
    opened = api.open_project(root)
    assert asked and all(ref.line > 0 for doc in opened.evidence for fact in doc.data.facts for ref in map(opened.resolve, fact.citations))
