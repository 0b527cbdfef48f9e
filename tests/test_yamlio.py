"""Reading YAML: what is accepted, what is refused, and where each problem is.

Each case reads as "this input gives problems with these (code, line, col)".
"""

from __future__ import annotations

import math
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scorecard import yamlio
from scorecard.diagnostics import CATALOGUE
from scorecard.yamlio import MAX_BYTES, MAX_DEPTH, MAX_LINE, Document, Mark, load_yaml, load_yaml_bytes


def load(text: str | bytes, **limits):
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return load_yaml_bytes(raw, "evidence/peru/2017.yaml", **limits)


def problems(text: str | bytes, **limits) -> list[tuple[str, int, int]]:
    _, diags = load(text, **limits)
    return [(d.code, d.line, d.col) for d in diags]


def test_limits_are_the_documented_defaults():
    assert (MAX_BYTES, MAX_DEPTH, MAX_LINE) == (8 * 1024 * 1024, 64, 10_000)


# -- a good file ------------------------------------------------------------------

GOOD = """\
# evidence for one year
country: PER
year: 2017
facts:
  - indicator: prosecution.convictions
    value: 12
    period: 2016-04/2017-03
    citations:
      - source: tip-2018-peru-prosecution
        quote: "the government convicted 12 traffickers"
  - indicator: coordination.interagency
    value: improving
    note:
    citations: [{source: tip-2018-peru-blog, quote: 'improving'}]
"""


def test_a_good_file_gives_plain_values_and_no_problems():
    doc, diags = load(GOOD)
    assert diags == []
    assert isinstance(doc, Document)
    assert doc.path == "evidence/peru/2017.yaml"
    assert doc.data == {
        "country": "PER",
        "year": 2017,
        "facts": [
            {
                "indicator": "prosecution.convictions",
                "value": 12,
                "period": "2016-04/2017-03",
                "citations": [{"source": "tip-2018-peru-prosecution", "quote": "the government convicted 12 traffickers"}],
            },
            {
                "indicator": "coordination.interagency",
                "value": "improving",
                "note": None,
                "citations": [{"source": "tip-2018-peru-blog", "quote": "improving"}],
            },
        ],
    }


def test_load_yaml_reads_the_file_like_load_yaml_bytes(tmp_path: Path):
    path = tmp_path / "2017.yaml"
    path.write_text(GOOD, encoding="utf-8")
    doc, diags = load_yaml(path, "evidence/peru/2017.yaml")
    assert diags == [] and doc is not None
    assert doc.data == load(GOOD)[0].data


def test_a_file_that_cannot_be_opened_is_a_tool_failure(tmp_path: Path):
    with pytest.raises(OSError):
        load_yaml(tmp_path, "evidence")  # a directory


# -- YAML 1.2 core schema for plain scalars -------------------------------------------

SCALARS = [
    # null
    ("~", None), ("null", None), ("Null", None), ("NULL", None), ("", None),
    # booleans: only the YAML 1.2 spellings
    ("true", True), ("True", True), ("TRUE", True), ("false", False), ("False", False), ("FALSE", False),
    ("yes", "yes"), ("no", "no"), ("NO", "NO"), ("on", "on"), ("off", "off"), ("y", "y"), ("n", "n"), ("tRUE", "tRUE"),
    ("nULL", "nULL"), ("none", "none"),
    # integers
    ("0", 0), ("12", 12), ("-12", -12), ("+7", 7), ("007", 7), ("0o17", 15), ("0x1F", 31), ("0xff", 255),
    ("0b101", "0b101"), ("1_000", "1_000"), ("1,000", "1,000"), ("12:30", "12:30"), ("0o19", "0o19"),
    ("-0x1F", "-0x1F"), ("0X1F", "0X1F"),
    # floats
    ("1.5", 1.5), ("-.5", -0.5), ("+1.", 1.0), ("1e3", 1000.0), ("2.5E-3", 0.0025),
    ("1.2.3", "1.2.3"), ("e3", "e3"), (".", "."), ("inf", "inf"),
    ("-x", "-x"), ("1e", "1e"),
    # dates, months and periods stay strings
    ("2015-07-27", "2015-07-27"), ("2014-04", "2014-04"), ("2004-01/2011-07", "2004-01/2011-07"),
    # ordinary text
    ("prosecution.convictions", "prosecution.convictions"), ("not_reported", "not_reported"), ("<<x", "<<x"),
]  # fmt: skip


@pytest.mark.parametrize(("plain", "expected"), SCALARS)
def test_plain_scalars_follow_the_yaml_1_2_core_schema(plain: str, expected):
    doc, diags = load(f"value: {plain}\n")
    assert diags == []
    value = doc.data["value"]
    assert value == expected and type(value) is type(expected)


@pytest.mark.parametrize("plain", [".nan", ".NaN", ".NAN", ".inf", "-.Inf", "+.INF"])
def test_not_a_number_and_infinity_are_refused_and_kept_as_text(plain: str):
    # YAML 1.2 reads them as floats; no file here may hold one (see test_numbers.py)
    doc, diags = load(f"value: {plain}\n")
    assert [d.code for d in diags] == ["Y014"]
    assert doc.data["value"] == plain and type(doc.data["value"]) is str


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("'12'", "12"),
        ('"true"', "true"),
        ("'null'", "null"),
        ('""', ""),
        ("|\n  12\n", "12\n"),
        (">-\n  yes\n  no\n", "yes no"),
    ],
)
def test_quoted_and_block_scalars_are_always_strings(source: str, expected: str):
    doc, diags = load(f"value: {source}\n")
    assert diags == [] and doc.data["value"] == expected


def test_a_huge_integer_stays_text_rather_than_failing():
    digits = "9" * 5000  # more than int() converts by default
    assert load(f"value: {digits}\n")[0].data["value"] == digits


def test_the_top_level_may_be_any_value():
    assert load("- a\n- 1\n")[0].data == ["a", 1]
    assert load("just text\n")[0].data == "just text"
    assert load("null\n")[0].data is None


# -- problems: (code, line, col) --------------------------------------------------------

PROBLEMS = [
    # encoding and binary data: fatal
    ("utf-8 bom", b"\xef\xbb\xbfa: 1\n", [("Y002", 1, 1)]),
    ("utf-16 le bom", "a: 1\n".encode("utf-16"), [("Y002", 1, 1)]),
    ("utf-16 be bom", b"\xfe\xff" + "a: 1\n".encode("utf-16-be"), [("Y002", 1, 1)]),
    ("invalid utf-8", b"a: 1\nb: caf\xe9 ok\n", [("Y002", 2, 7)]),
    ("invalid utf-8 after non-ascii", "a: é\nb: éé".encode() + b"\xff", [("Y002", 2, 6)]),
    ("nul byte", b"a: 1\nb: x\x00y\n", [("Y003", 2, 5)]),
    ("utf-16 without bom", "a: 1\n".encode("utf-16-le"), [("Y003", 1, 2)]),
    ("control character", "a: 1\nb: é\x07\n", [("Y003", 2, 5)]),
    # syntax: fatal
    ("tab indentation", "a:\n\tb: 1\n", [("Y001", 2, 1)]),
    ("tab inside indentation", "a:\n  b: 1\n\t c: 2\n", [("Y001", 3, 1)]),
    ("unclosed quote", "a: 'x\nb: 2\n", [("Y001", 3, 1)]),
    ("unclosed flow sequence", "a: [1, 2\nb: 3\n", [("Y001", 2, 2)]),
    ("bad indentation", "a:\n  - x\n - y\n", [("Y001", 3, 2)]),
    ("mapping value in plain scalar", "a: b: c\n", [("Y001", 1, 5)]),
    # empty files
    ("empty file", "", [("Y010", 0, 0)]),
    ("only comments", "# nothing yet\n\n# really\n", [("Y010", 0, 0)]),
    ("only a document marker", "---\n", [("Y010", 0, 0)]),
    ("only a document marker and an end marker", "---\n...\n", [("Y010", 0, 0)]),
    # several documents
    ("two documents", "a: 1\n---\nb: 2\n", [("Y009", 2, 1)]),
    ("two documents, second broken", "a: 1\n---\nb: 'x\n", [("Y001", 4, 1), ("Y009", 2, 1)]),
    # anchors, aliases, merge keys: the first is reported
    ("anchor", "a: &base 1\nb: 2\n", [("Y007", 1, 4)]),
    ("alias", "a: 1\nb: *base\n", [("Y007", 2, 4)]),
    ("alias as a key", "a: 1\n*base : 2\nc: 3\n", [("Y007", 2, 1)]),
    ("anchor and alias", "a: &x 1\nb: *x\nc: *x\n", [("Y007", 1, 4)]),
    ("merge key", "a: {x: 1}\nb:\n  <<: {y: 2}\n", [("Y007", 3, 3)]),
    ("anchored mapping and merge", "a: &x {y: 1}\nb:\n  <<: *x\n", [("Y007", 1, 4)]),
    # tags, each of them
    ("python tag", "a: !!python/object/apply:os.system ['echo hi']\n", [("Y008", 1, 4)]),
    ("local tag", "a: !foo bar\n", [("Y008", 1, 4)]),
    ("str tag", "a: !!str 12\nb: !!int '3'\n", [("Y008", 1, 4), ("Y008", 2, 4)]),
    ("tag on a key", "!!str a: 1\n", [("Y008", 1, 1)]),
    # duplicate keys, each of them, at the second occurrence
    ("duplicate key", "a: 1\nb: 2\na: 3\n", [("Y006", 3, 1)]),
    ("several duplicate keys", "a: 1\na: 2\nb:\n  c: 1\n  c: [2]\na: 4\n", [("Y006", 2, 1), ("Y006", 5, 3), ("Y006", 6, 1)]),
    ("duplicate key in a flow mapping", "a: {x: 1, x: 2}\n", [("Y006", 1, 11)]),
    ("quoted duplicate", "a: 1\n'a': 2\n", [("Y006", 2, 1)]),
    ("quoted merge-like key is text", "'<<': 1\n", []),
    # keys that are not strings
    ("integer key", "1: x\n", [("Y012", 1, 1)]),
    ("null key", "null: x\n", [("Y012", 1, 1)]),
    ("boolean key", "a: 1\ntrue: x\n", [("Y012", 2, 1)]),
    ("float key", "1.5: x\n", [("Y012", 1, 1)]),
    ("sequence key", "[a]: x\nb: 1\n", [("Y012", 1, 1)]),
    ("mapping key", "? {a: 1}\n: x\n", [("Y012", 1, 3)]),
    ("empty key", "? \n: x\n", [("Y012", 1, 2)]),
    # independent problems are all reported
    ("mixed", "a: !x 1\na: 2\n1: &y z\n", [("Y008", 1, 4), ("Y006", 2, 1), ("Y012", 3, 1), ("Y007", 3, 4)]),
]


@pytest.mark.parametrize(("source", "expected"), [c[1:] for c in PROBLEMS], ids=[c[0] for c in PROBLEMS])
def test_problems_are_reported_at_their_position(source, expected):
    assert sorted(problems(source)) == sorted(expected)


FATAL = {"Y001", "Y002", "Y003", "Y004", "Y005", "Y010", "Y011"}


@pytest.mark.parametrize(("source", "expected"), [c[1:] for c in PROBLEMS], ids=[c[0] for c in PROBLEMS])
def test_no_document_after_a_fatal_problem_and_one_otherwise(source, expected):
    doc, diags = load(source)
    fatal = any(d.code in FATAL for d in diags)
    assert (doc is None) == fatal
    for d in diags:
        assert d.path == "evidence/peru/2017.yaml"
        assert d.code in CATALOGUE
        assert d.message and d.message[0].islower() and not d.message.endswith(".")


def test_problems_come_sorted_by_position():
    _, diags = load("b: 1\nb: 2\n1: x\na: 1\na: 2\n")
    assert diags == sorted(diags)


def test_a_duplicate_key_names_the_line_of_the_first():
    _, [diag] = load("a: 1\nb: 2\n\na: 3\n")
    assert diag.message == 'key "a" is repeated in this mapping'
    assert "line 1" in diag.hint


def test_the_first_value_of_a_duplicate_key_is_kept():
    doc, _ = load("a: 1\nb: {x: [1, 2]}\nb: {y: [3, {z: 4}]}\nc: 3\n")
    assert doc.data == {"a": 1, "b": {"x": [1, 2]}, "c": 3}
    assert doc.mark(("c",)) == Mark(4, 4)


def test_non_string_keys_are_kept_as_their_text():
    doc, _ = load("1: a\nnull: b\ntrue: c\n[x]: d\ne: 5\n")
    assert doc.data == {"1": "a", "null": "b", "true": "c", "e": 5}


def test_aliases_are_never_expanded():
    doc, _ = load("a: &x [1, 2]\nb: *x\n")
    assert doc.data == {"a": [1, 2], "b": None}


def test_a_tag_never_constructs_anything():
    doc, _ = load("a: !!python/object/apply:os.system ['echo hi']\nb: !!int '3'\nc: !!float 1\n")
    assert doc.data == {"a": ["echo hi"], "b": "3", "c": "1"}


def test_a_syntax_error_gives_the_parser_problem_and_a_tab_hint():
    _, [diag] = load("a:\n\tb: 1\n")
    assert "cannot start any token" in diag.message
    assert diag.hint == "indent with spaces, not tabs"
    _, [diag] = load("a: 'x\n")
    assert diag.message.startswith("found unexpected end of stream")
    assert "quoted scalar at line 1, column 4" in diag.message
    assert diag.hint.startswith("a quote opened here is never closed")  # the hint fits the mistake (not the tab one)


def test_an_encoding_problem_says_how_to_fix_it():
    _, [diag] = load(b"\xef\xbb\xbfa: 1\n")
    assert "BOM" in diag.hint


# -- limits ------------------------------------------------------------------------

def test_a_file_over_the_size_limit_is_refused_without_reading_it(tmp_path: Path, monkeypatch):
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as f:
        f.truncate(100 * 1024 * 1024)  # sparse: 100 MB on paper

    def no_open(*args, **kwargs):
        raise AssertionError("the file was opened")

    monkeypatch.setattr(yamlio, "open", no_open, raising=False)
    doc, diags = load_yaml(path, "huge.yaml")
    assert doc is None
    assert [(d.code, d.line, d.col) for d in diags] == [("Y004", 0, 0)]


def test_the_size_limit_is_a_parameter(tmp_path: Path):
    path = tmp_path / "f.yaml"
    path.write_bytes(b"- 1\n" * 125)
    assert [d.code for d in load_yaml(path, "f.yaml", max_bytes=499)[1]] == ["Y004"]
    assert load_yaml(path, "f.yaml", max_bytes=500)[1] == []
    assert problems(b"- 1\n" * 125, max_bytes=499) == [("Y004", 0, 0)]


def test_a_long_line_is_refused_quickly_without_parsing():
    source = "a: 1\nb: '" + "x" * 2_000_000 + "'\nc: [\n"
    start = time.perf_counter()
    assert problems(source) == [("Y011", 2, MAX_LINE + 1)]
    assert time.perf_counter() - start < 1.0


def test_every_long_line_is_reported():
    assert problems("a: xxxxxxx\nb: 1\nc: yyyyyyyy\n", max_line=9) == [("Y011", 1, 10), ("Y011", 3, 10)]
    assert problems("a: xxxxxx\n", max_line=9) == []


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth + "\n"


def test_nesting_up_to_the_depth_limit_is_fine():
    doc, diags = load(nested(MAX_DEPTH))
    assert diags == [] and doc is not None


def test_nesting_over_the_depth_limit_is_refused_where_it_goes_too_deep():
    assert problems(nested(MAX_DEPTH + 1)) == [("Y005", 1, MAX_DEPTH + 1)]
    assert problems("a:\n  b:\n    c: 1\n", max_depth=2) == [("Y005", 3, 5)]


def test_very_deep_nesting_is_refused_quickly_without_recursion():
    start = time.perf_counter()
    source = "[\n" * 500_000 + "]\n" * 500_000
    assert problems(source) == [("Y005", MAX_DEPTH + 1, 1)]
    assert time.perf_counter() - start < 1.0


def test_depth_is_also_limited_inside_skipped_values():
    assert problems("a: 1\na: " + nested(MAX_DEPTH))[-1] == ("Y005", 2, MAX_DEPTH + 3)
    assert problems("[a]: " + nested(MAX_DEPTH))[-1] == ("Y005", 1, MAX_DEPTH + 5)


BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def test_billion_laughs_is_refused_quickly():
    start = time.perf_counter()
    doc, diags = load(BILLION_LAUGHS)
    assert time.perf_counter() - start < 0.5
    assert [(d.code, d.line, d.col) for d in diags] == [("Y007", 1, 4)]
    assert doc.data["i"] == [None] * 9


# -- positions -----------------------------------------------------------------------

MARKS = [
    # (loc, key?, line, col) in GOOD
    ((), False, 2, 1),
    (("country",), False, 2, 10),
    (("country",), True, 2, 1),
    (("facts",), False, 5, 3),
    (("facts",), True, 4, 1),
    (("facts", 0), False, 5, 5),
    (("facts", 0, "value"), False, 6, 12),
    (("facts", 0, "value"), True, 6, 5),
    (("facts", 0, "citations", 0, "quote"), False, 10, 16),
    (("facts", 0, "citations", 0, "quote"), True, 10, 9),
    (("facts", 1, "note"), False, 13, 10),  # an empty value: just after the colon
    (("facts", 1, "citations", 0, "quote"), False, 14, 53),  # inside a flow mapping
    # union tags and other segments that are not in the data are skipped
    (("facts", 0, "value", "int"), False, 6, 12),
    (("facts", "function-after[check()]", 0, "tagged-union[a,b]", "value"), False, 6, 12),
    (("facts", 0, "citations", "list[Citation]", 0, "quote"), True, 10, 9),
    (("facts", 0, "value", "int"), True, 6, 5),  # a tag after a scalar: still its key
    (("facts", 0, "citations", 0, "str"), True, 9, 9),  # a key the mapping lacks: the mapping
    # a missing key resolves to the mapping that lacks it (whose mark is its first key)
    (("facts", 1, "period"), False, 11, 5),
    (("facts", 1, "period"), True, 11, 5),
    (("missing",), True, 2, 1),
    # out-of-range indexes and wrong kinds of segment are skipped too
    (("facts", 7), False, 5, 3),
    (("facts", -1), False, 5, 3),
    (("facts", "0"), False, 5, 3),
    (("facts", True), False, 5, 3),
    (("country", 0, "x"), False, 2, 10),
]


@pytest.mark.parametrize(("loc", "key", "line", "col"), MARKS)
def test_mark_resolves_a_loc_to_a_1_based_position(loc, key, line, col):
    doc, _ = load(GOOD)
    assert doc.mark(loc, key=key) == Mark(line, col)


def test_mark_never_raises():
    doc, _ = load(GOOD)
    assert doc.mark(None) == Mark(1, 1)  # type: ignore[arg-type]
    assert doc.mark((["unhashable"],)) == doc.mark(())


def test_columns_count_characters_not_bytes():
    doc, _ = load("título: «sí»\nnúmeros: [ñ, 1]\n")
    assert doc.mark(("título",)) == Mark(1, 9)
    assert doc.mark(("números", 1)) == Mark(2, 14)


def test_mark_of_a_top_level_scalar():
    doc, _ = load("\n\n  hello\n")
    assert doc.mark(()) == Mark(3, 3)
    assert doc.mark(("x", 0)) == Mark(3, 3)


# -- never raises --------------------------------------------------------------------

def check_result(doc, diags):
    assert doc is None or isinstance(doc, Document)
    assert doc is not None or diags, "no document must come with a reason"
    for d in diags:
        assert d.line >= 0 and d.col >= 0
    if doc is not None:
        doc.mark(("a", 0, "b"))


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_never_raise(raw: bytes):
    check_result(*load(raw))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_raises(text: str):
    check_result(*load(text.encode("utf-8", "surrogatepass")))


YAMLISH = st.text(alphabet=list("ab1 \t\n:-?[]{},#&*!|>'\"%@`~.\\<x0\u00e9\u2028\x85"), max_size=200)


@settings(max_examples=1000, deadline=None)
@given(YAMLISH)
def test_yaml_like_text_never_raises(text: str):
    check_result(*load(text))


@settings(max_examples=300, deadline=None)
@given(YAMLISH)
def test_limits_never_make_it_raise(text: str):
    check_result(*load(text, max_depth=1, max_line=5, max_bytes=50))
