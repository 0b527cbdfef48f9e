"""Seed files as one run reads them: each read, hashed and decoded once, however many
catalogue entries name it, and the texts kept in memory within a bound.

Several entries may rightly share a file (one report, a span per country); a stranger's
catalogue may also name one 16 MB seed 300 times, which cost 27 s and 6.1 GB when each
entry read, hashed and normalised it again.  Here a file is known by its resolved path.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .anchor import SourceText

TEXTS_KEPT = 128
"""Seed texts kept in memory at once (about 15 MB for TIP-sized chapters)."""

CHARACTERS_KEPT = 48 * 1024 * 1024
"""Characters of seed text kept in memory at once (with the normalised views, about
three times as many bytes): what bounds memory when the seeds are large."""


@dataclass(frozen=True)
class Seed:
    """One seed file as read in this run."""

    digest: str
    """SHA-256 of its bytes."""
    text: SourceText | None
    """Its text; None when it is not UTF-8."""
    bad_byte: int | None = None
    """Where UTF-8 decoding failed, when it did."""


class SeedShelf:
    """The seeds of one project, read on demand through ``read`` (confined and bounded)."""

    def __init__(self, root: Path, read: Callable[[Path, str], bytes | None]) -> None:
        self._root = root
        self._read = read
        self._keys: dict[str, Path | None] = {}
        self._seeds: OrderedDict[Path, Seed] = OrderedDict()
        self._characters = 0

    def _key(self, file: str) -> Path | None:
        if file not in self._keys:
            try:
                self._keys[file] = (self._root / "seeds" / file).resolve()
            except (OSError, RuntimeError, ValueError):
                self._keys[file] = None
        return self._keys[file]

    def get(self, file: str) -> Seed | None:
        """The seed at ``seeds/<file>``; None when it is unsafe, missing, unreadable or too large."""
        key = self._key(file)
        if key is None:
            return None
        seed = self._seeds.get(key)
        if seed is not None:
            self._seeds.move_to_end(key)
            return seed
        raw = self._read(self._root, file)
        if raw is None:
            return None
        digest = hashlib.sha256(raw).hexdigest()
        try:
            seed = Seed(digest, SourceText(raw.decode("utf-8")))
        except UnicodeDecodeError as error:
            seed = Seed(digest, None, error.start)
        del raw
        self._keep(key, seed)
        return seed

    def keep(self, file: str, text: SourceText) -> None:
        """Remember a text read elsewhere as the seed at ``seeds/<file>``."""
        key = self._key(file)
        if key is not None:
            self._seeds.pop(key, None)
            self._keep(key, Seed("", text))

    def _keep(self, key: Path, seed: Seed) -> None:
        self._seeds[key] = seed
        self._characters += len(seed.text.text) if seed.text is not None else 0
        # the newest stays, however large; older ones go first (read again if wanted)
        while len(self._seeds) > 1 and (len(self._seeds) > TEXTS_KEPT or self._characters > CHARACTERS_KEPT):
            _, old = self._seeds.popitem(last=False)
            self._characters -= len(old.text.text) if old.text is not None else 0
