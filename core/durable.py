"""Writing files so that a crash never leaves half a file under its final name: write a temporary file, fsync
it, rename it, fsync the folder.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import IO, Callable


def write_atomically(path, write: Callable[[IO], object], *, binary: bool = False) -> Path:
    """Call ``write(f)`` on a new temporary file beside ``path``, make it durable, then give it ``path``'s
    name; return the path.

    ``f`` is a binary file if ``binary``, else a UTF-8 text file opened with ``newline=""`` (so the
    csv module decides the line ends). The file gets the permissions a plain ``open`` would give
    (0666 less the umask), not mkstemp's private 0600. Until the final rename ``path`` is untouched;
    on any failure (an OSError, or whatever ``write`` raises) the temporary file is removed and the
    exception propagates unchanged, so callers word their own messages.
    """
    path = Path(path)
    folder = path.parent
    # Same folder as the target: os.replace is only atomic within one file system.
    fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        if binary:
            f = os.fdopen(fd, "wb")
        else:
            f = os.fdopen(fd, "w", newline="", encoding="utf-8")
        with f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp_name, 0o666 & ~_umask())
        os.replace(tmp_name, path)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except OSError:
            pass
        raise
    fsync_folder(folder)
    return path


def _umask() -> int:
    """The process's umask. Reading it means setting it, so it is set straight back."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def fsync_folder(folder: Path) -> None:
    """Make a rename inside folder durable (POSIX); Windows cannot open folders and does not need it."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
