"""Normalisation never joins two tokens the source keeps apart (issue 12, defect 3).

Whitespace may be folded and dropped next to punctuation, but between two letters or
digits, and between a digit and a full stop or comma, it stays one space: otherwise
``Lima 312 6.5%`` matches ``Lima 31 26.5%`` and a fact of 312 passes.  And a quote must
begin and end where the source's words do: ``1 victims`` is not in ``31 victims``.
"""

from __future__ import annotations

import pytest

from scorecard.anchor import SourceText, normalise, normalise_quote

TABLE = "Madre de Dios 32 27.4%\nLima 31 26.5%\nCusco 12 10.3%\n"


@pytest.mark.parametrize(
    "quote",
    [
        "Lima 312 6.5%",  # the probe's: 31 and 26.5 merged into 312 and 6.5
        "Lima 3126.5%",
        "Lima31 26.5%",
        "Dios 3227.4%",
    ],
)
def test_a_quote_that_merges_the_sources_numbers_is_not_found(quote):
    assert SourceText(TABLE).find(quote).status == "not_found"


@pytest.mark.parametrize(
    "source, quote",
    [
        ("reported 31, 265 victims in total", "reported 31,265 victims"),  # two figures are not a thousands figure
        ("convicted in 2016. 5 officials were", "in 2016.5 officials"),  # a year and a count are not a decimal
        ("convicted in 2016 .5 officials were", "in 2016.5 officials"),
        ("the police unit had anti trafficking staff", "had antitrafficking staff"),  # two words are not one
    ],
)
def test_tokens_the_source_separates_stay_separate(source, quote):
    assert SourceText(source).find(quote).status == "not_found"


@pytest.mark.parametrize(
    "source, quote",
    [
        ("there were 31 victims identified", "1 victims identified"),
        ("there were 31 victims identified", "there were 3"),
        ("the police identified 1,265 victims", "265 victims"),
        ("the police identified 1,265 victims", ",265 victims"),
        ("the police identified 1,265 victims", "identified 1,"),
        ("investigated 450 cases", "vestigated 450 cases"),
    ],
)
def test_a_quote_cannot_start_or_end_inside_a_word_or_number(source, quote):
    lookup = SourceText(source).find(quote)
    assert lookup.status == "cuts_word"
    assert [source[h.start : h.end] for h in lookup.hits] == [quote]


@pytest.mark.parametrize(
    "source, quote",
    [
        ("increased staff in the anti- trafficking police unit", "increased staff in the anti-trafficking police unit"),
        ("increased staff in the anti-\ntrafficking police unit", "increased staff in the anti-trafficking police unit"),
        ("in Lima in 2014.Trafficking-related complicity", "in Lima in 2014. Trafficking-related complicity"),
        ("Lima 31\n26.5%", "Lima 31 26.5%"),
        ("Lima  31 \n 26.5%", "Lima 31 26.5%"),
        ("a case\u201435 years\u2014to a trafficker", "a case - 35 years - to a trafficker"),
        ("compared with 18 in 2016.\xa0\xa0The MOI", "compared with 18 in 2016. The MOI"),
    ],
)
def test_what_extraction_gets_wrong_is_still_tolerated(source, quote):
    assert SourceText(source).find(quote).status == "found"


def test_the_normalised_view_keeps_one_space_between_tokens():
    assert normalise_quote("Lima  31\n 26.5 %") == "Lima 31 26.5%"
    assert normalise("Lima  31\n 26.5 %").text == "Lima 31 26.5%"
    assert normalise_quote("31 , 265 and 2016 . 5") == "31 , 265 and 2016 . 5"
    assert normalise_quote(" anti- trafficking ( x )") == "anti-trafficking(x)"
