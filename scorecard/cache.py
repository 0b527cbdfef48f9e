"""A cache of what the checks found in unchanged files, so a re-run reads only what changed.

``<project>/.scorecard-cache/cache.sqlite`` (see :mod:`scorecard.cache_db`) holds:

- for each evidence file that checked clean: its model (JSON), where each of its quotes
  is in its source, and what the checks across files need (country, year, citations);
- a *snapshot* of the checks of everything else (catalogue, vocabulary, countries, rule
  sets, source texts), kept only when they found no problem: which sources were read and
  matched the catalogue's SHA-256, and how many citations the rule sets hold.

**What identifies an unchanged file.** Its ``lstat``: size, modification and change times
in nanoseconds, inode and device (a link is never a hit).  A file written again, or
unpacked from an archive that kept its modification time, has another change time or
inode, so it is read.  As in git's index, a file modified in the same clock tick as it
was read could keep its times: an entry stored less than ``RACY_SECONDS`` after the file
changed is *racy*, and is used only after reading the file and comparing its SHA-256.

**What an entry depends on.** The tool (its version, the code's bytes and FORMAT), the
SHA-256 of every project file outside ``evidence/`` (the vocabulary, the catalogue, the
countries, every rule set, ``scorecard.yaml``), and every source the file cites, which
must have matched the catalogue in this run (or in the snapshot this run reused).  Only
files with no problem of their own are stored, so every diagnostic comes from a real check.

**Whose entries are trusted.** Only this user's runs on this machine: every row is signed
(HMAC-SHA256) with a key kept outside the project (see :mod:`scorecard.userkey`).  The
folder arrives with the project (in an archive, through ``cp -a``) and whoever made the
project can write anything into it, but cannot sign.  A row whose signature does not
verify is ignored, the file is read and checked, and the run says so in a note.

The folder is safe to delete.  A cache that is missing, locked, read-only or cannot be
listed is ignored (or only read): the run is then as it would be without one, and
slower.  A damaged database is removed when the run ends, so the next run rebuilds it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import sqlite3
import stat
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import scorecard

from .cache_db import DATABASE, FOLDER, FORMAT, code_digest, connect, damaged, remove
from .errors import ScorecardError
from .loader import LoadedProject
from .models import Citation, EvidenceFile
from .project import Place
from .userkey import user_key
from .yamlio import MAX_BYTES, read_bounded

__all__ = ["DATABASE", "FOLDER", "EvidenceCache", "Hit", "Probe", "citations_of", "evidence_cache"]

RACY_SECONDS = 2.0
"""A file changed less than this before it was stored may change again without a new
time stamp (coarse clocks, FAT's 2 s); its entry is used only after comparing content."""

_EVIDENCE_META = "path, stamp, sha256, racy, context, country, year, citations, sources, body_sha256, mac"


def citations_of(evidence: EvidenceFile) -> list[Citation]:
    """Every citation of an evidence file, in file order (the order of stored places)."""
    return [citation for fact in evidence.facts for citation in fact.citations]


@dataclass(frozen=True)
class Probe:
    """A file as ``lstat`` saw it before it was read: what a cache entry is keyed on."""

    path: str
    full: Path
    info: os.stat_result

    @property
    def stamp(self) -> str:
        i = self.info
        return f"{i.st_size}:{i.st_mtime_ns}:{i.st_ctime_ns}:{i.st_ino}:{i.st_dev}"


@dataclass(frozen=True)
class Hit:
    """A cached evidence file: what the checks across files need, and its model on demand."""

    path: str
    sha256: str
    country: str
    year: int
    citations: int
    body: Callable[[], tuple[EvidenceFile, list[Place | None]]]
    """The model and, per citation in file order, where its quote is (None: not found)."""


class DamagedCache(ScorecardError):
    """A signed row whose body no longer matches its signed hash (a damaged disk)."""


class EvidenceCache:
    """The cache of one project for one run (see the module's documentation).

    Lookups and stores never raise: a failing database turns the cache off for
    the rest of the run (reading and writing separately, so that a read-only
    cache is still read).  Stores are committed together when the run closes it.
    """

    def __init__(self, connection: sqlite3.Connection, context: str, key: bytes, root: Path) -> None:
        self._connection = connection
        self._context = context
        self._signer = hmac.new(key, digestmod="sha256")
        self._root = root
        self._reading = True
        self._writing = True
        self._damaged = False
        self._seen: set[str] = set()
        self._rows: dict[str, tuple[Any, ...]] | None = None
        self.unsigned = 0
        """Rows found whose signature did not verify: not made by this user's runs here."""

    # -- evidence files ---------------------------------------------------------------

    def probe(self, path: str) -> Probe | None:
        """The ``lstat`` of an evidence file, taken before it is read; None when it is not
        a regular file (a link, a folder, gone), which is never cached."""
        self._seen.add(path)
        full = self._root / path
        try:
            info = os.lstat(full)
        except (OSError, ValueError):
            return None
        return Probe(path, full, info) if stat.S_ISREG(info.st_mode) else None

    def get(self, probe: Probe, verified: Mapping[str, str]) -> Hit | None:
        """The entry of an unchanged file, if it still holds: every source it cites must be
        among ``verified`` (id -> SHA-256 of a source whose text matched the catalogue)
        with the same hash as when stored."""
        row = self._evidence_rows().get(probe.path)
        if row is None:
            return None
        path, stamp, sha256, racy, context, country, year, citations, sources, body_sha256, mac = row
        if not hmac.compare_digest(mac, self._sign(*map(str, row[:-1]))):
            self.unsigned += 1
            return None
        if context != self._context or stamp != probe.stamp or (racy and not self._same_bytes(probe, sha256)):
            return None
        try:
            cited = json.loads(sources)
        except ValueError:
            return None
        if not isinstance(cited, dict) or any(verified.get(source) != digest for source, digest in cited.items()):
            return None
        return Hit(path, sha256, country, year, citations, lambda: self._body(path, body_sha256))

    def body(self, hit: Hit) -> tuple[EvidenceFile, list[Place | None]] | None:
        """The model and places of a hit, or None (counted as not signed) when the body is
        not the one its row signed."""
        try:
            return hit.body()
        except DamagedCache:
            self.unsigned += 1
            return None

    def put(self, probe: Probe, sha256: str, evidence: EvidenceFile, places: list[Place | None], sources: Mapping[str, str]) -> None:
        """Remember a file that checked clean (``sources``: id -> SHA-256 of each source it cites)."""
        if not self._writing:
            return
        info = probe.info
        racy = int(time.time_ns() - max(info.st_mtime_ns, info.st_ctime_ns) < RACY_SECONDS * 1e9)
        try:
            # ValueError: a string escaped in YAML may hold a lone surrogate, which cannot be stored,
            # or a float may not be finite, which JSON cannot hold: that file is not cached.
            body = json.dumps([evidence.model_dump(mode="json", exclude_defaults=True), places], ensure_ascii=False, allow_nan=False)
            body_sha256 = hashlib.sha256(body.encode("utf-8")).hexdigest()
            row = (probe.path, probe.stamp, sha256, racy, self._context, evidence.country, evidence.year, len(places), json.dumps(dict(sources)), body_sha256)
            row += (self._sign(*map(str, row)), body)
            self._connection.execute(f"INSERT OR REPLACE INTO evidence ({_EVIDENCE_META}, body) VALUES ({', '.join('?' * 12)})", row)
        except ValueError:
            return
        except sqlite3.Error as error:
            self._failed(error)
            self._writing = False

    def _evidence_rows(self) -> dict[str, tuple[Any, ...]]:
        """Every row's signed columns, read at once (bodies are read one by one, on demand)."""
        if self._rows is None:
            self._rows = {}
            if self._reading:
                try:
                    rows = self._connection.execute(f"SELECT {_EVIDENCE_META} FROM evidence").fetchall()
                except sqlite3.Error as error:
                    self._failed(error)
                    self._reading = False
                    return self._rows
                for row in rows:
                    if _well_typed(row):
                        self._rows[row[0]] = row
                    else:
                        self.unsigned += 1
        return self._rows

    def _body(self, path: str, body_sha256: str) -> tuple[EvidenceFile, list[Place | None]]:
        """The stored model and places of a file; the hash signed with its row must match."""
        try:
            (body,) = self._connection.execute("SELECT body FROM evidence WHERE path = ?", (path,)).fetchone()
            if not isinstance(body, str) or not hmac.compare_digest(hashlib.sha256(body.encode("utf-8")).hexdigest(), body_sha256):
                raise ValueError("not the body signed")
            evidence, places = json.loads(body)
            return EvidenceFile.model_validate(evidence), [_place(place) for place in places]
        except (sqlite3.Error, ValueError, TypeError) as error:  # ValidationError is a ValueError
            raise DamagedCache(f"{FOLDER}/{DATABASE} is damaged ({error}); delete the folder, or run with --no-cache") from None

    def _same_bytes(self, probe: Probe, sha256: str) -> bool:
        try:
            raw = read_bounded(probe.full, probe.info.st_size, MAX_BYTES)
        except OSError:
            return False
        return hashlib.sha256(raw).hexdigest() == sha256

    # -- the snapshot of everything else ------------------------------------------------

    def snapshot(self, key: str) -> dict[str, Any] | None:
        """What the checks of everything but the evidence found when the project's other
        files were as ``key`` says (see :func:`snapshot_key`), if they found no problem."""
        if not self._reading:
            return None
        try:
            row = self._connection.execute("SELECT key, body, mac FROM snapshot WHERE name = 'project'").fetchone()
        except sqlite3.Error as error:
            self._failed(error)
            return None
        if row is None:
            return None
        if not (isinstance(row[0], str) and isinstance(row[1], str) and isinstance(row[2], bytes)) or not hmac.compare_digest(row[2], self._sign("snapshot", *row[:2])):
            self.unsigned += 1
            return None
        if row[0] != hashlib.sha256(f"{self._context}\0{key}".encode()).hexdigest():
            return None
        try:
            body = json.loads(row[1])
        except ValueError:
            return None
        return body if isinstance(body, dict) else None

    def put_snapshot(self, key: str, body: dict[str, Any]) -> None:
        if not self._writing:
            return
        fields = (hashlib.sha256(f"{self._context}\0{key}".encode()).hexdigest(), json.dumps(body, sort_keys=True))
        try:
            self._connection.execute("INSERT OR REPLACE INTO snapshot (name, key, body, mac) VALUES ('project', ?, ?, ?)", (*fields, self._sign("snapshot", *fields)))
        except sqlite3.Error as error:
            self._failed(error)
            self._writing = False

    # -- closing ------------------------------------------------------------------------

    def close(self, *, complete: bool) -> list[str]:
        """Commit this run's stores, and say what the user should know about the cache.
        ``complete``: every evidence file was looked up, so the entries of files that no
        longer exist can go (they would never be used again)."""
        try:
            if self._writing and complete:
                self._forget_others()
            if self._writing:
                self._connection.commit()
        except sqlite3.Error as error:
            self._failed(error)  # the run's stores are lost; the cache stays as it was
        finally:
            self._connection.close()
        notes = []
        if self.unsigned:
            notes.append(
                f"{FOLDER}/ holds {self.unsigned} entr{'y' if self.unsigned == 1 else 'ies'} not signed by your runs on this machine"
                " (copied with the project, or forged); they were ignored and those files checked in full"
            )
        if self._damaged:
            removed = remove(self._root / FOLDER / DATABASE)
            notes.append(f"{FOLDER}/{DATABASE} is damaged; " + ("it was removed and the next run rebuilds it" if removed else "delete it to have it rebuilt"))
        return notes

    def _failed(self, error: sqlite3.Error) -> None:
        if damaged(error):
            self._damaged = True
            self._reading = self._writing = False

    def _forget_others(self) -> None:
        stored = set(self._evidence_rows()) if self._reading else {path for (path,) in self._connection.execute("SELECT path FROM evidence")}
        self._connection.executemany("DELETE FROM evidence WHERE path = ?", [(path,) for path in stored - self._seen])

    def _sign(self, *fields: str) -> bytes:
        """HMAC-SHA256 of a row's fields with this user's key, each field length-prefixed
        (so that no two different rows sign the same bytes)."""
        signer = self._signer.copy()
        for field in fields:
            data = field.encode("utf-8", "surrogatepass")
            signer.update(len(data).to_bytes(8, "big"))
            signer.update(data)
        return signer.digest()


def _well_typed(row: tuple[Any, ...]) -> bool:
    """Whether a row has the types this module writes (anything else was not written by it)."""
    types = (str, str, str, int, str, str, int, int, str, str, bytes)
    return len(row) == len(types) and all(type(value) is kind for value, kind in zip(row, types))


def _place(value: Any) -> Place | None:
    if value is None:
        return None
    line, col, heading = value
    if not (type(line) is int and type(col) is int and (heading is None or isinstance(heading, str))):
        raise TypeError("not a place")
    return (line, col, heading)


# -- what the snapshot depends on ---------------------------------------------------------


def snapshot_key(loaded: LoadedProject) -> str | None:
    """What the checks of everything but the evidence depend on besides the files in the
    cache's context: each catalogued source's ``lstat``.  None when a source is not a
    plain regular file of seeds/ (a link, missing, unreadable), whose checks always run."""
    root = loaded.project.root
    parts = []
    for source in loaded.project.sources.values():
        try:
            info = os.lstat(root / "seeds" / source.file)
        except (OSError, ValueError):
            return None
        if not stat.S_ISREG(info.st_mode):
            return None
        parts.append(f"{source.id}\0{source.file}\0{Probe(source.file, root, info).stamp}")
    return "\n".join(parts)


def settled(loaded: LoadedProject, since_ns: int) -> bool:
    """Whether every catalogued source last changed ``RACY_SECONDS`` before ``since_ns``, so
    that a snapshot of its checks cannot miss a change made in the same clock tick."""
    root = loaded.project.root
    limit = since_ns - RACY_SECONDS * 1e9
    for source in loaded.project.sources.values():
        try:
            info = os.lstat(root / "seeds" / source.file)
        except (OSError, ValueError):
            return False
        if max(info.st_mtime_ns, info.st_ctime_ns) >= limit:
            return False
    return True


# -- opening -------------------------------------------------------------------------


@contextmanager
def evidence_cache(loaded: LoadedProject, enabled: bool) -> Iterator[EvidenceCache | None]:
    """The project's cache for the checks of one run (None when off or unusable); what
    the user should know about it is added to ``loaded.notes``.

    Opened after the files outside evidence/ are loaded: their digests are part of every key."""
    cache = open_cache(loaded) if enabled else None
    complete = False
    try:
        yield cache
        complete = True
    finally:
        if cache is not None:
            loaded.notes.extend(cache.close(complete=complete))


def open_cache(loaded: LoadedProject) -> EvidenceCache | None:
    """The cache of a loaded project, or None when it cannot be used (no key, no folder
    can be made, or the database cannot be opened)."""
    key, problem = user_key()
    if key is None:
        loaded.notes.append(f"{problem}; the cache is not used")
        return None
    root = loaded.project.root
    connection = connect(root / FOLDER)
    if connection is None:
        return None
    others = sorted((path, digest) for path, digest in loaded.digests.items() if not path.startswith("evidence/"))
    context = "\0".join((str(FORMAT), scorecard.__version__, code_digest(), *(f"{path}={digest}" for path, digest in others)))
    return EvidenceCache(connection, hashlib.sha256(context.encode()).hexdigest(), key, root)
