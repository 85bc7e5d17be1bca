"""Reading files and folders: recursion, order, hidden files, symlink loops, unreadable entries.

A folder is read recursively in sorted name order. Hidden entries (names
starting with ``.``) are skipped silently; files of an unsupported type
inside a folder are reported as a skipped
:class:`~loaders.readers.records.ReadError` (a file of that type named
explicitly is an error). Symlinked folders
are followed, each folder at most once: folders are remembered by their
identity (device and inode, i.e. the resolved folder), so a link back to an
ancestor ends the descent instead of looping, and a folder reachable by two
links is read once. Broken links, self-referencing links and entries that
cannot be read (permission denied) become a ``ReadError`` and the walk goes on.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as d:
...     root = Path(d)
...     _ = root.joinpath("b.txt").write_text("عنوان\\nمتن", "utf-8")
...     _ = root.joinpath(".hidden.txt").write_text("x", "utf-8")
...     _ = root.joinpath("a.csv").write_text("x", "utf-8")
...     root.joinpath("loop").symlink_to(root)
...     [r.doc_id if hasattr(r, "text") else (r.reason, r.skipped) for r in read_path(root)]
[("unsupported file type '.csv'", True), 'b']
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from loaders.readers.dispatch import SUPPORTED_SUFFIXES, read_file
from loaders.readers.files import os_error_reason
from loaders.readers.records import ReadError, ReadResult

__all__ = ["read_path", "read_paths"]


def _is_article_file(path: Path) -> bool:
    return path.name.lower().endswith(SUPPORTED_SUFFIXES)


def _walk(path: Path, seen: set[tuple[int, int]], *, in_folder: bool = False) -> Iterator[ReadResult]:
    try:
        st = path.stat()
    except OSError as exc:
        broken = isinstance(exc, FileNotFoundError) and path.is_symlink()
        yield ReadError(str(path), None, "broken symbolic link" if broken else os_error_reason(exc))
        return
    if stat.S_ISREG(st.st_mode):
        if in_folder and not _is_article_file(path):
            suffix = f"'{path.suffix.lower()}'" if path.suffix else "(no extension)"
            yield ReadError(str(path), None, f"unsupported file type {suffix}", skipped=True)
            return
        yield from read_file(path)
    elif stat.S_ISDIR(st.st_mode):
        key = (st.st_dev, st.st_ino)
        if key in seen:
            return  # already read (a symlink loop, or a second link to it)
        seen.add(key)
        try:
            with os.scandir(path) as it:
                names = sorted(entry.name for entry in it)
        except OSError as exc:
            yield ReadError(str(path), None, os_error_reason(exc))
            return
        for name in names:
            if not name.startswith("."):
                yield from _walk(path / name, seen, in_folder=True)
    else:
        yield ReadError(str(path), None, "not a regular file or folder")


def read_path(path: str | Path) -> Iterator[ReadResult]:
    """The documents of a file or, recursively, of a folder.

    Parameters
    ----------
    path : str or Path
        A file (read whatever its name, hidden or not) or a folder.

    Yields
    ------
    Document or ReadError
        In sorted path order; never raises for bad input.

    Examples
    --------
    >>> list(read_path("/nonexistent/news.jsonl"))
    [ReadError(source='/nonexistent/news.jsonl', doc_id=None, reason='no such file or directory')]
    """
    return _walk(Path(path), set())


def read_paths(paths: Iterable[str | Path]) -> Iterator[ReadResult]:
    """The documents of several files or folders, in the order given.

    A folder reached twice (given twice, or nested in another one given) is
    read once.

    >>> [r.reason for r in read_paths(["/nonexistent/a.txt", "/nonexistent/b.txt"])]
    ['no such file or directory', 'no such file or directory']
    """
    seen: set[tuple[int, int]] = set()
    for path in paths:
        yield from _walk(Path(path), seen)
