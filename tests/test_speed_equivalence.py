"""Fast paths taken for speed give the same answers as the plain definitions they replace."""

from hypothesis import given, settings
from hypothesis import strategies as st

from scorecard import anchor

SPACES = st.sampled_from(list(anchor.WHITESPACE) + list(anchor.FOLDS) + ["a", "7", ".", "\ud800", "\u3000", "\u3001"])


@settings(max_examples=300, deadline=None)
@given(st.text() | st.lists(SPACES).map("".join))
def test_visible_length_counts_what_the_normalised_quote_keeps(text: str):
    assert anchor.visible_length(text) == len(anchor.normalise_quote(text).replace(" ", ""))
