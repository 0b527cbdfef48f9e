"""The one way the tool writes a file: atomically, so a crash never leaves half a file,
and never over what it should not replace.

The data goes to a temporary file in the same folder, is flushed and fsynced,
then renamed over the target (an atomic replace on POSIX and Windows); the
folder is fsynced so the rename itself survives a power cut.

A rename replaces whatever the name points at, so the target is checked first, and
checked again just before the rename: a device node, FIFO or folder is never replaced
(as root, ``memo -o /dev/null`` would have replaced /dev/null), nor a symbolic link
(unless the caller means to replace the link itself), nor a read-only file; and a caller
that planned its edit from the file's bytes (``fix``) passes them as ``expect``, so a file
saved by someone else meanwhile is left as they saved it.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


class RefusedWrite(OSError):
    """The target is not something this write may replace; nothing was written."""


def write_atomic(path: Path, data: bytes, *, expect: bytes | None = None, replace_link: bool = False) -> None:
    """Write ``data`` to ``path`` atomically; raise RefusedWrite (nothing written) when the
    target is not a regular file, is read-only, or (with ``expect``) no longer holds those bytes."""
    folder = path.parent if str(path.parent) else Path(".")
    _check(path, expect, replace_link)
    # A new file gets the mode any other program would give it (0666 less the umask);
    # mkstemp's 0600 would hide a memo from the colleagues it was written for.
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask()
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        _check(path, expect, replace_link)  # again, as late as can be: a save meanwhile wins
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise
    _fsync_folder(folder)


def _check(path: Path, expect: bytes | None, replace_link: bool) -> None:
    try:
        status = os.lstat(path)  # never opens it: a FIFO would block
    except FileNotFoundError:
        if expect is not None:
            raise RefusedWrite(f"{path} was deleted since it was read; not written") from None
        return
    if stat.S_ISLNK(status.st_mode):
        if replace_link:
            return
        raise RefusedWrite(f"{path} is a symbolic link; not writing over it or through it")
    if not stat.S_ISREG(status.st_mode):
        raise RefusedWrite(f"{path} is not a regular file (a device, FIFO or folder); not replacing it")
    if not status.st_mode & 0o222:
        raise RefusedWrite(f"{path} is read-only; not replacing it (make it writable first if it should change)")
    if expect is not None and (status.st_size != len(expect) or path.read_bytes() != expect):
        raise RefusedWrite(f"{path} changed since it was read; not replacing it (run again to plan from the new text)")


def _umask() -> int:
    """The process's umask (read by setting it, so set it straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _fsync_folder(folder: Path) -> None:
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:  # not possible on every platform; the replace is still atomic
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
