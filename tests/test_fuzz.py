"""Property-based fuzzing of loading and validation: any input gives diagnostics, never an exception.

Each property writes one file of a valid project (tests/fixtures/base) with
generated content, validates the project and checks that the report is made
of well-formed diagnostics that every output format can render and encode.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus import BASE
from scorecard import api
from scorecard.diagnostics import CATALOGUE
from scorecard.render.diagnostics import render_diagnostics

KINDS = [
    "scorecard.yaml",
    "seeds/sources.yaml",
    "rules/indicators.yaml",
    "rules/demo/demo.yaml",
    "evidence/peru/2017.yaml",
]
FUZZ = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "40")), deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Words of the file formats, so generated trees reach the schema and reference checks.
KEYS = [
    "id", "file", "title", "publisher", "published", "sha256", "span", "start", "end", "sources",
    "indicators", "type", "pillar", "description", "unit", "values", "country", "year", "facts",
    "indicator", "value", "period", "note", "citations", "source", "quote", "prefix", "suffix",
    "recommendations", "text", "criteria", "condition", "op", "conditions", "weight", "cap",
    "name", "default_ruleset", "issuer", "issued", "version", "policy", "<<",
]  # fmt: skip
WORDS = [
    "PER", "2017", "count", "enum", "prosecution", "prosecution.operations", "tip-2018-peru-prosecution",
    "tip-2015-peru", "gte", "all", "not", "increased", "not_reported", "../../etc/passwd", "/etc/passwd",
    "Police reported conducting 865 anti-trafficking operations in 2017", "2004-01/2011-07",
]  # fmt: skip

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(WORDS),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)),
)
keys = st.one_of(st.sampled_from(KEYS), st.text(max_size=12))
trees = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=5), st.dictionaries(keys, inner, max_size=6)),
    max_leaves=40,
)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz") / "project"
    shutil.copytree(BASE, root)
    return root


def _check(root: Path) -> None:
    """Validation gives a report of well-formed diagnostics that every format renders."""
    report = api.validate(root)
    for d in report.diagnostics:
        assert d.code in CATALOGUE
        assert isinstance(d.path, str) and d.path and not d.path.startswith("/")
        assert d.line >= 0 and d.col >= 0
        assert isinstance(d.message, str) and d.message
    for fmt in ("text", "json", "github"):
        out = render_diagnostics(report.diagnostics, fmt, files=report.files, citations=report.citations)
        out.encode("utf-8")  # what the terminal gets: no lone surrogates
        if fmt == "json":
            json.loads(out)
        elif fmt == "text":  # no control character from the data reaches the terminal
            assert all(line.replace("\t", "").isprintable() for line in out.split("\n"))
        else:  # one workflow command per diagnostic: data cannot start another
            assert all(line.startswith("::error ") and "\r" not in line for line in out.split("\n")[:-1])


def _with(root: Path, kind: str, content: bytes) -> None:
    target = root / kind
    original = (BASE / kind).read_bytes()
    target.write_bytes(content)
    try:
        _check(root)
    finally:
        target.write_bytes(original)


@pytest.mark.parametrize("kind", KINDS)
@FUZZ
@given(raw=st.binary(max_size=400))
def test_arbitrary_bytes_in_place_of_a_file(project: Path, kind: str, raw: bytes):
    _with(project, kind, raw)


@pytest.mark.parametrize("kind", KINDS)
@FUZZ
@given(tree=trees)
def test_arbitrary_yaml_trees_in_place_of_a_file(project: Path, kind: str, tree):
    _with(project, kind, yaml.safe_dump(tree, allow_unicode=True).encode("utf-8"))


@st.composite
def mutated(draw: st.DrawFn, kind: str):
    """The base file's data with one subtree replaced by a generated one."""
    data = yaml.safe_load((BASE / kind).read_text(encoding="utf-8"))
    node = data
    while True:
        children = list(node.items()) if isinstance(node, dict) else list(enumerate(node)) if isinstance(node, list) else []
        if not children:
            break
        key, child = draw(st.sampled_from(children))
        if not isinstance(child, (dict, list)) or draw(st.booleans()):
            node[key] = draw(trees)
            break
        node = child
    return data


@pytest.mark.parametrize("kind", KINDS)
@FUZZ
@given(data=st.data())
def test_a_valid_file_with_one_part_replaced(project: Path, kind: str, data: st.DataObject):
    tree = data.draw(mutated(kind))
    _with(project, kind, yaml.safe_dump(tree, allow_unicode=True, sort_keys=False).encode("utf-8"))


citation_text = st.one_of(st.text(max_size=60), st.sampled_from(WORDS), st.text(alphabet=" \n\t\u00a0’“—-ab", max_size=40))


@FUZZ
@given(quote=citation_text, prefix=st.none() | citation_text, suffix=st.none() | citation_text)
def test_arbitrary_quotes_prefixes_and_suffixes(project: Path, quote: str, prefix, suffix):
    citation = {"source": "tip-2015-peru", "quote": quote}
    if prefix is not None:
        citation["prefix"] = prefix
    if suffix is not None:
        citation["suffix"] = suffix
    tree = {
        "country": "PER",
        "year": 2017,
        "facts": [{"indicator": "prosecution.operations", "value": 865, "citations": [citation]}],
    }
    _with(project, "evidence/peru/2017.yaml", yaml.safe_dump(tree, allow_unicode=True).encode("utf-8"))


@pytest.mark.parametrize("fact", [0, 1, 2, 3, 4], ids=["plain", "double", "single", "folded", "flow"])
@FUZZ
@given(value=st.text(min_size=1, max_size=80), suffix=st.none() | st.text(min_size=1, max_size=30))
def test_yamledit_sets_any_text_and_touches_nothing_else(fact: int, value: str, suffix):
    """Any string can be written in place of a quote of any style (and any suffix added); the rest stays byte for byte."""
    from scorecard.yamledit import Change, edit
    from scorecard.yamlio import extents, load_yaml_bytes

    text = (BASE / "evidence/peru/2017.yaml").read_text(encoding="utf-8")
    data = load_yaml_bytes(text.encode(), "x")[0].data
    values = {"quote": value} if suffix is None else {"quote": value, "suffix": suffix}
    loc = ("facts", fact, "citations", 0)
    after = edit(text, data, [Change(loc, values, after="quote", loose=frozenset({"quote"}))])
    assert after is not None
    citation = load_yaml_bytes(after.encode(), "x")[0].data["facts"][fact]["citations"][0]
    assert citation["quote"].split() == value.split() and citation.get("suffix") == suffix
    spans = extents(text)
    first, last = spans[loc].start, spans[("facts", fact + 1)].start
    assert after[:first] == text[:first] and after.endswith(text[last - 4 :])  # from the next "  - "
