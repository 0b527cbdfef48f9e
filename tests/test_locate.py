"""Project.locate's fast path for unique verbatim quotes agrees with the anchor's full lookup."""

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from scorecard.anchor import SourceText
from scorecard.models import Citation
from scorecard.project import _unique_verbatim
from scorecard.regions import Region

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
TEXTS = {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


@settings(max_examples=300, deadline=None)
@given(name=st.sampled_from(sorted(TEXTS)), data=st.data())
def test_fast_path_answers_as_the_full_lookup(name, data):
    text = TEXTS[name]
    start = data.draw(st.integers(0, len(text) - 20))
    length = data.draw(st.integers(8, 160))
    quote = text[start : start + length]
    span = data.draw(st.one_of(st.none(), st.tuples(st.integers(0, len(text) // 2), st.integers(len(text) // 2, len(text)))))
    region = None if span is None else Region((span,))
    fast = _unique_verbatim(text, Citation(source="s", quote=quote), region)
    if fast is None:
        return  # left to the full lookup
    full = SourceText(text).find(quote, within=region)
    assert full.status == "found"
    assert [(h.start, h.end) for h in full.hits] == [(h.start, h.end) for h in fast.hits]
