"""A cache of evidence files that checked clean, so an unchanged file is neither parsed nor checked again.

``<project>/.scorecard-cache/cache.sqlite`` holds, for each evidence file, its model
(JSON) and where each of its quotes is in its source.  An entry is used only when
nothing that decided its checks has changed since: the file's bytes, the indicator
vocabulary and the source catalogue (as bytes), the text of every source it cites
(which must match the catalogue's SHA-256 in this run), and the tool (its version,
the code's own bytes and this module's FORMAT).  Only files with no problem of their
own are stored, so every diagnostic comes from a real check.

Every entry is signed (HMAC-SHA256) with this user's key, kept outside the project
(see :mod:`scorecard.userkey`): the folder arrives with the project (in an archive,
through ``cp -a``), and whoever made the project can write anything into it, but only
this user's runs on this machine can sign.  An entry whose signature does not verify is
ignored, the file is read and checked, and the run says so in a note.

A file is known by its bytes and its modification time too: a cache committed to a
repository by mistake matches nothing in a fresh checkout.  Links are not followed into
or out of the folder.

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
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import scorecard

from .loader import INDICATORS_FILE, SOURCES_FILE, LoadedProject
from .models import Citation, EvidenceFile
from .project import Place
from .userkey import user_key

FOLDER = ".scorecard-cache"
DATABASE = "cache.sqlite"
FORMAT = 2
"""Layout of the table and its entries; raising it empties every existing cache."""

LOCK_WAIT_SECONDS = 2.0
"""How long to wait for another run holding the database; then carry on without it."""

_IGNORE = "# Made by scorecard: a cache, safe to delete, never to be committed.\n*\n"


@dataclass(frozen=True)
class Entry:
    """A file as it was when it checked clean: its model and, per citation in
    file order, where its quote is (line, column, heading; None: not found)."""

    evidence: EvidenceFile
    places: list[Place | None]

    def citations(self) -> list[Citation]:
        return citations_of(self.evidence)


def citations_of(evidence: EvidenceFile) -> list[Citation]:
    """Every citation of an evidence file, in file order (the order of Entry.places)."""
    return [citation for fact in evidence.facts for citation in fact.citations]


def fingerprint(path: Path, sha256: str) -> str | None:
    """What identifies the version of a file whose bytes have the SHA-256 ``sha256``: that
    and its modification time (see the module's documentation); None when it cannot be stat'ed."""
    try:
        modified = os.stat(path).st_mtime_ns
    except OSError:
        return None
    return f"{sha256} {modified}"


class EvidenceCache:
    """The cache of one project for one run (see the module's documentation).

    Lookups and stores never raise: a failing database turns the cache off for
    the rest of the run (reading and writing separately, so that a read-only
    cache is still read).  Stores are committed together when the run closes it.
    """

    def __init__(self, connection: sqlite3.Connection, context: str, key: bytes, database: Path) -> None:
        self._connection = connection
        self._context = context
        self._signer = hmac.new(key, digestmod="sha256")
        self._database = database
        self._reading = True
        self._writing = True
        self._damaged = False
        self._seen: set[str] = set()
        self.unsigned = 0
        """Entries found whose signature did not verify: not made by this user's runs here."""

    def get(self, path: str, digest: str, verified: Mapping[str, str]) -> Entry | None:
        """The entry of the file at ``path`` with :func:`fingerprint` ``digest``, if it still
        holds: every source it cites must be among ``verified`` (id -> SHA-256 of a source
        read this run whose text matched the catalogue) with the same hash as when stored."""
        self._seen.add(path)
        if not self._reading:
            return None
        try:
            row = self._connection.execute("SELECT key, sources, evidence, places, mac FROM evidence WHERE path = ?", (path,)).fetchone()
        except ValueError:  # a file name sqlite cannot take (undecodable bytes)
            return None
        except sqlite3.Error as error:
            self._failed(error)
            self._reading = False
            return None
        if row is None:
            return None
        key, sources, evidence, places, mac = row
        if not (isinstance(mac, bytes) and all(isinstance(field, str) for field in row[:4])):
            self.unsigned += 1
            return None
        if not hmac.compare_digest(mac, self._sign(path, key, sources, evidence, places)):
            self.unsigned += 1
            return None
        if key != self._key(digest):
            return None
        return _decode(sources, evidence, places, verified)

    def put(self, path: str, digest: str, evidence: EvidenceFile, places: list[Place | None], sources: Mapping[str, str]) -> None:
        """Remember a file that checked clean (``sources``: id -> SHA-256 of each source it cites)."""
        if not self._writing:
            return
        try:
            # A float that is not finite becomes null, so that file's entry will be a miss: still correct.
            # ValueError: a string escaped in YAML may hold a lone surrogate, which cannot be stored.
            fields = (self._key(digest), json.dumps(dict(sources)), evidence.model_dump_json(exclude_defaults=True), json.dumps(places))
            row = (path, *fields, self._sign(path, *fields))
            self._connection.execute("INSERT OR REPLACE INTO evidence (path, key, sources, evidence, places, mac) VALUES (?, ?, ?, ?, ?, ?)", row)
        except ValueError:
            return
        except sqlite3.Error as error:
            self._failed(error)
            self._writing = False

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
            removed = _remove(self._database)
            notes.append(f"{FOLDER}/{DATABASE} is damaged; " + ("it was removed and the next run rebuilds it" if removed else "delete it to have it rebuilt"))
        return notes

    def _failed(self, error: sqlite3.Error) -> None:
        if _damage(error):
            self._damaged = True
            self._reading = self._writing = False

    def _forget_others(self) -> None:
        stored = {path for (path,) in self._connection.execute("SELECT path FROM evidence")}
        self._connection.executemany("DELETE FROM evidence WHERE path = ?", [(path,) for path in stored - self._seen])

    def _key(self, digest: str) -> str:
        return hashlib.sha256(f"{self._context}\0{digest}".encode()).hexdigest()

    def _sign(self, *fields: str) -> bytes:
        """HMAC-SHA256 of an entry's fields with this user's key, each field length-prefixed
        (so that no two different entries sign the same bytes)."""
        signer = self._signer.copy()
        for field in fields:
            data = field.encode("utf-8", "surrogatepass")
            signer.update(len(data).to_bytes(8, "big"))
            signer.update(data)
        return signer.digest()


def _damage(error: sqlite3.Error) -> bool:
    """Whether sqlite says the database file is damaged (rather than locked or read-only)."""
    return getattr(error, "sqlite_errorname", "") in ("SQLITE_NOTADB", "SQLITE_CORRUPT")


def _decode(sources: str, evidence: str, places: str, verified: Mapping[str, str]) -> Entry | None:
    """The stored entry, or None when a cited source changed or the row is not one this
    module wrote (a hand-edited or damaged cache is a miss, never an error)."""
    try:
        cited = json.loads(sources)
        if not isinstance(cited, dict) or any(verified.get(source) != digest for source, digest in cited.items()):
            return None
        # json.loads then model_validate: faster than model_validate_json here
        decoded = Entry(EvidenceFile.model_validate(json.loads(evidence)), [_place(place) for place in json.loads(places)])
    except (ValueError, TypeError):  # JSONDecodeError and ValidationError are ValueErrors
        return None
    citations = decoded.citations()
    if len(decoded.places) != len(citations) or {c.source for c in citations} != set(cited):
        return None
    return decoded


def _place(value: Any) -> Place | None:
    if value is None:
        return None
    line, col, heading = value
    if not (type(line) is int and type(col) is int and (heading is None or isinstance(heading, str))):
        raise TypeError("not a place")
    return (line, col, heading)


# -- opening -------------------------------------------------------------------------


@contextmanager
def evidence_cache(loaded: LoadedProject, enabled: bool) -> Iterator[EvidenceCache | None]:
    """The project's cache for the checks of one run (None when off or unusable); what
    the user should know about it is added to ``loaded.notes``.

    Opened after the catalogues are loaded: their digests are part of every key."""
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
    can be made, the database cannot be opened, or a catalogue was not read, so that
    nothing would identify what the entries were checked against)."""
    catalogue, vocabulary = loaded.digests.get(SOURCES_FILE), loaded.digests.get(INDICATORS_FILE)
    if catalogue is None or vocabulary is None:
        return None
    key, problem = user_key()
    if key is None:
        loaded.notes.append(f"{problem}; the cache is not used")
        return None
    database = loaded.project.root / FOLDER / DATABASE
    connection = _connect(database.parent)
    if connection is None:
        return None
    context = "\0".join((str(FORMAT), scorecard.__version__, _code_digest(), vocabulary, catalogue))
    return EvidenceCache(connection, hashlib.sha256(context.encode()).hexdigest(), key, database)


def _connect(folder: Path) -> sqlite3.Connection | None:
    """The database, with its table; a file that is not a database (or a damaged one) is
    replaced, since everything in it can be rebuilt.  None when it cannot be used (a
    folder that cannot be listed or written is no reason to stop a run)."""
    try:
        _make(folder)
        database = folder / DATABASE
        if not _confined(folder, database):
            return None
    except OSError:
        return None
    for _attempt in range(2):
        try:
            connection = sqlite3.connect(database, timeout=LOCK_WAIT_SECONDS)
        except sqlite3.Error:
            return None
        try:
            _prepare(connection)
            return connection
        except sqlite3.DatabaseError as error:
            connection.close()
            if not _damage(error) or not _remove(database):
                return None  # locked, read-only, or a damaged file that cannot be removed
    return None


def _make(folder: Path) -> None:
    """Make the cache folder, marked so that git ignores it (a folder that exists is left as it is)."""
    try:
        folder.mkdir()
    except OSError:  # it exists, or the project is read-only (an installed package): maybe read it
        return
    try:
        (folder / ".gitignore").write_text(_IGNORE, encoding="utf-8")
    except OSError:
        pass


def _confined(folder: Path, database: Path) -> bool:
    """Whether the folder and the database's files are what they seem: a folder and regular
    files (or none yet), not links that would have sqlite read or write outside the project."""
    if folder.is_symlink() or not folder.is_dir():
        return False
    for name in (database.name, f"{database.name}-journal", f"{database.name}-wal", f"{database.name}-shm"):
        path = folder / name
        if path.is_symlink() or (path.exists() and not path.is_file()):
            return False
    return True


def _prepare(connection: sqlite3.Connection) -> None:
    """Create the table, or recreate it when it has another FORMAT; only reads when it is current."""
    if _format(connection) == FORMAT:
        return
    connection.execute("BEGIN IMMEDIATE")  # one transaction: another run sees the old table or the new one
    try:
        if _format(connection) != FORMAT:  # unless another run has just made it
            connection.execute("DROP TABLE IF EXISTS evidence")
            connection.execute(
                "CREATE TABLE evidence (path TEXT PRIMARY KEY, key TEXT NOT NULL, sources TEXT NOT NULL, evidence TEXT NOT NULL, places TEXT NOT NULL, mac BLOB NOT NULL)"
            )
            connection.execute(f"PRAGMA user_version = {FORMAT}")
        connection.commit()
    except BaseException:
        connection.rollback()
        raise


def _format(connection: sqlite3.Connection) -> int:
    (version,) = connection.execute("PRAGMA user_version").fetchone()
    return version


def _remove(database: Path) -> bool:
    """Remove the database and its journals; whether it is gone."""
    try:
        for suffix in ("", "-journal", "-wal", "-shm"):
            database.with_name(database.name + suffix).unlink(missing_ok=True)
    except OSError:
        return False
    return True


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """SHA-256 of the package's own code: a checkout edited without a new version number
    must not reuse what older checks decided."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"unreadable")
    return digest.hexdigest()
