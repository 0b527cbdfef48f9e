"""Find the quotes of citations in source texts.

A quote *matches* a passage of a source when both are equal after
normalisation.  Normalisation is deliberately simple:

1. fold typographic variants to ASCII, one character for one character:
   curly quotes and apostrophes and primes to ``'`` and ``"``, dashes and
   the minus sign to ``-``;
2. remove **all** whitespace (every character for which ``str.isspace`` is
   true: spaces, line breaks, tabs, the non-breaking space, ...).

Removing whitespace, rather than collapsing it, gives every quirk of text
extracted from PDFs at once: hard line breaks, a word split after a hyphen
(``anti- trafficking`` == ``anti-trafficking``), a missing space after a full
stop (``2014.Trafficking`` == ``2014. Trafficking``) and doubled or
non-breaking spaces.  It is sound for citation checking because it keeps
every *visible* character, in order, and case: the only thing it ignores is
where the word breaks fall, and extracted text gets exactly that wrong.  A
quote can therefore only match a passage made of the same letters, digits and
punctuation; the callers only search for quotes of at least
:data:`MIN_QUOTE_CHARS` visible characters, and report whether the match was
verbatim (:attr:`Hit.exact`).  OCR errors are never repaired: ``Perd`` must be
quoted as ``Perd``.

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
from typing import Literal

__all__ = [
    "MIN_QUOTE_CHARS",
    "MAX_QUOTE_CHARS",
    "MAX_HITS",
    "Hit",
    "Passage",
    "Lookup",
    "Normalised",
    "SourceText",
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


def normalise_quote(text: str) -> str:
    """The normalised form of a (short) text: folded, with no whitespace."""
    if not text.isascii():
        text = _FOLD_RE.sub(_sub_fold, text)
    return "".join(text.split())


def visible_length(text: str) -> int:
    """Number of non-whitespace characters (what MIN/MAX_QUOTE_CHARS count)."""
    return len(normalise_quote(text))


# The normalised view of a whole source is computed on its UTF-8 bytes, where
# deleting whitespace is one C-speed ``bytes.translate``.  Non-ASCII
# characters to fold or delete are rewritten *in place, with the same number
# of bytes*: the ASCII replacement followed by FILLER bytes (0xFF never occurs
# in UTF-8).  So byte offsets in the rewritten bytes are byte offsets in the
# UTF-8 of the original, and decoding a prefix with errors="ignore" (which
# drops the fillers) counts the characters of the original.
_FILLER = 0xFF
_DELETE = bytes(c for c in range(128) if chr(c).isspace()) + bytes([_FILLER])
_REWRITE: dict[bytes, dict[bytes, bytes]] = {}  # lead byte -> {rest of sequence: replacement}
for _c in WHITESPACE + "".join(FOLDS):
    if not _c.isascii():
        _u = _c.encode("utf-8")
        _r = (FOLDS.get(_c, " ")).encode("ascii")
        _REWRITE.setdefault(_u[:1], {})[_u[1:]] = _r + bytes([_FILLER]) * (len(_u) - 1)
del _c, _u, _r


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

    __slots__ = ("original", "_ascii", "_bytes", "_norm", "_kept", "_text", "_norm_ascii")

    def __init__(self, original: str):
        self.original = original
        self._ascii = original.isascii()
        data = _utf8_view(original)
        parts = [data[i : i + _BLOCK].translate(None, _DELETE) for i in range(0, len(data), _BLOCK)]
        self._bytes = data
        self._norm = b"".join(parts)
        self._kept = list(accumulate(map(len, parts), initial=0))
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
        return len(self._bytes[:byte_offset].decode("utf-8", "ignore"))

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
        start = self._char_offset(p)
        return start, start + len(self._bytes[p:e].decode("utf-8", "ignore"))

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
    """Fold and strip all whitespace from ``text``, keeping a map back to it."""
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


Status = Literal["found", "not_found", "ambiguous", "context_not_found"]


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


def _inside(hit: Hit, span: tuple[int, int]) -> bool:
    return span[0] <= hit.start and hit.end <= span[1]


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
    def _exact_hits(self, quote: str) -> list[Hit]:
        hits = []
        find = self.text.find
        i = find(quote)
        n = len(quote)
        while i >= 0 and len(hits) < MAX_HITS:
            hits.append(Hit(i, i + n, True))
            i = find(quote, i + 1)
        return hits

    def _normalised_hits(self, quote: str, first_only: bool = False) -> list[Hit]:
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
            k = data.find(needle, k + 1)
        return hits

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

    def _in_context(self, hit: Hit, prefix: str, suffix: str) -> bool:
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
        within: tuple[int, int] | None = None,
    ) -> Lookup:
        """Look a quote up.

        Verbatim first (``str.find``); when the quote does not occur verbatim
        (or no verbatim occurrence fits ``prefix``/``suffix``), on the
        normalised view.  ``prefix``/``suffix`` are the text immediately before
        and after the quote, compared normalised (so whitespace in between is
        free); hits not preceded/followed by them are dropped.

        - no hit: ``not_found``, with the closest passage (searched for when asked);
        - hits, but none in context: ``context_not_found`` (``hits`` are all
          hits before filtering);
        - one hit left: ``found``; more: ``ambiguous``.

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
        pre = normalise_quote(prefix) if prefix else ""
        suf = normalise_quote(suffix) if suffix else ""
        stripped = quote.strip()
        exact = self._exact_hits(stripped) if stripped else []
        if exact:
            if pre or suf:
                exact = [h for h in exact if self._in_context(h, pre, suf)]
            if exact and (within is None or any(_inside(h, within) for h in exact)):
                return _decide(exact)
        hits = self._normalised_hits(quote)
        if not hits:
            return Lookup("not_found", (), partial(self.closest, quote))
        if pre or suf:
            kept = [h for h in hits if self._in_context(h, pre, suf)]
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
