"""Find the quotes of citations in source texts.

A quote *matches* a passage of a source when both are equal after
normalisation.  Normalisation is deliberately simple:

1. fold typographic variants to ASCII, one character for one character:
   curly quotes and apostrophes and primes to ``'`` and ``"``, dashes and
   the minus sign to ``-``;
2. fold every run of whitespace (every character for which ``str.isspace``
   is true: spaces, line breaks, tabs, the non-breaking space, ...) to one
   space where it separates two tokens -- between two letters or digits,
   and between a digit and a full stop or comma -- and drop it everywhere
   else (next to other punctuation, and at either end).

This gives the quirks of text extracted from PDFs -- hard line breaks,
doubled or non-breaking spaces, a word split after a hyphen
(``anti- trafficking`` == ``anti-trafficking``), a missing space after a
full stop (``2014.Trafficking`` == ``2014. Trafficking``) -- but never joins
two tokens that the source keeps apart: ``Lima 312 6.5%`` is not
``Lima 31 26.5%``, ``31, 265`` is not ``31,265`` and ``2016. 5`` is not
``2016.5``.  It keeps every *visible* character, in order, and case.  A hit
must also begin and end where the source's words do: ``1 victims`` is not in
``31 victims`` (such a quote *cuts a word*, reported apart).  The callers only
search for quotes of at least :data:`MIN_QUOTE_CHARS` visible characters, and
report whether the match was verbatim (:attr:`Hit.exact`).  OCR errors are
never repaired: ``Perd`` must be quoted as ``Perd``.

Everything heavy runs at C speed: a quote is first looked up verbatim with
one ``str.find``; a source is normalised (to UTF-8 bytes, with
``bytes.translate``) only when a quote of it needs normalisation, and
normalised offsets are mapped back to the original only for actual hits,
through a per-block index.

This module is pure: it imports nothing from the package and reads no files.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from itertools import accumulate
from typing import Literal, Protocol

__all__ = [
    "MIN_QUOTE_CHARS",
    "MAX_QUOTE_CHARS",
    "MAX_HITS",
    "RUN_WORK",
    "Budget",
    "Hit",
    "Passage",
    "Lookup",
    "Normalised",
    "SourceText",
    "cuts",
    "normalise",
    "normalise_quote",
    "visible_length",
]

MIN_QUOTE_CHARS = 8
"""A quote with fewer non-whitespace characters is too short to cite."""

MAX_QUOTE_CHARS = 2000
"""A quote with more characters is too long to cite (and is not searched)."""

MAX_HITS = 10_000
"""Occurrences of one quote collected at most.  A quote found this often is ambiguous
anyway; without a limit, an 8-letter quote in a 16 MB seed of one letter repeated gives
16 million hits, minutes and gigabytes."""

RUN_WORK = 20_000_000
"""Work one run may spend on quote lookups beyond each lookup's LOOKUP_WORK, in units of
about 25 ns (roughly a character compared): about half a second.  Without it, 1,000
citations with a 2,000-character prefix into a 16 MB seed of one letter took 129 s."""

LOOKUP_WORK = 50_000
"""Work each lookup may do before drawing on RUN_WORK: a handful of occurrences with their
prefix and suffix compared.  So the run's budget goes only to quotes that occur very often
or carry long contexts, and a project of any number of ordinary citations never spends it."""

EXACT_HIT_WORK = 80
"""Finding one verbatim occurrence."""
NORMALISED_HIT_WORK = 500
"""Finding one occurrence in the normalised view and mapping it back to the original."""
CONTEXT_WORK = 250
"""Comparing a prefix or suffix at one occurrence, besides one unit per character compared."""


class Budget:
    """What is left of a run's work for quote lookups (see RUN_WORK).

    Shared by every lookup of a run; once it is spent, lookups answer ``unchecked``
    (reported, never taken as found) instead of working on."""

    __slots__ = ("left", "free")

    def __init__(self, work: int = RUN_WORK) -> None:
        self.left = work
        self.free = 0

    def start_lookup(self) -> None:
        # once the run's budget is spent, no lookup does any work: each answers unchecked
        self.free = LOOKUP_WORK if self.left > 0 else 0

    def spend(self, work: int) -> None:
        if self.free >= work:
            self.free -= work
            return
        work -= self.free
        self.free = 0
        self.left -= work
        if self.left < 0:
            raise _Spent


class _Spent(Exception):
    """The run's budget ran out in the middle of a lookup."""


# ---------------------------------------------------------------------------
# The normalisation tables
# ---------------------------------------------------------------------------

#: Characters folded to an ASCII character (always one for one).
FOLDS: dict[str, str] = {
    "\u2018": "'",  # ‘ left single quotation mark
    "\u2019": "'",  # ’ right single quotation mark / apostrophe
    "\u201a": "'",  # ‚ single low-9 quotation mark
    "\u201b": "'",  # ‛ single high-reversed-9 quotation mark
    "\u2032": "'",  # ′ prime
    "\u201c": '"',  # “ left double quotation mark
    "\u201d": '"',  # ” right double quotation mark
    "\u201e": '"',  # „ double low-9 quotation mark
    "\u201f": '"',  # ‟ double high-reversed-9 quotation mark
    "\u2033": '"',  # ″ double prime
    "\u2010": "-",  # ‐ hyphen
    "\u2011": "-",  # ‑ non-breaking hyphen
    "\u2012": "-",  # ‒ figure dash
    "\u2013": "-",  # – en dash
    "\u2014": "-",  # — em dash
    "\u2015": "-",  # ― horizontal bar
    "\u2212": "-",  # − minus sign
}

#: Every whitespace character (``str.isspace``); all of them are below U+3001.
WHITESPACE: str = "".join(c for c in map(chr, range(0x3001)) if c.isspace())

_FOLD_RE = re.compile("[" + "".join(sorted(FOLDS)) + "]")


def _sub_fold(m: re.Match[str]) -> str:
    return FOLDS[m.group()]


_SPACE_RUN = re.compile("[" + re.escape(WHITESPACE) + "]+")


def _joins(before: str, after: str) -> bool:
    """Whether whitespace between these two characters separates two tokens (and stays)."""
    if before.isdigit() and before.isascii():
        return after in ".," or after.isalnum() or not after.isascii()
    if after.isdigit() and after.isascii():
        return before in ".," or before.isalnum() or not before.isascii()
    return (before.isalnum() or not before.isascii()) and (after.isalnum() or not after.isascii())


def normalise_quote(text: str) -> str:
    """The normalised form of a (short) text: folded, whitespace kept only between tokens."""
    if not text.isascii():
        text = text.encode("utf-8", "replace").decode("utf-8")  # a lone surrogate becomes "?", as in sources
        text = _FOLD_RE.sub(_sub_fold, text)
    text = text.strip(WHITESPACE)
    if not text:
        return text

    def separator(m: re.Match[str]) -> str:
        return " " if _joins(text[m.start() - 1], text[m.end()]) else ""

    return _SPACE_RUN.sub(separator, text)


def visible_length(text: str) -> int:
    """Number of non-whitespace characters (what MIN/MAX_QUOTE_CHARS count).

    The same as ``len(normalise_quote(text).replace(" ", ""))``, since folding is one
    character for one and every whitespace character is below U+3001, where
    ``str.split`` splits: counted at C speed, as every citation of a run asks."""
    return len("".join(text.split()))


# The normalised view of a whole source is computed on its UTF-8 bytes, at C speed
# (``bytes.translate`` and regular expressions with a constant replacement).  Every
# rewrite keeps the number of bytes: non-ASCII characters to fold are rewritten as FILLER
# bytes (0xFF never occurs in UTF-8) then their ASCII replacement, non-ASCII whitespace as
# a space then fillers, and ASCII whitespace that goes away becomes GONE (0xFE, never in
# UTF-8 either).  So byte offsets in the rewritten bytes are byte offsets in the UTF-8 of
# the original, fillers and GONE are what the normalised view deletes, and counting the
# bytes that are neither fillers nor UTF-8 continuation bytes counts the characters of the
# original (a GONE byte is a character: the whitespace it stands for).
_FILLER = 0xFF
_GONE = 0xFE
_DELETE = bytes([_GONE, _FILLER])
_REWRITE: dict[bytes, dict[bytes, bytes]] = {}  # lead byte -> {rest of sequence: replacement}
for _c in WHITESPACE + "".join(FOLDS):
    if not _c.isascii():
        _u = _c.encode("utf-8")
        _fill = bytes([_FILLER]) * (len(_u) - 1)
        # A fold's fillers go first, so that the byte before a run of whitespace is the
        # folded character itself (what the separator rule looks at).
        _REWRITE.setdefault(_u[:1], {})[_u[1:]] = _fill + FOLDS[_c].encode("ascii") if _c in FOLDS else b" " + _fill
del _c, _u, _fill

_ASCII_SPACES = bytes(c for c in range(128) if chr(c).isspace())
_SPACES_TO_SPACE = bytes.maketrans(_ASCII_SPACES, b" " * len(_ASCII_SPACES))


def _utf8_view(text: str) -> bytes:
    """UTF-8 of ``text`` with folds and non-ASCII whitespace rewritten in place."""
    data = text.encode("utf-8", "replace")  # a lone surrogate becomes "?"
    if text.isascii():
        return data
    out: bytearray | None = None
    for lead, table in _REWRITE.items():
        find = data.find
        i = find(lead)
        if i < 0:
            continue
        width = len(next(iter(table))) + 1
        while i >= 0:
            rep = table.get(data[i + 1 : i + width])
            if rep is not None:
                if out is None:
                    out = bytearray(data)
                out[i : i + width] = rep
            i = find(lead, i + width if rep is not None else i + 1)
    return data if out is None else bytes(out)


# Classes of the byte just before and just after a run of whitespace (see _joins):
_DIGIT = b"0-9"
_LETTER = rb"A-Za-z\x80-\xfd"  # with every byte of a non-ASCII character
_POINT = b".,"
_OTHER = rb"\x00-\x1f!-+\-/:-@\[-`{-\x7f"  # punctuation and symbols (spaces are all " " by then)
# A run is one space then GONE bytes: the second and later spaces of a run go.
_RUN_TAIL = re.compile(b" (?<=[ \xff].)", re.DOTALL)
_SKIP = rb"[\xfe\xff]*"
# Then a run that does not separate two tokens goes too.  Each pattern starts with the
# space it consumes, so the engine skips to candidates at C speed.
_NOT_A_SEPARATOR = re.compile(
    b" (?:"
    b"(?<=[" + _OTHER + b"].)"
    b"|(?<=[" + _POINT + b"].)(?!" + _SKIP + b"[" + _DIGIT + b"])"
    b"|(?<=[" + _LETTER + b"].)(?=" + _SKIP + b"[" + _POINT + _OTHER + b"])"
    b"|(?<=[" + _DIGIT + b"].)(?=" + _SKIP + b"[" + _OTHER + b"]))",
    re.DOTALL,
)
_NOT_A_CHARACTER = bytes(range(0x80, 0xC0)) + bytes([_FILLER])  # continuation and filler bytes


def _fold_spaces(data: bytes) -> bytes:
    """Each run of whitespace made one space where it separates two tokens, fillers elsewhere."""
    data = data.translate(_SPACES_TO_SPACE)
    data = _RUN_TAIL.sub(b"\xfe", data)
    data = _NOT_A_SEPARATOR.sub(b"\xfe", data)
    head, tail = data[:1] == b" ", len(data.rstrip(b" \xfe\xff"))
    if head or tail < len(data):  # no separator at either end
        out = bytearray(data)
        if head:
            out[0] = _GONE
        if tail < len(data):
            out[tail] = _GONE if out[tail] == 0x20 else out[tail]
        data = bytes(out)
    return data


def _kept(data: bytes) -> int:
    return len(data.translate(None, _DELETE))


def _advance(data: bytes, start: int, n: int) -> int:
    """Least ``e >= start`` such that ``data[start:e]`` keeps ``n`` bytes.

    A fixed point of ``e = start + n + deleted(data[start:e])``, reached by
    counting only the bytes added at each step (one pass over the range).
    """
    prev = e = start + n
    dropped = (n - _kept(data[start:e])) if n else 0
    while True:
        target = start + n + dropped
        if target == e or e >= len(data):
            return min(target, len(data))
        prev, e = e, target
        seg = data[prev:e]
        dropped += len(seg) - _kept(seg)


_SKIP_DELETED = re.compile(b"[" + re.escape(_DELETE) + b"]*")
_BLOCK = 4096  # bytes per block of the offset index


class Normalised:
    """The normalised view of a text, with a map back to original offsets.

    ``text`` is the normalised string; ``origin(i)`` is the offset in the
    original text of the character that normalised index ``i`` comes from,
    ``origin_end(j)`` the original offset just after normalised character
    ``j - 1`` (so ``original[origin(i):origin_end(j)]`` is the passage that
    normalises to ``text[i:j]``).

    Internally the view is kept as UTF-8 bytes with the number of kept bytes
    at every 4 KiB block, so that a normalised offset is mapped back by a
    bisection plus one pass over part of one block.
    """

    __slots__ = ("original", "_ascii", "_bytes", "_norm", "_kept", "_chars", "_text", "_norm_ascii")

    def __init__(self, original: str):
        self.original = original
        self._ascii = original.isascii()
        data = _fold_spaces(_utf8_view(original))
        blocks = [data[i : i + _BLOCK] for i in range(0, len(data), _BLOCK)]
        parts = [block.translate(None, _DELETE) for block in blocks]
        self._bytes = data
        self._norm = b"".join(parts)
        self._kept = list(accumulate(map(len, parts), initial=0))
        # characters of the original before each block, to map byte offsets back quickly
        self._chars = [] if self._ascii else list(accumulate((len(b.translate(None, _NOT_A_CHARACTER)) for b in blocks), initial=0))
        self._text: str | None = None
        self._norm_ascii = self._ascii or self._norm.isascii()

    # -- the normalised string -------------------------------------------
    @property
    def text(self) -> str:
        if self._text is None:
            self._text = self._norm.decode("utf-8")
        return self._text

    @property
    def data(self) -> bytes:
        """The normalised text as UTF-8 bytes (what searches run on)."""
        return self._norm

    def __len__(self) -> int:
        return len(self.text)

    def __repr__(self) -> str:
        return f"Normalised({self.text[:40]!r}{'...' if len(self.text) > 40 else ''})"

    # -- offsets -----------------------------------------------------------
    def _byte_origin(self, k: int) -> int:
        """Byte offset in the (rewritten) UTF-8 original of normalised byte ``k``."""
        b = bisect_right(self._kept, k) - 1
        data = self._bytes
        p = _advance(data, b * _BLOCK, k - self._kept[b])
        return _SKIP_DELETED.match(data, p).end()  # skip deleted bytes before the kept one

    def _char_offset(self, byte_offset: int) -> int:
        if self._ascii:
            return byte_offset
        b = byte_offset // _BLOCK
        return self._chars[b] + len(self._bytes[b * _BLOCK : byte_offset].translate(None, _NOT_A_CHARACTER))

    def _byte_index(self, i: int) -> int:
        """Byte offset in the normalised bytes of normalised character ``i``."""
        if self._norm_ascii:
            return i
        return len(self.text[:i].encode("utf-8"))

    def byte_span(self, k: int, end: int) -> tuple[int, int]:
        """Original character offsets of normalised bytes ``[k, end)`` (end > k)."""
        p = self._byte_origin(k)
        e = _advance(self._bytes, p, end - k)
        if self._ascii:
            return p, e
        return self._char_offset(p), self._char_offset(e)

    def origin(self, i: int) -> int:
        """Original offset of normalised character ``i`` (``len(text)`` maps to the end)."""
        n = len(self.text)
        if i < 0:
            i += n
        if not 0 <= i <= n:
            raise IndexError(i)
        if i == n:
            return len(self.original)
        return self._char_offset(self._byte_origin(self._byte_index(i)))

    def origin_end(self, j: int) -> int:
        """Original offset just after normalised character ``j - 1`` (``0`` maps to 0)."""
        n = len(self.text)
        if j < 0:
            j += n
        if not 0 <= j <= n:
            raise IndexError(j)
        if j == 0:
            return 0
        return self._char_offset(self._byte_origin(self._byte_index(j) - 1) + 1)

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Original offsets of the passage that normalises to ``text[i:j]``."""
        if j <= i:
            o = self.origin(i)
            return o, o
        return self.byte_span(self._byte_index(i), self._byte_index(j))


def normalise(text: str) -> Normalised:
    """Fold ``text`` and its whitespace (see the module's docstring), keeping a map back to it."""
    return Normalised(text)


# ---------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    """One occurrence of a quote: original offsets, end exclusive."""

    start: int
    end: int
    exact: bool  # the quote occurs verbatim here (no normalisation needed)


@dataclass(frozen=True)
class Passage:
    """The passage of a source closest to a quote that was not found."""

    start: int
    end: int
    text: str  # the original text of the passage
    similarity: float  # 0..100


Status = Literal["found", "not_found", "ambiguous", "context_not_found", "cuts_word", "unchecked"]


@dataclass(frozen=True)
class Lookup:
    status: Status
    hits: tuple[Hit, ...] = ()
    # The closest passage, or a function computing it: searching for it costs about a
    # second for a long quote in a 16 MB source, so it is only searched for when asked.
    _closest: Passage | Callable[[], Passage | None] | None = field(default=None, repr=False, compare=False)

    @property
    def closest(self) -> Passage | None:
        """For a quote not found, the most similar passage (searched for on first use)."""
        found = self._closest
        if callable(found):
            found = found()
            object.__setattr__(self, "_closest", found)
        return found

    @property
    def hit(self) -> Hit | None:
        """The hit when the quote was found once, else None."""
        return self.hits[0] if self.status == "found" else None


class Holds(Protocol):
    """A region of a text that says which hits lie in it (see scorecard.regions)."""

    def holds(self, hit: Hit) -> bool: ...


def _inside(hit: Hit, span: tuple[int, int] | Holds) -> bool:
    """Whether a hit lies in a span, or in a region (anything with ``holds(hit)``: the
    parts of a shared source about one country, see scorecard.regions)."""
    if isinstance(span, tuple):
        return span[0] <= hit.start and hit.end <= span[1]
    return bool(span.holds(hit))


def cuts(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` begins or ends inside a word or a number of ``text``
    (``1 victims`` in ``31 victims``, ``265 victims`` or ``,265 victims`` in ``1,265 victims``)."""
    if 0 < start < len(text):
        before, first = text[start - 1], text[start]
        if before.isalnum() and first.isalnum():
            return True
        if first in ".," and before.isdigit() and text[start + 1 : start + 2].isdigit():
            return True
        if first.isdigit() and before in ".," and text[start - 2 : start - 1].isdigit():
            return True
    if 0 < end < len(text):
        last, after = text[end - 1], text[end]
        if last.isalnum() and after.isalnum():
            return True
        if last in ".," and after.isdigit() and text[end - 2 : end - 1].isdigit():
            return True
        if last.isdigit() and after in ".," and text[end + 1 : end + 2].isdigit():
            return True
    return False


def _decide(hits: list[Hit]) -> Lookup:
    return Lookup("found" if len(hits) == 1 else "ambiguous", tuple(hits))


# ---------------------------------------------------------------------------
# Section headings
# ---------------------------------------------------------------------------

_NUMBERED_RE = re.compile(r"\d{1,2}(?:\.\d{1,2})*\.?\s+[A-Z]")
_CAPS_LABEL_RE = re.compile(r"[A-Z][A-Z &,'()/-]*[A-Z]:")
_CLAUSE_END = tuple(".,;:!?-")


def _heading(line: str, blank_before: bool, blank_after: bool) -> bool:
    """Whether a (stripped) line looks like a section heading."""
    if not line or len(line) > 80:
        return False
    letters = [c for c in line if c.isalpha()]
    if len(letters) < 3:
        return False
    if all(c.isupper() for c in letters) and len(letters) >= 4:
        return True  # PROSECUTION, RECOMMENDATIONS FOR PERU:
    if _CAPS_LABEL_RE.match(line):
        return True  # PERU: Tier 2
    if line.endswith(_CLAUSE_END) or len(line) > 60:
        return False
    if _NUMBERED_RE.match(line):
        return True  # 2.1 Situation in numbers at a national level
    return (
        line[0].isupper()
        and not any(c.isdigit() for c in line)  # not a flattened table row
        and blank_before
        and (blank_after or len(line) <= 40)
        and len(line.split()) <= 8
    )  # Conclusions, Victims protection


# ---------------------------------------------------------------------------
# The source text
# ---------------------------------------------------------------------------


class SourceText:
    """A source document: quote lookup, positions and context.

    Everything derived from the text (normalised view, line index, headings)
    is computed on first use and cached on the instance.
    """

    def __init__(self, text: str):
        self.text = text
        self._normalised: Normalised | None = None
        self._line_starts: list[int] | None = None
        self._lines: list[str] | None = None
        self._headings: tuple[list[int], list[str]] | None = None

    def __repr__(self) -> str:
        return f"SourceText({len(self.text)} chars)"

    @property
    def normalised(self) -> Normalised:
        if self._normalised is None:
            self._normalised = Normalised(self.text)
        return self._normalised

    # -- lines ------------------------------------------------------------
    def _index_lines(self) -> None:
        self._lines = self.text.split("\n")
        self._line_starts = list(accumulate(map((1).__add__, map(len, self._lines)), initial=0))

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in characters) of an original offset."""
        if self._line_starts is None:
            self._index_lines()
        assert self._line_starts is not None
        offset = max(0, min(offset, len(self.text)))
        i = bisect_right(self._line_starts, offset) - 1
        return i + 1, offset - self._line_starts[i] + 1

    def line(self, lineno: int) -> str:
        """Text of a 1-based line, without its line break (empty if out of range)."""
        if self._lines is None:
            self._index_lines()
        assert self._lines is not None
        if not 1 <= lineno <= len(self._lines):
            return ""
        return self._lines[lineno - 1].removesuffix("\r")

    @property
    def line_count(self) -> int:
        if self._lines is None:
            self._index_lines()
        assert self._lines is not None
        return len(self._lines)

    # -- headings ---------------------------------------------------------
    def _index_headings(self) -> tuple[list[int], list[str]]:
        if self._lines is None:
            self._index_lines()
        assert self._lines is not None and self._line_starts is not None
        lines = [ln.strip() for ln in self._lines]
        starts: list[int] = []
        names: list[str] = []
        last = len(lines) - 1
        for i, ln in enumerate(lines):
            if ln and _heading(ln, i == 0 or not lines[i - 1], i == last or not lines[i + 1]):
                starts.append(self._line_starts[i])
                names.append(ln)
        return starts, names

    def heading_before(self, offset: int) -> str | None:
        """The nearest section heading at or before the line of ``offset``."""
        if self._headings is None:
            self._headings = self._index_headings()
        starts, names = self._headings
        i = bisect_right(starts, offset) - 1
        return names[i] if i >= 0 else None

    # -- quotes -----------------------------------------------------------
    def _exact_hits(self, quote: str, budget: Budget | None = None) -> list[Hit]:
        hits = []
        find = self.text.find
        i = find(quote)
        n = len(quote)
        while i >= 0 and len(hits) < MAX_HITS:
            hits.append(Hit(i, i + n, True))
            if budget is not None:
                budget.spend(EXACT_HIT_WORK)
            i = find(quote, i + 1)
        return hits

    def _normalised_hits(self, quote: str, first_only: bool = False, budget: Budget | None = None) -> list[Hit]:
        needle = normalise_quote(quote).encode("utf-8", "replace")
        if not needle:
            return []
        norm = self.normalised
        data = norm.data
        stripped = quote.strip()
        hits = []
        k = data.find(needle)
        while k >= 0 and len(hits) < MAX_HITS:
            start, end = norm.byte_span(k, k + len(needle))
            hits.append(Hit(start, end, self.text[start:end] == stripped))
            if first_only:
                break
            if budget is not None:
                budget.spend(NORMALISED_HIT_WORK)
            k = data.find(needle, k + 1)
        return hits

    def _whole_words(self, hits: list[Hit]) -> list[Hit]:
        """The hits that do not cut a word or number (all of them when there are so many
        that the quote is ambiguous anyway: MAX_HITS)."""
        if len(hits) >= MAX_HITS:
            return hits
        return [h for h in hits if not cuts(self.text, h.start, h.end)]

    def _window_before(self, offset: int, need: int) -> str:
        width = need + 16
        while True:
            lo = max(0, offset - width)
            w = normalise_quote(self.text[lo:offset])
            if len(w) >= need or lo == 0:
                return w
            width *= 2

    def _window_after(self, offset: int, need: int) -> str:
        width = need + 16
        n = len(self.text)
        while True:
            hi = min(n, offset + width)
            w = normalise_quote(self.text[offset:hi])
            if len(w) >= need or hi == n:
                return w
            width *= 2

    def _in_context(self, hit: Hit, prefix: str, suffix: str, budget: Budget | None = None) -> bool:
        if budget is not None:
            budget.spend(len(prefix) + len(suffix) + CONTEXT_WORK)
        if prefix and not self._window_before(hit.start, len(prefix)).endswith(prefix):
            return False
        if suffix and not self._window_after(hit.end, len(suffix)).startswith(suffix):
            return False
        return True

    def find(
        self,
        quote: str,
        prefix: str | None = None,
        suffix: str | None = None,
        within: tuple[int, int] | Holds | None = None,
        budget: Budget | None = None,
    ) -> Lookup:
        """Look a quote up.

        Verbatim first (``str.find``); when the quote does not occur verbatim
        (or no verbatim occurrence fits ``prefix``/``suffix``), on the
        normalised view.  Occurrences that begin or end inside a word or number
        of the source (see :func:`cuts`) do not count.  ``prefix``/``suffix`` are
        the text immediately before and after the quote, compared normalised (so
        whitespace in between is free); hits not preceded/followed by them are
        dropped.

        - no hit: ``not_found``, with the closest passage (searched for when asked);
        - hits, but each cuts a word or number: ``cuts_word`` (``hits`` are those);
        - hits, but none in context: ``context_not_found`` (``hits`` are all
          hits before filtering);
        - one hit left: ``found``; more: ``ambiguous``;
        - ``budget`` (shared by a run's lookups) spent before the answer was
          known: ``unchecked``.

        Verbatim occurrences win: a quote found verbatim is not looked for
        with other whitespace, so a quote found verbatim once is ``found`` even
        if it also occurs elsewhere, say across a line break -- unless
        ``within`` is given and no verbatim occurrence lies inside it.

        ``within`` (the span, in original offsets, that the caller will check
        hits against) is not a filter.  It only widens the search: when every
        verbatim occurrence lies outside it, normalised occurrences are looked
        for as well, so that a quote that also occurs, differently spaced,
        inside the span is reported ``ambiguous`` rather than misplaced.
        """
        if budget is not None:
            budget.start_lookup()
        try:
            return self._find(quote, prefix, suffix, within, budget)
        except _Spent:
            return Lookup("unchecked")

    def _find(
        self,
        quote: str,
        prefix: str | None,
        suffix: str | None,
        within: tuple[int, int] | None,
        budget: Budget | None,
    ) -> Lookup:
        pre = normalise_quote(prefix) if prefix else ""
        suf = normalise_quote(suffix) if suffix else ""
        stripped = quote.strip()
        found = self._exact_hits(stripped, budget) if stripped else []
        exact = self._whole_words(found)
        cut = found if found and not exact else []
        if exact:
            if pre or suf:
                exact = [h for h in exact if self._in_context(h, pre, suf, budget)]
            if exact and (within is None or any(_inside(h, within) for h in exact)):
                return _decide(exact)
        found = self._normalised_hits(quote, budget=budget)
        hits = self._whole_words(found)
        if not hits:
            if found or cut:
                return Lookup("cuts_word", tuple(found or cut))
            return Lookup("not_found", (), partial(self.closest, quote))
        if pre or suf:
            kept = [h for h in hits if self._in_context(h, pre, suf, budget)]
            if not kept:
                return Lookup("context_not_found", tuple(hits))
            hits = kept
        return _decide(hits)

    def find_phrase(self, phrase: str) -> Hit | None:
        """The first occurrence of a phrase (verbatim, else normalised), or None."""
        stripped = phrase.strip()
        if not stripped:
            return None
        i = self.text.find(stripped)
        if i >= 0:
            return Hit(i, i + len(stripped), True)
        hits = self._normalised_hits(phrase, first_only=True)
        return hits[0] if hits else None

    # -- hints --------------------------------------------------------------
    def closest(self, quote: str) -> Passage | None:
        """The passage most similar to a quote (rapidfuzz partial ratio on the
        normalised view), widened so as not to cut a word, or None for an empty text."""
        from rapidfuzz import fuzz

        needle = normalise_quote(quote)
        norm = self.normalised
        hay = norm.text
        if not needle or not hay:
            return None
        if len(needle) >= len(hay):
            i, j = 0, len(hay)
            score = fuzz.ratio(needle, hay)
        else:
            al = fuzz.partial_ratio_alignment(needle, hay)
            if al is None or al.dest_end <= al.dest_start:
                return None
            i, j, score = al.dest_start, al.dest_end, al.score
        start, end = norm.span(i, j)
        text = self.text
        # do not cut a word in two
        while 0 < start < len(text) and text[start - 1].isalnum() and text[start].isalnum():
            start -= 1
        while 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
            end += 1
        return Passage(start, end, text[start:end], round(float(score), 1))
