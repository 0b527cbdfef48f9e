"""Finding cited quotes in the source texts (scorecard.anchor).

Every quirk of the five seed documents (seeds/README.md) is tested against the
real files: a quote is checked as a curator would write it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from scorecard import anchor
from scorecard.anchor import (
    MAX_QUOTE_CHARS,
    MIN_QUOTE_CHARS,
    Hit,
    Lookup,
    Passage,
    SourceText,
    normalise,
    normalise_quote,
    visible_length,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_NAMES = sorted(p.stem for p in SEEDS.glob("*.txt"))

TIP_2015 = "tip-2015-peru"
TIP_2015_BLOG = "tip-2015-peru-narrative-blog-repost"
TIP_2018_BLOG = "tip-2018-peru-blog-repost"
TIP_2018 = "tip-2018-peru-prosecution"
PUCP = "pucp-2011-cescr-report"


@cache
def seed_text(name: str) -> str:
    return (SEEDS / f"{name}.txt").read_text(encoding="utf-8")


@cache
def seed(name: str) -> SourceText:
    return SourceText(seed_text(name))


def only_hit(lookup: Lookup) -> Hit:
    assert lookup.status == "found", lookup
    assert len(lookup.hits) == 1
    return lookup.hits[0]


def cited(source: SourceText, lookup: Lookup) -> str:
    hit = only_hit(lookup)
    return source.text[hit.start : hit.end]


def test_the_five_seeds_are_there():
    assert set(SEED_NAMES) >= {TIP_2015, TIP_2015_BLOG, TIP_2018_BLOG, TIP_2018, PUCP}  # and any added since


# ---------------------------------------------------------------------------
# Verbatim quotes
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, quote",
    [
        (TIP_2015, "PERU: Tier 2"),
        (TIP_2015, "Law 28950 prohibits all forms of trafficking in"),
        (TIP_2018, "Police reported conducting 865 anti-trafficking operations in 2017"),
        (TIP_2018_BLOG, "The government maintained weak victim protection efforts."),
        (PUCP, "Madre de Dios 32 27.4%"),
    ],
)
def test_a_verbatim_quote_is_found_exactly_where_it_is(name, quote):
    source = seed(name)
    lookup = source.find(quote)
    hit = only_hit(lookup)
    assert hit.exact
    assert (hit.start, hit.end) == (seed_text(name).index(quote), seed_text(name).index(quote) + len(quote))


def test_surrounding_whitespace_of_a_quote_is_ignored():
    source = seed(TIP_2015)
    hit = only_hit(source.find("  PERU: Tier 2\n"))
    assert source.text[hit.start : hit.end] == "PERU: Tier 2"
    assert hit.exact


def test_an_exact_lookup_does_not_normalise_the_source(monkeypatch):
    def refuse(text):  # pragma: no cover - must not be called
        raise AssertionError("normalised a source for a verbatim quote")

    monkeypatch.setattr(anchor, "Normalised", refuse)
    source = SourceText(seed_text(TIP_2018))
    assert source.find("resulting in the arrest of 410 suspected traffickers").status == "found"


# ---------------------------------------------------------------------------
# The quirks of the seeds: each is matched after normalisation
# ---------------------------------------------------------------------------


def test_tip_2015_hard_line_breaks_mid_sentence():
    source = seed(TIP_2015)
    quote = "unable to leave due to remoteness of camps and complicity of miners in their exploitation"
    lookup = source.find(quote)
    assert cited(source, lookup) == (
        "unable to leave due to remoteness of camps and\ncomplicity of miners in their exploitation"
    )
    assert not only_hit(lookup).exact


@pytest.mark.parametrize(
    "quote, printed",
    [
        (
            "increased staff in the anti-trafficking police unit",
            "increased staff in the anti- trafficking police unit",
        ),
        ("The government-run anti-trafficking roundtable", "The government- run anti-trafficking roundtable"),
    ],
)
def test_tip_2015_word_split_after_a_hyphen(quote, printed):
    source = seed(TIP_2015)
    assert cited(source, source.find(quote)) == printed
    # quoting it as printed works too, verbatim
    assert only_hit(source.find(printed)).exact


def test_tip_2015_missing_space_after_a_full_stop():
    source = seed(TIP_2015)
    quote = "prosecutorial unit in Lima in 2014. Trafficking-related complicity remained"
    assert cited(source, source.find(quote)) == (
        "prosecutorial unit in Lima in 2014.Trafficking-related complicity remained"
    )


@pytest.mark.parametrize(
    "quote",
    [
        "The roundtable's effectiveness was limited",  # straight apostrophe for ’
        "The roundtable’s effectiveness was limited",  # as printed
        "The roundtable‘s effectiveness was limited",  # any curly variant folds
    ],
)
def test_tip_2015_curly_apostrophes(quote):
    source = seed(TIP_2015)
    lookup = source.find(quote)
    assert cited(source, lookup) == "The roundtable’s effectiveness was limited"
    assert only_hit(lookup).exact == ("’" in quote)


def test_tip_2018_blog_non_breaking_spaces():
    source = seed(TIP_2018_BLOG)
    quote = "compared with 18 in 2016. The MOI's overall anti-trafficking budget increased"
    assert cited(source, source.find(quote)) == (
        "compared with 18 in 2016.\xa0\xa0The MOI’s overall anti-trafficking budget increased"
    )


def test_tip_2018_blog_quote_typed_with_a_non_breaking_space():
    source = seed(TIP_2018_BLOG)
    quote = "are vulnerable\xa0to sex trafficking."
    assert cited(source, source.find(quote)) == "are vulnerable to sex trafficking."


@pytest.mark.parametrize(
    "quote",
    [
        "Peru’s longest-ever sentence in a trafficking case—35 years—to a trafficker",  # as printed
        "Peru's longest-ever sentence in a trafficking case-35 years-to a trafficker",
        "Peru's longest-ever sentence in a trafficking case - 35 years - to a trafficker",
        "Peru's longest-ever sentence in a trafficking case – 35 years – to a trafficker",
    ],
)
def test_tip_2018_em_dash(quote):
    source = seed(TIP_2018)
    assert cited(source, source.find(quote)) == (
        "Peru’s longest-ever sentence in a trafficking case—35 years—to a trafficker"
    )


@pytest.mark.parametrize(
    "as_printed, corrected",
    [
        ("Pontificia Universidad Catolica del Perd (PUCP)", "Pontificia Universidad Catolica del Perú (PUCP)"),
        ("the cities of Cuzco, Lima, lquitos, Arequipa", "the cities of Cuzco, Lima, Iquitos, Arequipa"),
    ],
)
def test_pucp_ocr_is_quoted_as_printed_never_fixed(as_printed, corrected):
    source = seed(PUCP)
    assert only_hit(source.find(as_printed)).exact
    lookup = source.find(corrected)
    assert lookup.status == "not_found"
    assert lookup.hits == ()
    # the hint points at the OCR text
    assert lookup.closest is not None
    assert lookup.closest.text == as_printed
    assert lookup.closest.similarity > 80


@pytest.mark.parametrize(
    "as_printed, without_marker",
    [
        ("between December\n2009 to December 2010’, which", "between December 2009 to December 2010, which"),
        ("Plan Nacional de Accion contra la Trata de Personas™®", "Plan Nacional de Accion contra la Trata de Personas,"),
    ],
)
def test_pucp_footnote_markers_fused_into_words(as_printed, without_marker):
    source = seed(PUCP)
    # the marker is part of the text: quoted with it, the quote is found ...
    hit = only_hit(source.find(as_printed))
    assert normalise_quote(source.text[hit.start : hit.end]) == normalise_quote(as_printed)
    # ... and dropping it is not the same text
    assert source.find(without_marker).status == "not_found"


def test_pucp_flattened_table_line():
    source = seed(PUCP)
    hit = only_hit(source.find("Madre de Dios 32 27.4%"))
    line, col = source.line_col(hit.start)
    assert col == 1
    assert source.line(line) == "Madre de Dios 32 27.4%"
    assert source.line(line + 1) == "Lima 31 26.5%"
    # a row is not merged with the next one
    assert source.find("Madre de Dios 32 27.4% Lima 31 26.5%").status == "found"  # whitespace is free ...
    assert source.find("Madre de Dios 32 27.4%, Lima 31").status == "not_found"  # ... punctuation is not


def test_case_is_significant():
    source = seed(TIP_2015)
    assert source.find("peru: tier 2").status == "not_found"
    assert source.find("PROSECUTION").status == "found"
    assert source.find("Prosecution efforts").status == "not_found"


# ---------------------------------------------------------------------------
# Ambiguity and prefix/suffix
# ---------------------------------------------------------------------------

SENTENCE_2018 = "Police reported conducting 865 anti-trafficking operations in 2017"


@pytest.mark.parametrize("name", [TIP_2018, TIP_2018_BLOG])
def test_the_2018_operations_sentence_occurs_once_in_each_2018_file(name):
    only_hit(seed(name).find(SENTENCE_2018))


def both_2018_files() -> SourceText:
    return SourceText(seed_text(TIP_2018_BLOG) + "\n" + seed_text(TIP_2018))


def test_a_quote_that_occurs_twice_is_ambiguous():
    source = both_2018_files()
    lookup = source.find(SENTENCE_2018)
    assert lookup.status == "ambiguous"
    assert len(lookup.hits) == 2
    assert all(source.text[h.start : h.end] == SENTENCE_2018 for h in lookup.hits)


@pytest.mark.parametrize(
    "prefix, suffix, which",
    [
        # the blog paragraph starts with the sentence, after a paragraph break
        ("complicit official in 2017.", None, 0),
        # the prosecution section has it after "during the year."
        ("tested an integrated data collection system during the year.", None, 1),
        ("during the year .", None, 1),  # prefix compared normalised
        (None, None, None),
        # the suffix is the same in both files: still ambiguous
        (None, "(764 in 2016)", None),
    ],
)
def test_prefix_and_suffix_pick_an_occurrence(prefix, suffix, which):
    source = both_2018_files()
    lookup = source.find(SENTENCE_2018, prefix=prefix, suffix=suffix)
    everywhere = source.find(SENTENCE_2018).hits
    if which is None:
        assert lookup.status == "ambiguous"
        assert lookup.hits == everywhere
    else:
        assert lookup.status == "found"
        assert lookup.hits == (everywhere[which],)


def test_a_context_that_is_nowhere_gives_context_not_found():
    source = both_2018_files()
    lookup = source.find(SENTENCE_2018, prefix="In 2018,")
    assert lookup.status == "context_not_found"
    assert lookup.hits == source.find(SENTENCE_2018).hits  # all hits, before filtering
    assert lookup.closest is None


def test_a_frequent_phrase_in_pucp_is_ambiguous_until_given_context():
    source = seed(PUCP)
    quote = "the crime of human trafficking"
    lookup = source.find(quote)
    assert lookup.status == "ambiguous"
    assert len(lookup.hits) >= 8
    found = source.find(quote, suffix=", since it is not studied from all its angles")
    hit = only_hit(found)
    assert source.line_col(hit.start)[0] == 356


def test_context_can_select_an_occurrence_that_needs_normalisation():
    # "... the aspects of the crime of human\ntrafficking as it is defined ..."
    source = seed(PUCP)
    lookup = source.find("the crime of human trafficking", suffix="as it is defined at the international level")
    hit = only_hit(lookup)
    assert not hit.exact
    assert source.text[hit.start : hit.end] == "the crime of human\ntrafficking"


PERU_SPAN = ("PERU: Tier 2", "complicit in human trafficking.")


def peru_span(source: SourceText) -> tuple[int, int]:
    start, end = (source.find_phrase(p) for p in PERU_SPAN)
    assert start is not None and end is not None
    return start.start, end.end


def test_a_verbatim_occurrence_wins_over_one_that_needs_normalisation():
    # "government did not report any" is on one line in the Paraguay tail
    # of the 2015 file (line 8) and broken across lines 88-89 in the Peru
    # PROSECUTION section.  A verbatim occurrence is taken as the match
    # without looking for normalised ones (a verbatim quote costs one
    # str.find): the lookup lands in Paraguay, outside the Peru span ...
    source = seed(TIP_2015)
    quote = "government did not report any"
    hit = only_hit(source.find(quote))
    assert hit.exact
    assert source.line_col(hit.start)[0] == 8
    assert hit.start < peru_span(source)[0]
    # ... and context picks the Peru one
    peru = only_hit(source.find(quote, suffix="prosecutions or convictions"))
    assert not peru.exact
    assert source.line_col(peru.start)[0] == 88
    assert source.text[peru.start : peru.end] == "government did\nnot report any"


def test_a_span_with_no_verbatim_occurrence_in_it_widens_the_search():
    # Given the span the caller will check, a lookup whose verbatim
    # occurrences all lie outside it also looks for normalised occurrences:
    # the curator is told the quote is ambiguous, not that it is misplaced.
    source = seed(TIP_2015)
    span = peru_span(source)
    lookup = source.find("government did not report any", within=span)
    assert lookup.status == "ambiguous"
    inside = [h for h in lookup.hits if span[0] <= h.start and h.end <= span[1]]
    assert len(inside) == 1 and not inside[0].exact
    # `within` is not a filter: a verbatim occurrence inside the span is simply found
    assert only_hit(source.find("Law 28950 prohibits", within=span)).exact
    # ... and one outside the span, with nothing inside, is returned for the caller to report
    outside = only_hit(source.find("tri-border region", within=span))
    assert outside.start < span[0]


# ---------------------------------------------------------------------------
# Closest passage for a quote that is not found
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, quote, right",
    [
        (TIP_2018, SENTENCE_2018.replace("865", "856"), SENTENCE_2018),
        (
            TIP_2015,
            "The government opened a dedicated shelter for adult sex trafficking victims",
            "The government opened a dedicated shelter for child sex\ntrafficking victims",
        ),
        (
            PUCP,
            "the Peruvian State has not yet adopted the measures recommended by the World Labour Organization",
            "the Peruvian State has not yet adopted the measures recommended by the\nInternational Labour Organization",
        ),
    ],
)
def test_a_quote_with_one_word_changed_names_the_closest_passage(name, quote, right):
    source = seed(name)
    lookup = source.find(quote)
    assert lookup.status == "not_found"
    assert lookup.hits == ()
    passage = lookup.closest
    assert isinstance(passage, Passage)
    assert passage.similarity > 80
    assert passage.text == source.text[passage.start : passage.end]
    expected = source.text.index(right)
    assert source.line_col(passage.start)[0] == source.line_col(expected)[0]
    # the passage covers the right text, expanded to whole words
    assert abs(passage.start - expected) <= 10
    assert abs(passage.end - (expected + len(right))) <= 15
    assert not source.text[passage.start - 1].strip()


def test_closest_of_unrelated_text_has_low_similarity():
    passage = seed(TIP_2018).closest("Lorem ipsum dolor sit amet, consectetur adipiscing elit")
    assert passage is not None and passage.similarity < 60


def test_closest_of_an_empty_quote_is_none():
    assert seed(TIP_2018).closest("  \n ") is None
    assert SourceText("").closest("anything at all") is None


# ---------------------------------------------------------------------------
# Span phrases
# ---------------------------------------------------------------------------


def test_find_phrase_gives_the_first_occurrence():
    source = seed(TIP_2015)
    start = source.find_phrase("PERU: Tier 2")
    end = source.find_phrase("complicit in human trafficking.")
    assert start is not None and end is not None
    assert source.line_col(start.start) == (11, 1)
    assert source.line_col(end.start)[0] == 89
    assert source.find_phrase("Peruvian men, women, and children are") == source.find(
        "Peruvian men, women, and children are"
    ).hits[0]


def test_find_phrase_normalises_and_may_fail():
    source = seed(TIP_2015)
    hit = source.find_phrase("the anti-trafficking police unit")
    assert hit is not None and not hit.exact
    assert source.text[hit.start : hit.end] == "the anti- trafficking police unit"
    assert source.find_phrase("PERU: Tier 3") is None
    assert source.find_phrase("   ") is None


# ---------------------------------------------------------------------------
# Positions and headings
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, offset, expected",
    [
        ("abc\ndef\n", 0, (1, 1)),
        ("abc\ndef\n", 2, (1, 3)),
        ("abc\ndef\n", 3, (1, 4)),  # the line break ends line 1
        ("abc\ndef\n", 4, (2, 1)),
        ("abc\ndef\n", 8, (3, 1)),  # end of text
        ("\n\nx", 2, (3, 1)),
        ("Perú’s\nañ", 8, (2, 2)),  # columns count characters, not bytes
    ],
)
def test_line_col(text, offset, expected):
    assert SourceText(text).line_col(offset) == expected


def test_line_col_and_line_agree_with_the_seed():
    source = seed(TIP_2015)
    offset = source.text.index("PROSECUTION\n")
    line, col = source.line_col(offset)
    assert (line, col) == (56, 1)
    assert source.line(line) == "PROSECUTION"
    assert source.line(1) == "PREVENTION"
    assert source.line(0) == "" and source.line(10_000) == ""


def test_line_strips_a_carriage_return():
    source = SourceText("one\r\ntwo\r\n")
    assert source.line(1) == "one"
    assert source.line_col(5) == (2, 1)


@pytest.mark.parametrize(
    "name, quote, heading",
    [
        (TIP_2015, "The government- run anti-trafficking roundtable", "PREVENTION"),
        (TIP_2015, "Indigenous Peruvians are particularly vulnerable", "PERU: Tier 2"),
        (TIP_2015, "does not fully comply with the minimum standards", "PERU: Tier 2"),
        (TIP_2015, "Increase funding for and access to specialized", "RECOMMENDATIONS FOR PERU:"),
        (TIP_2015, "Law 28950 prohibits all forms", "PROSECUTION"),
        (PUCP, "The present report is the result of the research", "1. Presentation"),
        (PUCP, "there are 500\ncomplaints registered", "2.1 Situation in numbers at a national level"),
        (PUCP, "Madre de Dios 32 27.4%", "Situation in numbers at a regional level"),
        (PUCP, "Girls together with women", "Victims’ profile"),
        (PUCP, "the Labor Inspectorate does not have enough", "Prevention of human trafficking: deficiencies"),
        (PUCP, "totake care of victims", "Victims protection"),
        (PUCP, "The principal victims of human trafficking in Peru", "Conclusions"),
        (PUCP, "Conclusions", "Conclusions"),  # a heading is its own section
        (TIP_2018, "Police reported conducting", None),  # no headings in this file
        (TIP_2015_BLOG, "Peru is a source", None),
    ],
)
def test_heading_before(name, quote, heading):
    source = seed(name)
    offset = source.text.index(quote)
    assert source.heading_before(offset) == heading


def test_heading_before_the_first_heading_is_none():
    assert SourceText("Some text.\n\nPROSECUTION\nMore text.").heading_before(3) is None
    pucp = seed(PUCP)
    assert pucp.heading_before(0) == "1. Presentation"  # the text starts with " 1. Presentation"
    assert pucp.heading_before(len(pucp.text)) == "Conclusions"


@pytest.mark.parametrize(
    "line",
    [
        "From 0 to 13 years old 53 3.97%",  # table rows are not headings
        "Lima 31 26.5%",
        "follows:",
        "Lima, November 29\" 2011",
        "2 The Palermo Protocols, November 15“', 2000.",
    ],
)
def test_lines_that_are_not_headings(line):
    source = SourceText(f"Heading\n\n{line}\n\nbody text follows here.\n")
    assert source.heading_before(len(source.text)) == "Heading"


# ---------------------------------------------------------------------------
# Normalisation itself
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("anti- trafficking", "anti-trafficking"),
        ("anti-\ntrafficking", "anti-trafficking"),
        ("2014.Trafficking", "2014.Trafficking"),
        ("2014. Trafficking", "2014.Trafficking"),
        ("a\xa0\xa0b\u2009c\u3000d", "a b c d"),
        ("Lima 31\n26.5% ( x )", "Lima 31 26.5%(x)"),
        ("31 , 265 and 2016 .5", "31 , 265 and 2016 .5"),
        ("‘a’ “b” c′ d″", "'a'\"b\"c'd\""),
        ("x – y — z ‑ w − v", "x-y-z-w-v"),
        ("Perú lquitos Perd™®", "Perú lquitos Perd™®"),
    ],
)
def test_normalise(text, expected):
    assert normalise(text).text == expected
    assert normalise_quote(text) == expected


def test_visible_length_counts_non_whitespace_characters():
    assert visible_length(" anti- trafficking\n") == 16
    assert visible_length("Perú") == 4
    assert MIN_QUOTE_CHARS == 8 and MAX_QUOTE_CHARS == 2000


def test_normalise_maps_back_to_original_offsets():
    original = "Some officials’\n involvement —\xa0in  2014.Trafficking"
    n = normalise(original)
    assert n.text == "Some officials'involvement-in 2014.Trafficking"
    i = n.text.index("'")
    assert original[n.origin(i)] == "’"
    j = n.text.index("2014")
    assert n.span(j, len(n.text)) == (original.index("2014"), len(original))
    assert n.span(0, n.text.index("involvement") + len("involvement")) == (0, original.index(" —"))
    assert n.origin(len(n.text)) == len(original)
    assert n.origin_end(0) == 0


def test_whitespace_is_every_isspace_character():
    import sys

    assert anchor.WHITESPACE == "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace())


@pytest.mark.parametrize("name", SEED_NAMES)
def test_normalised_seed_matches_the_plain_definition(name):
    text = seed_text(name)
    n = normalise(text)
    assert n.text == normalise_quote(text)
    # every normalised character comes from its original character
    for i in range(0, len(n.text), 97):
        if n.text[i] == " ":  # a separator: it stands for a run of whitespace
            continue
        s, e = n.span(i, i + 1)
        assert normalise_quote(text[s:e]) == n.text[i]


# ---------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------

PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _substring(data: st.DataObject) -> tuple[SourceText, int, int]:
    name = data.draw(st.sampled_from(SEED_NAMES), label="seed")
    text = seed_text(name)
    start = data.draw(st.integers(0, len(text) - 1), label="start")
    length = data.draw(st.integers(MIN_QUOTE_CHARS, 400), label="length")
    end = min(len(text), start + length)
    start, end = _stripped_span(text, start, end)
    # a quote begins and ends where the source's words do
    while start > 0 and anchor.cuts(text, start, len(text)):
        start -= 1
    while end < len(text) and anchor.cuts(text, 0, end):
        end += 1
    assume(visible_length(text[start:end]) >= MIN_QUOTE_CHARS)
    return seed(name), start, end


def _stripped_span(text: str, start: int, end: int) -> tuple[int, int]:
    piece = text[start:end]
    return start + len(piece) - len(piece.lstrip()), end - len(piece) + len(piece.rstrip())


@PROPERTY
@given(st.data())
def test_any_substring_of_a_seed_is_found_where_it_was_taken(data):
    source, start, end = _substring(data)
    lookup = source.find(source.text[start:end])
    spans = [(h.start, h.end) for h in lookup.hits]
    assert lookup.status in ("found", "ambiguous")
    assert _stripped_span(source.text, start, end) in spans
    if lookup.status == "found":
        assert len(spans) == 1


_RESPACE = st.sampled_from([" ", "\n", "  ", "\xa0", " \n"])  # never none: that would join two words


@PROPERTY
@given(st.data())
def test_a_substring_with_whitespace_and_typography_changed_is_still_found(data):
    source, start, end = _substring(data)
    piece = source.text[start:end]
    # rewrite the quote as a curator might: other whitespace, straight quotes, a space after hyphens
    out = []
    for c in piece:
        if c.isspace():
            out.append(data.draw(_RESPACE))
        elif c in anchor.FOLDS:
            out.append(anchor.FOLDS[c])
        elif c == "-" and data.draw(st.booleans()):
            out.append("- ")
        else:
            out.append(c)
    quote = "".join(out)
    assume(visible_length(quote) >= MIN_QUOTE_CHARS)
    lookup = source.find(quote)
    assert lookup.status in ("found", "ambiguous")
    spans = [(h.start, h.end) for h in lookup.hits]
    expected = _stripped_span(source.text, start, end)
    # either found where it was taken, or the rewritten quote happens to
    # occur verbatim elsewhere (verbatim occurrences win)
    assert expected in spans or all(h.exact for h in lookup.hits)
    for h in lookup.hits:
        assert normalise_quote(source.text[h.start : h.end]) == normalise_quote(quote)


_TEXT = st.text(
    alphabet=st.sampled_from(list("ab -.'\"\n\t") + ["\xa0", "’", "“", "—", "–", "ú", "™", "\u2009", "\u3000", "😀"]),
    max_size=60,
)


@PROPERTY
@given(_TEXT)
def test_normalise_is_idempotent(text):
    once = normalise(text).text
    assert normalise(once).text == once
    assert normalise_quote(once) == once


@PROPERTY
@given(_TEXT, st.data())
def test_normalised_offsets_map_back_to_the_same_characters(text, data):
    n = normalise(text)
    assert n.text == normalise_quote(text)
    # a passage begins and ends with a visible character (a separator stands for a run of whitespace)
    visible = [k for k, c in enumerate(n.text) if c != " "]
    assume(visible)
    i = data.draw(st.sampled_from(visible))
    j = data.draw(st.sampled_from([k for k in visible if k >= i])) + 1
    s, e = n.span(i, j)
    assert normalise_quote(text[s:e]) == n.text[i:j]
    assert not text[s].isspace() and not text[e - 1].isspace()
    assert n.origin(i) == s and n.origin_end(j) == e


@PROPERTY
@given(_TEXT, _TEXT, _TEXT)
def test_find_in_arbitrary_text_agrees_with_the_definition(before, quote, after):
    assume(visible_length(quote) >= 1)
    source = SourceText(before + " " + quote + " " + after)  # the quote's words stand apart
    lookup = source.find(quote)
    assert lookup.status in ("found", "ambiguous")
    for h in lookup.hits:
        assert normalise_quote(source.text[h.start : h.end]) == normalise_quote(quote)
        assert not anchor.cuts(source.text, h.start, h.end)
