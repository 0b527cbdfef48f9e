"""Write the export's tables to one SQLite file: keys, foreign keys, indexes, atomically.

Built in a temporary file beside the target and renamed over it, so a reader (a
Datasette server, say) never sees half an export and a failed run leaves the old one.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .export import Table


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def create_statements(table: Table) -> list[str]:
    """CREATE TABLE and CREATE INDEX statements for one table."""
    columns = [f"{_quoted(name)} {kind}".rstrip() for name, kind in table.columns]
    columns.append(f"PRIMARY KEY ({', '.join(map(_quoted, table.primary_key))})")
    for own, other, theirs in table.foreign_keys:
        columns.append(f"FOREIGN KEY ({', '.join(map(_quoted, own))}) REFERENCES {_quoted(other)} ({', '.join(map(_quoted, theirs))})")
    statements = [f"CREATE TABLE {_quoted(table.name)} (\n  " + ",\n  ".join(columns) + "\n)"]
    for columns_ in (*(own for own, _, _ in table.foreign_keys), *table.indexes):
        name = f"idx_{table.name}_{'_'.join(columns_)}"
        statements.append(f"CREATE INDEX IF NOT EXISTS {_quoted(name)} ON {_quoted(table.name)} ({', '.join(map(_quoted, columns_))})")
    return statements


def write_sqlite(path: Path, tables: Sequence[Table]) -> None:
    """Write ``tables`` (in an order where each table follows those it refers to) to ``path``."""
    folder = path.resolve().parent
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    os.close(handle)
    try:
        connection = sqlite3.connect(temporary)
        try:
            connection.execute("PRAGMA foreign_keys = ON")
            with connection:
                for table in tables:
                    for statement in create_statements(table):
                        connection.execute(statement)
                    marks = ", ".join("?" for _ in table.columns)
                    connection.executemany(f"INSERT INTO {_quoted(table.name)} VALUES ({marks})", table.rows)
            problems = connection.execute("PRAGMA foreign_key_check").fetchall()
            if problems:  # a bug in the export, not in the data: never ship a broken link
                raise RuntimeError(f"export would break {len(problems)} foreign key(s), first: {problems[0]}")
        finally:
            connection.close()
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
