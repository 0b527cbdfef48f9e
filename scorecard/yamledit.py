"""Edit a YAML file's text in place: set values of mappings, keep everything else byte for byte.

The one place where data files are rewritten (for ``scorecard fix``).  A value is
replaced at the character positions the parser gives (:func:`scorecard.yamlio.extents`),
in its own style where it can be: plain, quoted, folded or literal, keeping the line
breaks of a value written over several lines wherever the words allow; a new key goes on
its own line after a given key (or, in a flow mapping, after it on the same line).
Comments, key order, blank lines and line endings are never touched.

Then the edited text is read again, and it must give the same data with only the
changes made, or :func:`edit` gives up: an edit this module cannot prove right is
never made.
"""

from __future__ import annotations

import copy
import difflib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .yamlio import Extent, extents, load_yaml_bytes

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Change:
    """New string values for keys of the mapping at ``loc``.

    A key the mapping has is rewritten where it is; a new key is added after
    ``after``.  A key in ``loose`` need only read back equal up to whitespace
    (its line breaks may move).
    """

    loc: Loc
    values: dict[str, str]
    after: str
    loose: frozenset[str] = field(default_factory=frozenset)


def edit(text: str, data: Any, changes: Sequence[Change]) -> str | None:
    """``text`` (whose data is ``data``) with the changes made and checked, or None."""
    try:
        spans = extents(text)
    except Exception:  # noqa: BLE001 - the loader read it; any surprise means: do not touch
        return None
    for careful in (False, True):  # the file's own styles first, else double quotes
        after = _apply(text, spans, changes, careful)
        if after is not None and _verified(after, data, changes):
            return after
    return None


def _apply(text: str, spans: dict[tuple, Extent], changes: Sequence[Change], careful: bool) -> str | None:
    newline = "\r\n" if "\r\n" in text else "\n"
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement), end == start to insert
    for change in changes:
        mapping, anchor = spans.get(change.loc), spans.get((*change.loc, change.after))
        if mapping is None or anchor is None:
            return None
        for key, value in change.values.items():
            existing = spans.get((*change.loc, key))
            if existing is not None:
                edits.append((existing.start, existing.end, _render_scalar(text, existing, value, careful)))
            else:
                edits.append(_insertion(text, anchor, mapping, key, value, newline))
    edits.sort(key=lambda e: (e[0], e[1]), reverse=True)
    for (start, _, _), (_, previous_end, _) in zip(edits, edits[1:]):
        if previous_end > start:  # overlapping edits: cannot happen for distinct citations
            return None
    for start, end, replacement in edits:
        text = text[:start] + replacement + text[end:]
    return text


def _insertion(text: str, quote: Extent, mapping: Extent, key: str, value: str, newline: str) -> tuple[int, int, str]:
    """Add ``key: value`` to a mapping, just after the value ``quote``."""
    if mapping.flow:
        return quote.end, quote.end, f", {key}: {_inline(value, flow=True)}"
    end = quote.end
    while end > quote.start and text[end - 1] in " \t\r\n":  # a block scalar's trailing breaks
        end -= 1
    line_end = text.find("\n", end)
    key_at = quote.key if quote.key is not None else quote.start
    indent = " " * (key_at - (text.rfind("\n", 0, key_at) + 1))
    line = f"{indent}{key}: {_inline(value, flow=False)}"
    if line_end < 0:  # the quote is on the last line, with no line break after it
        return len(text), len(text), newline + line
    return line_end + 1, line_end + 1, line + newline


def _inline(value: str, *, flow: bool) -> str:
    """``value`` as a one-line scalar: plain when that reads back the same, else quoted."""
    for candidate in (value, "'" + value.replace("'", "''") + "'", _double_quoted(value)):
        probe = f"{{k: {candidate}}}" if flow else f"k: {candidate}"
        document, problems = load_yaml_bytes(probe.encode("utf-8"), "probe")
        if document is not None and not problems and document.data == {"k": value}:
            return candidate
    return _double_quoted(value)


# What JSON leaves raw but YAML does not allow in a file (DEL, C1 controls, surrogates,
# non-characters) or reads as a line break (NEL, LS, PS), even inside double quotes.
_RAW_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


def _double_quoted(value: str) -> str:
    """``value`` as a YAML double-quoted scalar that reads back exactly (JSON string syntax)."""
    return _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, ensure_ascii=False))


def _render_scalar(text: str, extent: Extent, value: str, careful: bool) -> str:
    """``value`` written where ``extent`` was: same style, same line breaks where the words allow."""
    original = text[extent.start : extent.end]
    if careful:  # double quotes always read back; a block scalar's own line breaks stay after it
        tail = original[len(original.rstrip("\r\n \t")) :] if extent.style in (">", "|") else ""
        return _double_quoted(value) + tail
    newline = "\r\n" if "\r\n" in text else "\n"
    words = value.split()
    if extent.style in (">", "|"):  # keep the header (and a comment on it) and the indentation
        header, _, body = original.partition("\n")
        content = body.rstrip("\r\n \t")
        lines = content.replace("\r\n", "\n").split("\n")
        indent = lines[0][: len(lines[0]) - len(lines[0].lstrip(" "))]
        return header + "\n" + indent + _layout(lines, words, newline + indent) + body[len(content) :]
    lines = original.replace("\r\n", "\n").split("\n")
    if len(lines) == 1:
        if extent.style == '"':
            return _double_quoted(value)
        if extent.style == "'":
            return "'" + value.replace("'", "''") + "'"
        return _inline(value, flow=extent.flow)
    # a flow scalar over several lines
    indent = newline + lines[1][: len(lines[1]) - len(lines[1].lstrip(" "))]
    if extent.style == '"':
        lines[0], lines[-1] = lines[0][1:], lines[-1][:-1]
        return '"' + _layout(lines, [_double_quoted(w)[1:-1] for w in words], indent) + '"'
    if extent.style == "'":
        lines[0], lines[-1] = lines[0][1:], lines[-1][:-1]
        return "'" + _layout(lines, [w.replace("'", "''") for w in words], indent) + "'"
    return _layout(lines, words, indent)


def _layout(old_lines: list[str], words: list[str], separator: str) -> str:
    """``words`` broken into lines where the old lines broke, so a diff shows only changed words.

    Each line break of the old text is carried over to the same place among the
    new words (matched with difflib); a break that would leave a line empty is dropped.
    """
    old_words = [w for line in old_lines for w in line.split()]
    breaks: list[int] = []
    count = 0
    for line in old_lines[:-1]:
        count += len(line.split())
        breaks.append(count)
    opcodes = difflib.SequenceMatcher(a=old_words, b=words, autojunk=False).get_opcodes()
    cuts = []
    for i in breaks:
        for tag, i1, i2, j1, j2 in opcodes:
            if i1 <= i < i2 or (i == i2 == len(old_words)):
                cuts.append(j1 + (i - i1) if tag == "equal" else j1)
                break
    cuts = sorted({c for c in cuts if 0 < c < len(words)})
    pieces = [words[a:b] for a, b in zip([0, *cuts], [*cuts, len(words)])]
    return separator.join(" ".join(piece) for piece in pieces)


def _verified(after: str, data: Any, changes: Sequence[Change]) -> bool:
    """The edited text reads back, without problems, as the old data with the changes."""
    document, problems = load_yaml_bytes(after.encode("utf-8"), "check")
    if document is None or problems:
        return False
    expected = copy.deepcopy(data)
    for change in changes:
        node = expected
        for part in change.loc:
            node = node[part]
        node.update(change.values)
    loose = {(*c.loc, key) for c in changes for key in c.loose}
    return _same(document.data, expected, (), loose)


def _same(a: Any, b: Any, loc: Loc, loose: set[Loc]) -> bool:
    """Equal, except that a loose value need only be equal up to whitespace."""
    if loc in loose:
        return isinstance(a, str) and isinstance(b, str) and a.split() == b.split()
    if isinstance(a, dict) and isinstance(b, dict):  # key order aside: a new key goes after ``after``
        return set(a) == set(b) and all(_same(a[k], b[k], (*loc, k), loose) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y, (*loc, i), loose) for i, (x, y) in enumerate(zip(a, b)))
    return type(a) is type(b) and (a == b or (a != a and b != b))  # NaN equals NaN here
