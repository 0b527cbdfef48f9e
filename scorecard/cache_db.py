"""The cache's database file: where it is, its tables, and opening it without trusting it.

``<project>/.scorecard-cache/cache.sqlite``.  Whatever is in it may have been written
by anyone who had the project folder: :mod:`scorecard.cache` verifies each row's
signature before using it.  Here we only make sure that opening it cannot follow a link
out of the project, and that a damaged file is replaced rather than kept for ever.
"""

from __future__ import annotations

import hashlib
import sqlite3
from functools import lru_cache
from pathlib import Path

FOLDER = ".scorecard-cache"
DATABASE = "cache.sqlite"
FORMAT = 3
"""Layout of the tables and their rows; raising it empties every existing cache."""

LOCK_WAIT_SECONDS = 2.0
"""How long to wait for another run holding the database; then carry on without it."""

_IGNORE = "# Made by scorecard: a cache, safe to delete, never to be committed.\n*\n"

_TABLES = (
    # One row per evidence file that checked clean; ``body`` (the model and its quotes'
    # places, JSON) is read only when the model is wanted, and is signed through its hash.
    "CREATE TABLE evidence (path TEXT PRIMARY KEY, stamp TEXT NOT NULL, sha256 TEXT NOT NULL, racy INTEGER NOT NULL,"
    " context TEXT NOT NULL, country TEXT NOT NULL, year INTEGER NOT NULL, citations INTEGER NOT NULL,"
    " sources TEXT NOT NULL, body_sha256 TEXT NOT NULL, mac BLOB NOT NULL, body TEXT NOT NULL)",
    # What the checks of everything but the evidence files found, when they found nothing.
    "CREATE TABLE snapshot (name TEXT PRIMARY KEY, key TEXT NOT NULL, body TEXT NOT NULL, mac BLOB NOT NULL)",
)


def damaged(error: sqlite3.Error) -> bool:
    """Whether sqlite says the database file is damaged (rather than locked or read-only)."""
    return getattr(error, "sqlite_errorname", "") in ("SQLITE_NOTADB", "SQLITE_CORRUPT")


def connect(folder: Path) -> sqlite3.Connection | None:
    """The database in ``folder``, with its tables; a file that is not a database (or a
    damaged one) is replaced, since everything in it can be rebuilt.  None when it cannot
    be used (a folder that cannot be listed or written is no reason to stop a run)."""
    database = folder / DATABASE
    try:
        _make(folder)
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
            if not damaged(error) or not remove(database):
                return None  # locked, read-only, or a damaged file that cannot be removed
    return None


def remove(database: Path) -> bool:
    """Remove the database and its journals; whether it is gone."""
    try:
        for suffix in ("", "-journal", "-wal", "-shm"):
            database.with_name(database.name + suffix).unlink(missing_ok=True)
    except OSError:
        return False
    return True


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
    """Create the tables, or recreate them when they have another FORMAT; only reads when current."""
    if _format(connection) == FORMAT:
        return
    connection.execute("BEGIN IMMEDIATE")  # one transaction: another run sees the old tables or the new ones
    try:
        if _format(connection) != FORMAT:  # unless another run has just made them
            for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
                connection.execute(f'DROP TABLE IF EXISTS "{name}"')
            for table in _TABLES:
                connection.execute(table)
            connection.execute(f"PRAGMA user_version = {FORMAT}")
        connection.commit()
    except BaseException:
        connection.rollback()
        raise


def _format(connection: sqlite3.Connection) -> int:
    (version,) = connection.execute("PRAGMA user_version").fetchone()
    return version


@lru_cache(maxsize=1)
def code_digest() -> str:
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
