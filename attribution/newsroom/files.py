"""Writing outputs safely: a temporary file in the target folder, then a rename.

Only a regular file (or a new name) is replaced that way. A character device or a pipe
(``/dev/stdout``, ``/proc/self/fd/1``, ``/dev/full``, a FIFO), directly or through a
symlink, is written straight to: renaming over it would replace the device node or the
link with a regular file. ``write_all`` lands every output of a run or none of them.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Sequence
from pathlib import Path


def write_atomic(path: str | Path, text: str) -> None:
    """Write ``text`` so that a reader never sees half a file; raises OSError."""
    write_all([(path, text)])


def write_all(outputs: Sequence[tuple[str | Path, str]]) -> None:
    """Write every ``(path, text)`` or, if any cannot be written, none of them; raises OSError.

    Every regular-file output is first written in full to a temporary file beside its
    target; only when all of them are written are they renamed into place (renames in
    one folder do not fail for want of space). Streams (devices, pipes) are written last.
    """
    staged: list[tuple[str, Path]] = []
    streams: list[tuple[Path, str]] = []
    try:
        for path, text in outputs:
            target = Path(path)
            if _is_stream(target):
                streams.append((target, text))
                continue
            staged.append((_stage(_real_target(target), text), _real_target(target)))
        for tmp, target in staged:
            os.replace(tmp, target)
        staged = []
    finally:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
    for target, text in streams:
        with open(target, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)


def _is_stream(target: Path) -> bool:
    try:
        mode = target.stat().st_mode  # follows symlinks: /proc/self/fd/1 is the terminal or pipe
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)


def _real_target(target: Path) -> Path:
    """A symlink to a regular file: the file it points to is replaced, the link stays a link."""
    return Path(os.path.realpath(target)) if target.is_symlink() else target


def _stage(target: Path, text: str) -> str:
    directory = target.parent if str(target.parent) else Path(".")
    directory.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        os.chmod(tmp, _file_mode(target))
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def _file_mode(target: Path) -> int:
    """Keep an existing file's mode; a new file gets the usual mode under the umask."""
    if target.exists():
        return target.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def remove_stale_temporaries(directory: Path) -> int:
    """Delete the temporary files a killed run left in ``directory`` (the caller holds its lock)."""
    removed = 0
    for tmp in directory.glob(".*.tmp"):
        if tmp.is_file() and not tmp.is_symlink():
            tmp.unlink(missing_ok=True)
            removed += 1
    return removed
