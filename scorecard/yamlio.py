"""Reading hand-edited YAML safely, with the position of every value.

This is the only module of the package that reads YAML.  :func:`load_yaml`
returns a :class:`Document` (plain Python values plus a position index) and
the list of problems found, as :class:`~scorecard.diagnostics.Diagnostic`
values; it never raises for anything a file may contain.

What is read, and what is refused:

- UTF-8 text only, without a byte-order mark (Y002); no NUL bytes or control
  characters (Y003); at most ``max_bytes`` bytes (Y004, checked before the
  file is read) and ``max_line`` characters a line (Y011).
- One document (Y009) that is not empty (Y010), nesting at most
  ``max_depth`` collections deep (Y005) and holding at most ``max_nodes``
  values (Y004: a file of tiny values, e.g. ``- {}`` lines, would otherwise
  cost seconds and gigabytes further on, at 8 MB).
- No anchors, aliases or merge keys (Y007) and no tags (Y008): nothing is
  ever expanded or constructed from a tag.
- Mapping keys are plain strings (Y012), each once per mapping (Y006).
- Plain scalars follow the YAML 1.2 core schema: ``yes``, ``no``, ``on``,
  ``2015-07-27`` and ``1_000`` stay strings.  Quoted scalars are strings.

Values are built from the parser's events, not from a constructor, in one
loop without recursion; the positions of values and keys are kept in flat
dicts keyed by their ``loc`` (``("facts", 3, "citations", 0, "quote")``).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from .diagnostics import Diagnostic

try:  # libyaml's parser; the pure-Python one is a slow but equivalent fallback
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 64
MAX_LINE = 10_000
MAX_NODES = 30_000  # values (keys not counted): 50 times the largest evidence or rule file


@dataclass(frozen=True)
class Mark:
    """A position in a file: 1-based line and column (in characters)."""

    line: int
    col: int


class Document:
    """One YAML file read into plain values, with where each value came from."""

    __slots__ = ("path", "data", "_values", "_keys")

    def __init__(self, path: str, data: Any, values: dict, keys: dict) -> None:
        self.path = path
        self.data = data
        self._values = values  # loc -> parser mark of the value (0-based)
        self._keys = keys  # loc -> parser mark of the mapping key naming it

    def __repr__(self) -> str:
        return f"Document(path={self.path!r}, data={self.data!r})"

    def mark(self, loc: tuple[str | int, ...], *, key: bool = False) -> Mark:
        """Where the value at ``loc`` is; with ``key=True``, where its key is.

        ``loc`` is walked through the data: a segment that is not a key or an
        index of the node reached so far is skipped (pydantic puts union tags
        such as ``gte`` in its locs), so a missing key resolves to the mapping
        that lacks it, and ``key=True`` then gives the mapping's own position.
        Never raises; at worst the start of the file.
        """
        node = self.data
        found: tuple[str | int, ...] = ()
        last_is_key = False
        try:
            for seg in loc:
                if node.__class__ is dict:
                    if seg.__class__ is str and seg in node:
                        node = node[seg]
                        found += (seg,)
                        last_is_key = True
                    else:  # a key this mapping lacks, or a union tag: stay here
                        last_is_key = False
                elif node.__class__ is list and seg.__class__ is int and 0 <= seg < len(node):
                    node = node[seg]
                    found += (seg,)
                    last_is_key = False
            m = (self._keys.get(found) if key and last_is_key else None) or self._values.get(found)
        except Exception:  # a malformed loc is the caller's bug; still give a place
            m = None
        if m is None:
            return Mark(1, 1)
        return Mark(m.line + 1, m.column + 1)


def load_yaml(
    path: Path,
    display_path: str,
    *,
    max_bytes: int = MAX_BYTES,
    max_depth: int = MAX_DEPTH,
    max_line: int = MAX_LINE,
    max_nodes: int = MAX_NODES,
) -> tuple[Document | None, list[Diagnostic]]:
    """Read and check the YAML file at ``path``; ``display_path`` names it in diagnostics.

    The size is checked before anything is read.  A file that cannot be
    opened (permission denied, a directory) raises :class:`OSError`: that is
    the tool failing, not a problem in the data.
    """
    raw, problems = read_yaml(path, display_path, max_bytes=max_bytes)
    if raw is None:
        return None, problems
    return load_yaml_bytes(raw, display_path, max_bytes=max_bytes, max_depth=max_depth, max_line=max_line, max_nodes=max_nodes)


def read_yaml(path: Path, display_path: str, *, max_bytes: int = MAX_BYTES) -> tuple[bytes | None, list[Diagnostic]]:
    """The bytes of the file at ``path``, or None and the Y004 problem when it is too large
    (then it is not read past the limit).  Raises :class:`OSError` as :func:`load_yaml` does.

    Separate from parsing so that a caller can look at the bytes first (the cache of
    unchanged evidence files keys on them)."""
    size = os.stat(path).st_size
    if size > max_bytes:
        return None, [_too_large(display_path, size, max_bytes)]
    raw = read_bounded(path, size, max_bytes)
    if len(raw) > max_bytes:
        return None, [_too_large(display_path, len(raw), max_bytes)]
    return raw, []


def read_bounded(path: Path, size: int, limit: int) -> bytes:
    """The bytes of a file ``stat`` said holds ``size <= limit`` bytes, read at most to ``limit + 1``.

    ``read(limit + 1)`` would allocate ``limit`` bytes up front for every file;
    this reads what stat announced, and more only if the file grew since.
    """
    with open(path, "rb") as f:
        raw = f.read(size + 1)
        if len(raw) > size:  # it grew since stat: read on, but never past the limit
            raw += f.read(limit + 1 - len(raw))
    return raw


def load_yaml_bytes(
    raw: bytes,
    display_path: str,
    *,
    max_bytes: int = MAX_BYTES,
    max_depth: int = MAX_DEPTH,
    max_line: int = MAX_LINE,
    max_nodes: int = MAX_NODES,
) -> tuple[Document | None, list[Diagnostic]]:
    """Check and read YAML given as bytes; see :func:`load_yaml`."""
    if len(raw) > max_bytes:
        return None, [_too_large(display_path, len(raw), max_bytes)]
    text, diags = _check_text(raw, display_path, max_line)
    if text is None:
        return None, diags
    return _read(raw, text, display_path, max_depth, max_nodes)


# -- before parsing: bytes, encoding, lines ---------------------------------

# Characters YAML does not allow in a stream (tab, LF, CR and NEL are fine).
_FORBIDDEN_CHAR = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _too_large(path: str, size: int, limit: int) -> Diagnostic:
    return Diagnostic(
        path, 0, 0, "Y004",
        f"the file is {size:,} bytes, more than the limit of {limit:,} bytes",
        "split the file, or check that it is the file you meant",
    )


def _position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of the character at ``offset`` of ``text``."""
    start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - start + 1


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of the byte at ``offset``."""
    start = raw.rfind(b"\n", 0, offset) + 1
    return raw.count(b"\n", 0, offset) + 1, len(raw[start:offset].decode("utf-8", "replace")) + 1


def _check_text(raw: bytes, path: str, max_line: int) -> tuple[str | None, list[Diagnostic]]:
    """Decode ``raw``; on any encoding, binary or line-length problem, no text."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, [Diagnostic(path, 1, 1, "Y002", "the file starts with a UTF-8 byte-order mark",
                                 "save the file as UTF-8 without BOM")]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [Diagnostic(path, 1, 1, "Y002", "the file is UTF-16 (or UTF-32) text, not UTF-8",
                                 "save the file as UTF-8 without BOM")]
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, col = _byte_position(raw, nul)
        return None, [Diagnostic(path, line, col, "Y003", "the file holds a NUL byte",
                                 "is this a binary file, or text saved as UTF-16?")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line, col = _byte_position(raw, e.start)
        return None, [Diagnostic(path, line, col, "Y002", f"byte 0x{raw[e.start]:02x} is not valid UTF-8",
                                 "save the file as UTF-8")]
    if len(text) > max_line:
        lines = text.split("\n")
        if max(map(len, lines)) > max_line:
            return None, [
                Diagnostic(path, n, max_line + 1, "Y011",
                           f"line is {len(s):,} characters long, more than the limit of {max_line:,}",
                           "break the text over several lines, e.g. in a folded block scalar (>-)")
                for n, s in enumerate(lines, 1) if len(s) > max_line
            ]
    return text, []


# -- YAML 1.2 core schema for plain scalars ------------------------------------

_WORDS: dict[str, Any] = {
    "": None, "~": None, "null": None, "Null": None, "NULL": None,
    "true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False,
}
MAX_NUMBER = 10**15
"""The largest magnitude a number may have in any file: past every count, amount, weight
and threshold the tool knows, and within what a float holds exactly (2**53).  A number
beyond it, or not finite (``.inf``, ``.nan``, ``1e309``), is reported (Y014) and kept as
the text written: 10**400 made evaluation die of OverflowError, and an infinite weight
made a recommendation met while its criteria failed."""


class _OutOfRange(str):
    """A plain scalar that reads as a number outside MAX_NUMBER (or not finite): its text."""


for _sign in ("", "+", "-"):
    for _inf in (".inf", ".Inf", ".INF"):
        _WORDS[_sign + _inf] = _OutOfRange(_sign + _inf)
for _nan in (".nan", ".NaN", ".NAN"):
    _WORDS[_nan] = _OutOfRange(_nan)

_FIRST = frozenset("~nNtTfF.+-0123456789") | {""}  # could start a non-string plain scalar
_NUMBER_FIRST = frozenset(".+-0123456789")
_INT = re.compile(r"[-+]?[0-9]+\Z")
_OCT = re.compile(r"0o[0-7]+\Z")
_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_NOT_FOUND = object()


def _number(s: str) -> Any:
    """The int or float a plain scalar stands for, or the string itself
    (an _OutOfRange string for a number beyond MAX_NUMBER or not finite)."""
    try:
        if _INT.match(s):
            v: Any = int(s)
        elif _FLOAT.match(s):
            v = float(s)
        elif _OCT.match(s):
            v = int(s[2:], 8)
        elif _HEX.match(s):
            v = int(s[2:], 16)
        else:
            return s
    except ValueError:  # more digits than Python converts (sys.int_max_str_digits)
        return _OutOfRange(s)
    return v if -MAX_NUMBER <= v <= MAX_NUMBER else _OutOfRange(s)  # False for nan and inf too


def resolve_plain(s: str) -> Any:
    """The value of an untagged plain scalar under the YAML 1.2 core schema."""
    if s[:1] not in _FIRST:
        return s
    v = _WORDS.get(s, _NOT_FOUND)
    if v is _NOT_FOUND:
        v = _number(s) if s[:1] in _NUMBER_FIRST else s
    return s if v.__class__ is _OutOfRange else v


# -- parsing --------------------------------------------------------------------

_NOKEY = object()  # in a mapping, the next node is a key
_VALUE_EVENTS = frozenset((ScalarEvent, MappingStartEvent, SequenceStartEvent, AliasEvent))
_TYPE_NAMES = {bool: "a boolean", int: "an integer", float: "a number", type(None): "null"}
_TAB_HINT = "indent with spaces, not tabs"

# What usually causes each syntax error PyYAML reports, in a curator's words: the
# first pattern found in the message gives the hint.
_SYNTAX_HINTS = (
    ("quoted scalar", "a quote opened here is never closed: close it (inside single quotes, write a quote mark as '')"),
    ("flow sequence", "a [ opened here is never closed, or two items lack a comma between them"),
    ("flow mapping", "a { opened here is never closed, or two entries lack a comma between them"),
    ("mapping values are not allowed", 'put text holding ": " in quotes, or start a new line for the nested key'),
    ("expected '-' indicator", "items of a list each start with \"- \" in the same column"),
    ("did not find expected key", "line up keys of one mapping in the same column, with spaces"),
    ("could not find expected ':'", 'a key needs ": " after it; put text holding a colon in quotes'),
    ("cannot start any token", "a value starting with @, ` or % must be in quotes"),
)
_SYNTAX_HINT = "check the indentation and quoting of this line and the one before"


def _syntax_hint(message: str) -> str:
    return next((hint for pattern, hint in _SYNTAX_HINTS if pattern in message), _SYNTAX_HINT)
_MENTIONS_TAB = re.compile(r"\btabs?\b|'\\t'")


def _read(raw: bytes, text: str, path: str, max_depth: int, max_nodes: int = MAX_NODES) -> tuple[Document | None, list[Diagnostic]]:
    """Parse checked text into a Document, or None after a fatal problem."""
    problems = _Problems(path, text)
    loader = None
    try:
        loader = _Loader(raw)  # only its parser is used: no constructor, no resolver
        doc = _build(loader.get_event, problems, max_depth, max_nodes)
    except yaml.MarkedYAMLError as e:  # scanner and parser errors
        problems.syntax_error(e)
        doc = None
    except yaml.YAMLError as e:  # ReaderError: a character YAML does not allow
        problems.reader_error(e)
        doc = None
    except UnicodeDecodeError as e:  # libyaml emitted bytes Python will not decode
        problems.add(None, "Y002", f"the file holds text that is not valid UTF-8 ({e.reason})")
        doc = None
    finally:
        if loader is not None:
            loader.dispose()
    return doc, sorted(problems.diags)


def _build(get_event: Callable[[], Any], problems: _Problems, max_depth: int, max_nodes: int = MAX_NODES) -> Document | None:
    """The event loop: build plain values and record the mark of every value and key.

    Kept flat and free of per-event calls, as it runs once per event of every
    file; anything unusual (anchors, tags, bad keys) goes to ``problems``.
    """
    values: dict[tuple, Any] = {}  # loc -> start mark of the value
    keys: dict[tuple, Any] = {}  # loc -> start mark of the key naming the value
    stack: list[tuple] = []  # the enclosing (container, loc, is_map)
    cur: Any = None  # the container being filled; None at document level
    loc: tuple = ()
    is_map = False
    key: Any = _NOKEY
    kloc: tuple = ()
    root: Any = None
    empty = True  # no document, or one holding nothing but an empty scalar
    docs = 0
    nodes = 0  # values so far: scalars, collections and aliases, less the keys (see below)
    while True:
        ev = get_event()
        t = ev.__class__
        if t in _VALUE_EVENTS:
            nodes += 1
        if nodes > max_nodes:
            problems.add(ev.start_mark, "Y004", f"the file holds more than {max_nodes:,} values, the limit",
                         "split the file, or check that it is the file you meant")  # fmt: skip
            return None
        if t is ScalarEvent:
            s = v = ev.value
            if ev.anchor is not None or ev.tag is not None:
                problems.anchor_or_tag(ev)
                if ev.tag is None and not ev.style:
                    v = resolve_plain(s)
            elif not ev.style and s[:1] in _FIRST:  # plain: YAML 1.2 core schema
                v = _WORDS.get(s, _NOT_FOUND)
                if v is _NOT_FOUND:
                    v = _number(s) if s[:1] in _NUMBER_FIRST else s
                if v.__class__ is _OutOfRange:
                    problems.out_of_range(ev)
                    v = s
            if is_map:
                if key is _NOKEY:  # this scalar is a key
                    nodes -= 1
                    if v is not s or s == "<<":
                        problems.scalar_key(ev, v)
                    kloc = loc + (s,)
                    if s in cur:
                        problems.duplicate_key(ev, s, keys[kloc])
                        deep = _skip(get_event, get_event(), max_depth - len(stack))
                        if deep is not None:
                            problems.too_deep(deep, max_depth)
                            return None
                        continue
                    key = s
                    keys[kloc] = ev.start_mark
                    continue
                cur[key] = v
                values[kloc] = ev.start_mark
                key = _NOKEY
            elif cur is not None:
                values[loc + (len(cur),)] = ev.start_mark
                cur.append(v)
            else:
                root = v
                values[()] = ev.start_mark
                empty = s == "" and v is None
        elif t is MappingStartEvent or t is SequenceStartEvent:
            if ev.anchor is not None or ev.tag is not None:
                problems.anchor_or_tag(ev)
            if len(stack) >= max_depth:
                problems.too_deep(ev, max_depth)
                return None
            new: Any = {} if t is MappingStartEvent else []
            if is_map:
                if key is _NOKEY:  # a collection as a key: report, drop key and value
                    problems.collection_key(ev, new)
                    room = max_depth - len(stack)
                    deep = _skip(get_event, ev, room) or _skip(get_event, get_event(), room)
                    if deep is not None:
                        problems.too_deep(deep, max_depth)
                        return None
                    continue
                cur[key] = new
                key = _NOKEY
                nloc = kloc
            elif cur is not None:
                nloc = loc + (len(cur),)
                cur.append(new)
            else:
                root = new
                nloc = ()
                empty = False
            values[nloc] = ev.start_mark
            stack.append((cur, loc, is_map))
            cur = new
            loc = nloc
            is_map = t is MappingStartEvent
        elif t is MappingEndEvent or t is SequenceEndEvent:
            cur, loc, is_map = stack.pop()
        elif t is AliasEvent:
            problems.alias(ev)
            if is_map:
                if key is _NOKEY:  # an alias as a key: drop key and value
                    deep = _skip(get_event, get_event(), max_depth - len(stack))
                    if deep is not None:
                        problems.too_deep(deep, max_depth)
                        return None
                    continue
                cur[key] = None
                values[kloc] = ev.start_mark
                key = _NOKEY
            elif cur is not None:
                values[loc + (len(cur),)] = ev.start_mark
                cur.append(None)
            else:
                values[()] = ev.start_mark
                empty = False
        elif t is DocumentStartEvent:
            docs += 1
            if docs > 1:
                problems.add(ev.start_mark, "Y009", "the file holds more than one YAML document",
                             'remove the "---" line, or split the file in two')
                while get_event().__class__ is not StreamEndEvent:  # still report syntax errors
                    pass
                break
        elif t is StreamEndEvent:
            break
    if empty:
        problems.add(None, "Y010", "the file holds no data", "write the file's content, or delete the file")
        return None
    return Document(problems.path, root, values, keys)


def _skip(get_event: Callable[[], Any], ev: Any, room: int) -> Any:
    """Consume the node that starts with ``ev``, building nothing.

    Returns None, or the event that nests deeper than ``room`` collections.
    """
    depth = 0
    while True:
        t = ev.__class__
        if t is MappingStartEvent or t is SequenceStartEvent:
            depth += 1
            if depth > room:
                return ev
        elif t is MappingEndEvent or t is SequenceEndEvent:
            depth -= 1
        if depth <= 0:
            return None
        ev = get_event()


def _shown(text: str) -> str:
    return text if len(text) <= 24 else f"{text[:12]}…({len(text)} characters)"


def _tag_text(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:") :] if tag.startswith("tag:yaml.org,2002:") else tag


class _Problems:
    """Collects the diagnostics of one file; the wording of each lives here."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        self.diags: list[Diagnostic] = []
        self.alias_reported = False

    def add(self, mark: Any, code: str, message: str, hint: str | None = None) -> None:
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
        self.diags.append(Diagnostic(self.path, line, col, code, message, hint))

    def _forbidden_feature(self, mark: Any, message: str) -> None:
        if not self.alias_reported:  # the first is enough: they come in families
            self.alias_reported = True
            self.add(mark, "Y007", message, "write the values out in full; anchors and aliases are not expanded")

    def anchor_or_tag(self, ev: Any) -> None:
        if ev.anchor is not None:
            self._forbidden_feature(ev.start_mark, f'anchor "&{ev.anchor}" is not allowed')
        if ev.tag is not None:
            self.add(ev.start_mark, "Y008", f'tag "{_tag_text(ev.tag)}" is not allowed',
                     "remove the tag; quote the value if it must be read as text")

    def out_of_range(self, ev: Any) -> None:
        self.add(ev.start_mark, "Y014", f"number {_shown(ev.value)} is not finite or lies outside ±10^15, the range of every number here",
                 "write the figure the source gives; quote it (\"...\") if it is text")  # fmt: skip

    def alias(self, ev: Any) -> None:
        self._forbidden_feature(ev.start_mark, f'alias "*{ev.anchor}" is not allowed')

    def scalar_key(self, ev: Any, value: Any) -> None:
        s = ev.value
        if value is s:  # "<<": a merge key unless quoted or tagged
            if not ev.style and ev.tag is None:
                self._forbidden_feature(ev.start_mark, 'merge key "<<" is not allowed')
        else:
            self.add(ev.start_mark, "Y012", f'key "{s}" is read as {_TYPE_NAMES[type(value)]}, not a string',
                     f"quote it: '{s}'")

    def collection_key(self, ev: Any, new: Any) -> None:
        kind = "a mapping" if isinstance(new, dict) else "a sequence"
        self.add(ev.start_mark, "Y012", f"a mapping key must be a string, not {kind}",
                 "write the key as plain text")

    def duplicate_key(self, ev: Any, key: str, first: Any) -> None:
        self.add(ev.start_mark, "Y006", f'key "{key}" is repeated in this mapping',
                 f'the first "{key}" is on line {first.line + 1}; remove or rename one')

    def too_deep(self, ev: Any, limit: int) -> None:
        self.add(ev.start_mark, "Y005", f"the data nests deeper than the limit of {limit} levels",
                 "flatten the structure")

    def syntax_error(self, e: yaml.MarkedYAMLError) -> None:
        mark = e.problem_mark or e.context_mark
        message = e.problem or e.context or "the file is not valid YAML"
        cm = e.context_mark
        if e.problem and e.context and cm is not None and (mark is None or (cm.line, cm.column) != (mark.line, mark.column)):
            # where the construct that failed began, e.g. the opening quote
            message += f" ({e.context} at line {cm.line + 1}, column {cm.column + 1})"
        self.add(mark, "Y001", message, _TAB_HINT if self._near_tab(mark, message) else _syntax_hint(message))

    def _near_tab(self, mark: Any, message: str) -> bool:
        if _MENTIONS_TAB.search(message):
            return True
        if mark is None:
            return False
        lines = self.text.split("\n")
        if not 0 <= mark.line < len(lines):
            return False
        line = lines[mark.line]
        return line[mark.column : mark.column + 1] == "\t" or "\t" in line[: len(line) - len(line.lstrip())]

    def reader_error(self, e: yaml.YAMLError) -> None:
        found = _FORBIDDEN_CHAR.search(self.text)
        if found is None:
            self.add(None, "Y001", f"the file is not valid YAML ({getattr(e, 'reason', e)})", _SYNTAX_HINT)
            return
        line, col = _position(self.text, found.start())
        self.diags.append(Diagnostic(self.path, line, col, "Y003",
                                     f"the file holds the control character U+{ord(found.group()):04X}",
                                     "delete it; it often comes from copying text out of a PDF"))


# -- extents, for editing a file in place -----------------------------------------


@dataclass(frozen=True)
class Extent:
    """Where a node is written: character offsets ``[start, end)`` of the text.

    ``style`` is a scalar's (``None`` plain, ``'``, ``"``, ``|``, ``>``; ``None``
    for a collection); ``flow`` says the node is written in flow style or inside
    a flow collection; ``key`` is the offset of the key naming it, if any.  A
    block scalar's extent runs to the start of the next line after its content
    (its trailing line breaks included).
    """

    start: int
    end: int
    style: str | None
    flow: bool
    key: int | None


def extents(text: str) -> dict[tuple, Extent]:
    """The extent of every node of ``text``, keyed by its loc, as :func:`load_yaml` builds it.

    Meant for a text that :func:`load_yaml_bytes` read without a fatal problem
    (``scorecard fix`` edits quotes where they are written); the first of
    duplicate keys wins, as there.  Raises :class:`yaml.YAMLError` on a syntax
    error.
    """
    found: dict[tuple, Extent] = {}
    # one frame per open collection: [loc or None, is_map, flow, next index, key, key offset, start]
    frames: list[list[Any]] = []
    loader = _Loader(text)
    try:
        while True:
            ev = loader.get_event()
            t = ev.__class__
            if t is StreamEndEvent or (t is DocumentStartEvent and found):
                break
            if t is MappingEndEvent or t is SequenceEndEvent:
                loc, _, flow, _, _, key_at, start = frames.pop()
                if loc is not None:
                    found[loc] = Extent(start, ev.end_mark.index, None, flow, key_at)
                continue
            if t not in (ScalarEvent, AliasEvent, MappingStartEvent, SequenceStartEvent):
                continue
            loc: tuple | None = ()
            key_at = None
            flow = bool(frames) and frames[-1][2]
            if frames:
                parent = frames[-1]
                if parent[1] and parent[4] is _NOKEY:  # this node is a key
                    parent[4], parent[5] = (ev.value if t is ScalarEvent else None), ev.start_mark.index
                    if t is MappingStartEvent or t is SequenceStartEvent:
                        _skip(loader.get_event, ev, MAX_DEPTH)
                    continue
                if parent[0] is None:
                    loc = None
                elif parent[1]:
                    loc = parent[0] + (parent[4],) if parent[4] is not None else None
                    key_at = parent[5]
                else:
                    loc = parent[0] + (parent[3],)
                if parent[1]:
                    parent[4] = _NOKEY
                else:
                    parent[3] += 1
                if loc is not None and loc in found:  # a duplicate key: the first wins
                    loc = None
            if t is MappingStartEvent or t is SequenceStartEvent:
                frames.append([loc, t is MappingStartEvent, flow or bool(ev.flow_style), 0, _NOKEY, key_at, ev.start_mark.index])
            elif loc is not None:
                found[loc] = Extent(ev.start_mark.index, ev.end_mark.index, getattr(ev, "style", None) or None, flow, key_at)
    finally:
        loader.dispose()
    return found
