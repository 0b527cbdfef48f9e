"""``scorecard fix``: make citations cite the source's own words, editing files in place.

Two repairs, both of citations whose quote is already found in its source:

- a quote that matches only after normalisation (straight for curly quotes,
  ``-`` for a dash, ``anti-trafficking`` for ``anti- trafficking``) is
  rewritten to the source's verbatim words, with whitespace runs written as
  single spaces (matching ignores whitespace, so line breaks are never "fixed");
- a quote that occurs more than once (and has no ``prefix``/``suffix``) gets
  the shortest ``suffix`` or ``prefix`` of whole words that makes it unique.
  It is pinned to the *first* occurrence, the one citations already resolve to,
  and the report says so, so the curator can check it is the intended one.

Nothing else is touched: each repaired citation is checked to find its
passage, and :mod:`scorecard.yamledit` edits the file's text where the parser
says the values are (comments, key order, quoting style and line endings
survive) and gives up unless the result reads back as the same data with only
the repaired values.  A file with nothing to repair is never written; writing
is atomic (:func:`scorecard.safe_write.write_atomic`).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import anchor
from .loader import LoadedProject, load_project
from .models import Citation
from .project import Project, inside
from .safe_write import RefusedWrite, write_atomic
from .yamledit import Change, edit

MAX_CONTEXT_WORDS = 12
"""A prefix or suffix longer than this is not proposed: the quote should be chosen better."""

Loc = tuple[str | int, ...]
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Note:
    """What fix did, or could not do, to one citation."""

    path: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:  # source words in a message: no control character reaches the terminal
        text = f"{self.path}:{self.line}:{self.col}: {self.message}"
        return "".join(ch if ch.isprintable() else "\ufffd" for ch in text)


@dataclass
class FileFix:
    """One file's text before and after its repairs."""

    path: str
    before: str
    after: str
    notes: list[Note] = field(default_factory=list)

    def diff(self) -> str:
        return "".join(
            difflib.unified_diff(
                self.before.splitlines(keepends=True),
                self.after.splitlines(keepends=True),
                f"a/{self.path}",
                f"b/{self.path}",
            )
        )


@dataclass
class FixReport:
    root: Path
    files: list[FileFix]
    """Files that change, sorted by path."""
    skipped: list[Note]
    """Citations that need a repair this command cannot make."""

    @property
    def notes(self) -> list[Note]:
        return sorted([n for f in self.files for n in f.notes] + self.skipped, key=lambda n: (n.path, n.line, n.col))

    def diff(self) -> str:
        return "".join(f.diff() for f in self.files)


@dataclass(frozen=True)
class _Repair:
    loc: Loc  # of the citation
    values: dict[str, str]  # key (quote, prefix, suffix) -> new value
    note: str


# -- planning ---------------------------------------------------------------------


def plan(root: Path, paths: Sequence[str] | None = None) -> FixReport:
    """The repairs of every citation (of the files ``paths``, project-relative, if given)."""
    loaded = load_project(root)
    project = loaded.project
    intact = _Intact(project)
    wanted = None if paths is None else set(paths)
    files: list[FileFix] = []
    skipped: list[Note] = []
    # A quote is looked for in the part of a shared source about its file's country.
    countries = {doc.path: doc.data.country for doc in project.evidence}
    countries.update({project.ruleset_paths[i]: r.country for i, r in project.rulesets.items()})
    for path, citations in _citations(loaded):
        if wanted is not None and path not in wanted:
            continue
        document = loaded.documents[path]
        repairs: list[_Repair] = []
        for loc, citation in citations:
            if not intact(citation.source):
                continue
            repair, problem = _repair(project, citation, loc, countries.get(path))
            mark = document.mark((*loc, "quote"))
            if problem:
                skipped.append(Note(path, mark.line, mark.col, problem))
            elif repair is not None:
                repairs.append(repair)
        if not repairs:
            continue
        fixed, problem = _edit_file(root, path, document.data, repairs)
        if fixed is None:
            for repair in repairs:
                mark = document.mark((*repair.loc, "quote"))
                skipped.append(Note(path, mark.line, mark.col, f"not repaired: {problem}"))
            continue
        fixed.notes = [Note(path, *_line_col(document, r.loc), r.note) for r in repairs]
        files.append(fixed)
    return FixReport(root=root, files=sorted(files, key=lambda f: f.path), skipped=skipped)


def project_paths(root: Path, given: Sequence[Path]) -> list[str]:
    """Files named on the command line, as project-relative paths; each must be in the project."""
    from .errors import ScorecardError

    project = root.resolve()
    found = []
    for path in given:
        full = path.resolve()
        if not inside(full, project) or not full.is_file():
            raise ScorecardError(f'"{path}" is not a file of the project at {root}')
        found.append(full.relative_to(project).as_posix())
    return found


def apply(report: FixReport) -> tuple[list[str], list[tuple[str, str]]]:
    """Write every changed file atomically: the paths written, and (path, why) of those
    refused because they changed since they were read, are read-only or not regular files.

    Each file's bytes are compared with those the plan was made from just before it is
    replaced: a file saved by someone else meanwhile is left as they saved it."""
    project = report.root.resolve()
    written: list[str] = []
    refused: list[tuple[str, str]] = []
    for fixed in report.files:
        target = (report.root / fixed.path).resolve()  # a link inside the project: write its target
        if not inside(target, project):  # the loader never reads such a file; never write one
            continue
        try:
            write_atomic(target, fixed.after.encode("utf-8"), expect=fixed.before.encode("utf-8"))
        except RefusedWrite as refusal:
            refused.append((fixed.path, str(refusal).replace(str(target), fixed.path, 1)))
            continue
        written.append(fixed.path)
    return written, refused


def _line_col(document: Any, loc: Loc) -> tuple[int, int]:
    mark = document.mark((*loc, "quote"))
    return mark.line, mark.col


def _citations(loaded: LoadedProject) -> list[tuple[str, list[tuple[Loc, Citation]]]]:
    """Each file's citations with their locs, files sorted by path."""
    project = loaded.project
    found: dict[str, list[tuple[Loc, Citation]]] = {}
    for doc in project.evidence:
        for index, fact in loaded.items(doc.path, doc.data.facts):
            for c_index, citation in enumerate(fact.citations):
                found.setdefault(doc.path, []).append((("facts", index, "citations", c_index), citation))
    for ruleset_id, path in project.ruleset_paths.items():
        ruleset = project.rulesets[ruleset_id]
        for r_index, recommendation in loaded.items(path, ruleset.recommendations):
            if recommendation.citation is not None:
                found.setdefault(path, []).append((("recommendations", r_index, "citation"), recommendation.citation))
    return sorted(found.items())


class _Intact:
    """Whether a source is safe to read and byte for byte as catalogued (only those are quoted)."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.known: dict[str, bool] = {}

    def __call__(self, source_id: str) -> bool:
        if source_id not in self.known:
            source = self.project.sources.get(source_id)
            seed = self.project.seed(source_id)
            self.known[source_id] = seed is not None and seed.text is not None and seed.digest == source.sha256
        return self.known[source_id]


def _collapse(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip()


def _repair(project: Project, citation: Citation, loc: Loc, country: str | None) -> tuple[_Repair | None, str | None]:
    """The repair of one citation, or the reason it needs one that cannot be made."""
    quote = citation.quote
    if anchor.visible_length(quote) < anchor.MIN_QUOTE_CHARS or len(quote) > anchor.MAX_QUOTE_CHARS:
        return None, None  # validate reports it; no repair is possible
    located = project.locate(citation, country)
    text = project.source_text(citation.source)
    if located is None or text is None:
        return None, None
    if not located.hits:  # not found, or its prefix/suffix does not surround it: a person's repair
        what = "the quote is not in the source" if located.status == "not_found" else f"the quote is not where its {'prefix' if citation.prefix else 'suffix'} says"
        return None, f"{what}; only a person can repair it (see `scorecard validate` for the closest passage)"
    values: dict[str, str] = {}
    notes: list[str] = []
    if located.status == "ambiguous" and citation.prefix is None and citation.suffix is None:
        hit = located.hits[0]
        context = _context(project, citation, hit, country)
        line = text.line_col(hit.start)[0]
        if context is None:
            return None, f'quote occurs {len(located.hits)} times in "{citation.source}"; no prefix or suffix of up to {MAX_CONTEXT_WORDS} words singles one out: quote more words'
        key, words = context
        values[key] = words
        notes.append(f'{key} "{words}" pins the quote to the first of its {len(located.hits)} places (seeds/{project.sources[citation.source].file}:{line}); check it is the one meant')
    elif located.status != "found":
        return None, None
    else:
        hit = located.hits[0]
    passage = text.text[hit.start : hit.end]
    if _collapse(passage) != _collapse(quote):
        values["quote"] = _collapse(passage)
        notes.append(f'quote rewritten to the source\'s words: "{_shorten(_collapse(passage))}"')
    if not values:
        return None, None
    repaired = Citation(**{**citation.model_dump(), **values})
    check = project.locate(repaired, country)
    if check is None or check.status != "found" or check.hits[0].start != hit.start:
        return None, "a repair was found but does not single out the passage; left as it is"
    return _Repair(loc, values, "; ".join(notes)), None


def _context(project: Project, citation: Citation, hit: anchor.Hit, country: str | None) -> tuple[str, str] | None:
    """The shortest ``suffix`` or ``prefix`` (whole words) that makes ``hit`` the only match."""
    text = project.source_text(citation.source)
    assert text is not None
    after = text.text[hit.end : hit.end + 4000].split()
    before = text.text[max(0, hit.start - 4000) : hit.start].split()
    options = []
    for n in range(1, MAX_CONTEXT_WORDS + 1):
        if n <= len(after):
            options.append(("suffix", " ".join(after[:n])))
        if n <= len(before):
            options.append(("prefix", " ".join(before[-n:])))
    for key, words in sorted(options, key=lambda o: (len(o[1]), o[0] == "prefix")):
        located = project.locate(citation.model_copy(update={key: words}), country)
        if located is not None and located.status == "found" and located.hits[0].start == hit.start:
            return key, words
    return None


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- editing ------------------------------------------------------------------------


def _edit_file(root: Path, path: str, data: Any, repairs: list[_Repair]) -> tuple[FileFix | None, str]:
    """The file with the repairs made and checked, or None and why not."""
    before = (root / path).read_bytes().decode("utf-8")  # it loaded: UTF-8 without BOM, so this round-trips
    changes = [Change(r.loc, r.values, after="quote", loose=frozenset({"quote"} & set(r.values))) for r in repairs]
    after = edit(before, data, changes)
    if after is None:
        return None, "the edited file would not read back the same; edit it by hand (see `scorecard validate`)"
    return FileFix(path, before, after), ""
