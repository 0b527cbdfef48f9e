"""A loaded project: its files as models, indexed by id.

Loading and cross-file checks live in :mod:`scorecard.loader` and
:mod:`scorecard.checks`; this module is only the in-memory shape that the
evaluator and the commands read.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from pathlib import PurePosixPath, PureWindowsPath
from typing import Callable, TypeVar

from .anchor import Budget, Hit, Lookup, SourceText, cuts
from .models import (
    Citation,
    CitationRef,
    Country,
    EvidenceFile,
    Indicator,
    ProjectConfig,
    Review,
    RuleSet,
    Source,
)
from .regions import Region, region_of
from .seeds import Seed, SeedShelf
from .yamlio import read_bounded


MAX_SOURCE_BYTES = 16 * 1024 * 1024
"""A source text larger than this is refused (F005) and never read."""


def inside(path: Path, folder: Path) -> bool:
    """Whether the resolved ``path`` is ``folder`` or lies under it (both resolved)."""
    return path == folder or folder in path.parents


def source_path_problem(root: Path, file: str) -> str | None:
    """Why ``seeds/<file>`` of the project at ``root`` must not be read, or None.

    A catalogue comes from whoever edits it (a stranger's pull request too), so
    its ``file`` is confined to seeds/: no absolute path, no ``..`` (POSIX or
    Windows spelling), no link resolving outside seeds/, no seeds/ folder that
    is itself a link out of the project.  Checked before anything is opened.
    """
    if "\0" in file:
        return "holds a NUL character"
    if os.path.isabs(file) or file.startswith(("/", "\\")) or (len(file) > 1 and file[1] == ":"):
        return "is an absolute path"
    if ".." in PurePosixPath(file).parts or ".." in PureWindowsPath(file).parts:
        return "climbs out of seeds/ with .."
    try:  # resolve() follows every link; ValueError: a name the OS cannot take
        project, seeds = _confines(root)
        resolved = _resolve_under(seeds, file)
    except (OSError, RuntimeError, ValueError):
        return "cannot be resolved"
    if not inside(seeds, project):
        return "is in a seeds/ folder that links outside the project"
    if not inside(resolved, seeds):
        return "is a link leading outside seeds/"
    return None


def _resolve_under(seeds: Path, file: str) -> Path:
    """``seeds/<file>`` with every link resolved, ``seeds`` being resolved already: only
    the components of ``file`` are looked at (an lstat each), and the whole path is
    resolved only when one of them is a link.  ``Path.resolve`` would lstat every
    component from the file system's root, for each of thousands of sources."""
    path = seeds
    for part in PurePosixPath(file).parts:
        path = path / part
        if os.path.islink(path):
            return (seeds / file).resolve()
    return path


@lru_cache(maxsize=16)
def _confines(root: Path) -> tuple[Path, Path]:
    """The project folder and its seeds/ folder with every link resolved.

    Resolved once per run rather than for each of thousands of sources (an lstat
    per path component each time); each source's own path is still resolved.
    """
    return root.resolve(), (root / "seeds").resolve()


def read_source(root: Path, file: str) -> bytes | None:
    """The bytes of ``seeds/<file>``, or None when it is unsafe, missing or too large.

    The one way source texts are read: confined (see :func:`source_path_problem`)
    and bounded, so neither a hostile catalogue nor a huge file is ever read.
    """
    if source_path_problem(root, file) is not None:
        return None
    path = root / "seeds" / file
    try:
        if not path.is_file():
            return None
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            return None
        raw = read_bounded(path, size, MAX_SOURCE_BYTES)
    except OSError:
        return None
    return raw if len(raw) <= MAX_SOURCE_BYTES else None

T = TypeVar("T")
Place = tuple[int, int, "str | None"]
"""Line, column and section heading of a quote in its source."""
CitationKey = tuple[str, str, "str | None", "str | None", "str | None"]
"""What identifies a citation's passage: source, quote, prefix, suffix, and the country
of the fact citing it (a shared source has a part for each country)."""


class EvidenceDoc:
    """One evidence file: its project-relative path and its content.

    A file taken from the cache (see :mod:`scorecard.cache`) may give its content as
    ``load``, called on first use: ``validate`` never needs the models of unchanged files."""

    __slots__ = ("path", "_data", "_load")

    def __init__(self, path: str, data: EvidenceFile | None = None, *, load: Callable[[], EvidenceFile] | None = None) -> None:
        if (data is None) == (load is None):
            raise TypeError("give the content or a way to load it")
        self.path = path
        self._data = data
        self._load = load

    @property
    def data(self) -> EvidenceFile:
        if self._data is None:
            assert self._load is not None
            self._data, self._load = self._load(), None
        return self._data

    def __eq__(self, other: object) -> bool:
        return isinstance(other, EvidenceDoc) and (self.path, self.data) == (other.path, other.data)

    def __hash__(self) -> int:
        return hash(self.path)

    def __repr__(self) -> str:
        return f"EvidenceDoc(path={self.path!r})"


@dataclass(frozen=True)
class Located:
    """Where a citation's quote is, counting only the part of the source about its country.

    ``status`` is the anchor's (found, ambiguous, not_found, context_not_found) or
    ``outside_span`` when every occurrence lies outside the source's span.
    """

    status: str
    hits: tuple[Hit, ...]
    lookup: Lookup


@dataclass
class Project:
    root: Path
    config: ProjectConfig
    sources: dict[str, Source] = field(default_factory=dict)
    indicators: dict[str, Indicator] = field(default_factory=dict)
    reporters: dict[str, str] = field(default_factory=dict)
    """Reporter id -> label, from ``reporters:`` in rules/indicators.yaml."""
    country_catalogue: dict[str, Country] = field(default_factory=dict)
    """Code -> country, from rules/countries.yaml (empty when the project has none)."""
    rulesets: dict[str, RuleSet] = field(default_factory=dict)
    ruleset_paths: dict[str, str] = field(default_factory=dict)
    """Rule set id -> project-relative path of its file."""
    ruleset_hashes: dict[str, str] = field(default_factory=dict)
    """Rule set id -> SHA-256 of its file's bytes (for provenance)."""
    evidence: list[EvidenceDoc] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)
    """Analysts' reviewed verdicts, from reviews.yaml (in file order; positions via the loader)."""
    """Every evidence file that loaded, sorted by path."""
    notes: list[str] = field(default_factory=list)
    """What loading had to tell the user that is not a problem of the files (about the cache)."""
    places_wanted: bool = True
    """False while a run only validates, with no cache to fill: no one reads where each quote
    is (line, column, section), so lookups do not work it out (a tenth of validate)."""
    _seeds: SeedShelf | None = field(default=None, repr=False)
    _regions: dict[tuple[str, str | None], Region | None] = field(default_factory=dict, repr=False)
    _derived: dict[object, object] = field(default_factory=dict, repr=False)
    lookup_budget: Budget = field(default_factory=Budget, repr=False)
    """The work left for this run's quote lookups (see anchor.RUN_WORK)."""

    def derived(self, key: object, compute: Callable[[], T]) -> T:
        """Data derived from the loaded files, computed on first use and kept.

        A project is not changed once loaded, so an index built for one scorecard
        serves every other: evaluating 3,800 scorecards must not rescan 3,800 files
        each time.
        """
        if key not in self._derived:
            self._derived[key] = compute()
        return self._derived[key]  # type: ignore[return-value]

    def evidence_of(self, country: str) -> list[EvidenceDoc]:
        """The country's evidence files, sorted by path."""
        def group() -> dict[str, list[EvidenceDoc]]:
            by_country: dict[str, list[EvidenceDoc]] = {}
            for doc in self.evidence:
                by_country.setdefault(doc.data.country, []).append(doc)
            return by_country

        return self.derived("evidence by country", group).get(country, [])

    def source_path(self, source_id: str) -> Path:
        return self.root / "seeds" / self.sources[source_id].file

    @property
    def seeds(self) -> SeedShelf:
        """The seed files, each read, hashed and decoded once per run (see :mod:`scorecard.seeds`)."""
        if self._seeds is None:
            self._seeds = SeedShelf(self.root, lambda root, file: read_source(root, file))
        return self._seeds

    def seed(self, source_id: str) -> Seed | None:
        """The source's file as read in this run; None when it is unsafe, missing or too large."""
        source = self.sources.get(source_id)
        return self.seeds.get(source.file) if source is not None else None

    def source_text(self, source_id: str) -> SourceText | None:
        """The source's text; None when it is unsafe, unreadable or not UTF-8.

        Only the most recently used texts stay in memory (see :mod:`scorecard.seeds`):
        evidence cites the report of its own year, so a source evicted while checking one
        year's files is rarely wanted again, and is then read again from disk.
        """
        seed = self.seed(source_id)
        return seed.text if seed is not None else None

    def keep_text(self, source_id: str, text: SourceText | None) -> None:
        """Remember a source text already read, so it is not read twice."""
        source = self.sources.get(source_id)
        if source is not None and text is not None:
            self.seeds.keep(source.file, text)

    def region(self, source_id: str, country: str | None = None) -> Region | None:
        """Where facts of ``country`` may quote the source (see :mod:`scorecard.regions`);
        None: anywhere in it."""
        key = (source_id, country)
        if key not in self._regions:
            source, text = self.sources.get(source_id), self.source_text(source_id)
            self._regions[key] = region_of(source, text, country) if source is not None and text is not None else None
        return self._regions[key]

    def locate(self, citation: Citation, country: str | None = None, *, record: bool = False) -> Located | None:
        """Find a citation's quote; occurrences outside the part of the source about
        ``country`` (the citing fact's) do not count.  None when the source is unknown or unreadable.
        Where it is is kept (see quote_places) when ``places_wanted`` or ``record``."""
        text = self.source_text(citation.source) if citation.source in self.sources else None
        if text is None:
            return None
        region = self.region(citation.source, country)
        lookup = _unique_verbatim(text.text, citation, region) or text.find(citation.quote, citation.prefix, citation.suffix, within=region, budget=self.lookup_budget)
        if region is None or lookup.status not in ("found", "ambiguous"):
            located = Located(lookup.status, lookup.hits, lookup)
        else:
            inside = tuple(h for h in lookup.hits if region.holds(h))
            if not inside:
                located = Located("outside_span", lookup.hits, lookup)
            else:
                located = Located("found" if len(inside) == 1 else "ambiguous", inside, lookup)
        # Keep where the quote is (line, column, section; not the lookup), found while
        # the text is in memory: resolving it for a scorecard then needs no text, even
        # one evicted since (see scorecard.seeds).
        if not (self.places_wanted or record):
            return located
        places = self.quote_places()
        if located.hits:
            start = located.hits[0].start
            places[citation_key(citation, country)] = (*text.line_col(start), text.heading_before(start))
        else:
            places[citation_key(citation, country)] = None
        return located

    def quote_places(self) -> dict[CitationKey, Place | None]:
        """Where each quote looked up so far is (None: nowhere), by :func:`citation_key`.
        Filled by :meth:`locate`, and by the cache of unchanged evidence files."""
        return self.derived("quote places", dict)

    def resolve(self, citation: Citation, country: str | None = None) -> CitationRef:
        """Where a citation's quote is (in the part about ``country``): line and column of
        its match (0 when not found).  Each distinct citation is looked up once per project."""
        refs: dict[CitationKey, CitationRef] = self.derived("citation refs", dict)
        key = citation_key(citation, country)
        if key not in refs:
            refs[key] = self._resolve(citation, country)
        return refs[key]

    def _resolve(self, citation: Citation, country: str | None) -> CitationRef:
        source = self.sources.get(citation.source)
        places = self.quote_places()
        key = citation_key(citation, country)
        if key not in places and source is not None:
            self.locate(citation, country, record=True)
        line, col, heading = places.get(key) or (0, 0, None)
        return CitationRef(
            source=citation.source,
            quote=citation.quote,
            line=line,
            col=col,
            title=source.title if source else None,
            heading=heading,
        )

    def countries(self) -> list[str]:
        """ISO3 codes of the countries with evidence, sorted."""
        return self.derived("countries", lambda: sorted({doc.data.country for doc in self.evidence}))

    def years(self, country: str) -> list[int]:
        """Years with an evidence file for the country, ascending."""
        return self.derived(("years", country), lambda: sorted({doc.data.year for doc in self.evidence_of(country)}))


def citation_key(citation: Citation, country: str | None = None) -> CitationKey:
    return (citation.source, citation.quote, citation.prefix, citation.suffix, country)


def _unique_verbatim(text: str, citation: Citation, region: Region | None) -> Lookup | None:
    """The common case, answered with two ``str.find``: a quote without context that
    occurs verbatim exactly once, inside the span.  Anything else (None) goes through
    the anchor's full lookup, which gives the same answer here, only slower."""
    if citation.prefix is not None or citation.suffix is not None:
        return None
    quote = citation.quote.strip()
    start = text.find(quote) if quote else -1
    if start < 0 or text.find(quote, start + 1) >= 0:
        return None
    hit = Hit(start, start + len(quote), True)
    if cuts(text, hit.start, hit.end):
        return None
    if region is not None and not region.holds(hit):
        return None
    return Lookup("found", (hit,))
