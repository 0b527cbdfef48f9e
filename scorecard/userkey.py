"""The per-user secret that signs cache entries, kept outside every project.

A project folder is input from anyone: a cache that arrives inside it (in a tar or
zip archive, through ``cp -a`` or ``rsync -a``, which keep modification times) must
not be able to vouch for a file.  So every cache entry carries an HMAC-SHA256 made
with a key that only this user's runs on this machine know: 32 random bytes in
``$XDG_CACHE_HOME/scorecard/key`` (``~/.cache/scorecard/key`` when the variable is
unset), in a folder of mode 0700, in a file of mode 0600 created atomically.

A key that is not a regular file of this user with no permission for others, or not
32 bytes long, is not used: the cache is then off for the run (with a note), since
someone else may know it.  Nothing here raises for the environment's sake.
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

KEY_BYTES = 32
KEY_FILE = "key"


def key_folder() -> Path | None:
    """Where this user's scorecard key lives (None: no home folder to keep it in).

    ``XDG_CACHE_HOME`` is honoured when it is an absolute path, as the XDG base
    directory specification says; tests point it at a temporary folder."""
    configured = os.environ.get("XDG_CACHE_HOME", "")
    if configured and os.path.isabs(configured):
        return Path(configured) / "scorecard"
    try:
        return Path.home() / ".cache" / "scorecard"
    except (RuntimeError, KeyError, OSError):  # no HOME and no password entry
        return None


def user_key() -> tuple[bytes | None, str | None]:
    """This user's key, made on first use; or None and why it cannot be used."""
    folder = key_folder()
    if folder is None:
        return None, "there is no home folder to keep the cache key in"
    path = folder / KEY_FILE
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        key, problem = _read(path)
        if key is None and problem is None:  # no key yet: make one
            _create(folder, path)
            key, problem = _read(path)
    except OSError as error:
        return None, f"the cache key {path} cannot be read or made ({error.strerror or error})"
    if key is None and problem is None:
        problem = f"the cache key {path} cannot be made"
    return key, problem


def _read(path: Path) -> tuple[bytes | None, str | None]:
    """The key at ``path``; (None, None) when there is none yet; (None, why) when unsafe."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        return None, None
    except OSError as error:  # ELOOP: a link, which is never followed
        return None, f"the cache key {path} cannot be opened ({error.strerror or error})"
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            return None, f"the cache key {path} is not a regular file"
        if hasattr(os, "geteuid") and info.st_uid != os.geteuid():
            return None, f"the cache key {path} belongs to another user"
        if info.st_mode & 0o077:
            return None, f"the cache key {path} can be read or written by others (make it mode 0600, or delete it)"
        key = os.read(descriptor, KEY_BYTES + 1)
    finally:
        os.close(descriptor)
    if len(key) != KEY_BYTES:
        return None, f"the cache key {path} is not {KEY_BYTES} bytes long (delete it to make a new one)"
    return key, None


def _create(folder: Path, path: Path) -> None:
    """Write a new key atomically: a complete file appears at ``path`` or nothing does.

    The key is written to a temporary name and linked into place; a link never
    replaces a file, so when two runs race, both use the key of the first."""
    temporary = folder / f".key-{os.getpid()}-{secrets.token_hex(4)}"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    descriptor = os.open(temporary, flags, 0o600)
    try:
        try:
            os.write(descriptor, secrets.token_bytes(KEY_BYTES))
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass  # another run made the key first: use theirs
        except OSError:  # a file system without hard links: rename, which may replace a racing key
            os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
