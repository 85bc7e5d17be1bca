"""Reading files from disk, with operating-system errors turned into one-sentence reasons.

>>> os_error_reason(PermissionError(13, "Permission denied"))
'permission denied'
>>> os_error_reason(FileNotFoundError(2, "No such file or directory"))
'no such file or directory'
"""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Final

__all__ = ["MAX_FILE_BYTES", "FileTooLarge", "os_error_reason", "read_bytes"]

#: Files read whole (plain text, TREC, HTML) above this size are refused; JSONL streams.
MAX_FILE_BYTES: Final = 64 * 1024 * 1024

_REASONS: Final[dict[int, str]] = {
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOENT: "no such file or directory",
    errno.ELOOP: "too many levels of symbolic links (a symlink loop)",
    errno.EISDIR: "is a directory",
    errno.ENOTDIR: "a parent of the path is not a directory",
    errno.ENAMETOOLONG: "file name too long",
}


class FileTooLarge(OSError):
    """A file too large to read whole."""


def os_error_reason(exc: OSError) -> str:
    """A short lower-case sentence for an operating-system error.

    Parameters
    ----------
    exc : OSError
        The error raised by ``open``, ``stat`` or ``scandir``.

    Returns
    -------
    str

    Examples
    --------
    >>> os_error_reason(OSError(errno.EIO, "Input/output error"))
    'input/output error'
    """
    if isinstance(exc, FileTooLarge):
        return str(exc)
    if exc.errno in _REASONS:
        return _REASONS[exc.errno]
    message = exc.strerror or str(exc) or type(exc).__name__
    return message[:1].lower() + message[1:]


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The whole content of a file, refusing files over ``limit`` bytes.

    Raises
    ------
    OSError
        From ``open``/``read``, or :class:`FileTooLarge`.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = Path(d, "a.txt"); _ = p.write_bytes(b"abc")
    ...     read_bytes(p)
    b'abc'
    """
    with path.open("rb") as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise FileTooLarge(f"file larger than {limit // (1024 * 1024)} MiB")
    return data
