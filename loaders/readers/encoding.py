"""Turning the bytes of a file (or of one JSONL line) into text, whatever the encoding.

:func:`decode_bytes` tries, in order:

1. a byte order mark: UTF-32 LE/BE, UTF-8, UTF-16 LE/BE;
2. known binary signatures (PNG, JPEG, GIF, PDF, ZIP, gzip, ...): refused;
3. strict UTF-8, unless the result is full of control characters (which is
   what UTF-16 without a BOM looks like when read as UTF-8);
4. UTF-16 without a BOM: one byte of each pair (the high byte) takes only a
   couple of values (``00`` for ASCII, ``06`` for Arabic), the other varies;
5. a NUL byte anywhere in the first 8 KiB (as ``git`` does) or many control
   bytes: refused as binary;
6. an encoding the document declares (``hint``, e.g. an HTML ``<meta charset>``);
7. Windows-1256, accepted only when most non-ASCII characters it yields are
   Arabic (Arabic news sites used it widely; statistical detectors tend to
   call such bytes cp1252 or Latin-1);
8. ``charset-normalizer`` as the last resort.

:func:`decode_line` is the per-line variant for JSONL: UTF-8, then steps 6–8.

Failures raise :class:`DecodeError`, whose ``reason`` is a sentence fit for a
:class:`~loaders.readers.records.ReadError`.

>>> decode_bytes("سوريا".encode("cp1256")).encoding
'cp1256'
>>> decode_bytes("\\ufeffسوريا".encode("utf-16-le")).text
'سوريا'
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from dataclasses import dataclass
from typing import Final

__all__ = ["BINARY_REASON", "DecodeError", "Decoded", "decode_bytes", "decode_line"]

BINARY_REASON: Final = "not a text file (binary content)"

_BOMS: Final[tuple[tuple[bytes, str], ...]] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_MAGIC: Final[tuple[bytes, ...]] = (
    b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"%PDF-", b"PK\x03\x04",
    b"\x1f\x8b", b"\xfd7zXZ\x00", b"7z\xbc\xaf\x27\x1c", b"\x7fELF", b"\x00\x00\x01\x00",
    b"SQLite format 3\x00",
)

_SNIFF_BYTES: Final = 8192
# Control characters that never occur in text (NUL and C0 except \t \n \v \f \r, ESC).
_CONTROL_CHARS: Final = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_CONTROL_BYTES: Final = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_ARABIC_BLOCK: Final = re.compile(r"[\u0600-\u06ff]")
_NON_ASCII: Final = re.compile(r"[^\x00-\x7f]")


class DecodeError(ValueError):
    """Bytes that cannot be read as text; ``reason`` says why in one sentence."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text and the name of the encoding it was read with.

    >>> Decoded("نص", "utf-8")
    Decoded(text='نص', encoding='utf-8')
    """

    text: str
    encoding: str


def _control_share(text: str) -> float:
    sample = text[:_SNIFF_BYTES]
    if not sample:
        return 0.0
    return (len(sample) - len(_CONTROL_CHARS.sub("", sample))) / len(sample)


def _concentration(data: bytes) -> float:
    """Share of ``data`` taken by its two most common byte values."""
    return sum(n for _, n in Counter(data).most_common(2)) / len(data)


def _guess_utf16(data: bytes) -> str | None:
    """``"utf-16-le"`` / ``"utf-16-be"`` when ``data`` looks like BOM-less UTF-16, else ``None``."""
    sample = data[: min(len(data), _SNIFF_BYTES) // 2 * 2]
    if len(sample) < 4:
        return None
    even, odd = _concentration(sample[0::2]), _concentration(sample[1::2])
    if odd >= 0.9 and odd > even:
        encoding = "utf-16-le"  # high bytes at odd positions
    elif even >= 0.9 and even > odd:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = data[: len(data) // 2 * 2].decode(encoding)
    except UnicodeDecodeError:
        return None
    return encoding if _control_share(text) < 0.01 else None


def _looks_arabic(text: str) -> bool:
    """Most non-ASCII characters are in the Arabic block (a test for Windows-1256)."""
    sample = text[:_SNIFF_BYTES * 4]
    non_ascii = len(sample) - len(_NON_ASCII.sub("", sample))
    arabic = len(sample) - len(_ARABIC_BLOCK.sub("", sample))
    return arabic > 0 and arabic * 10 >= non_ascii * 6


def _legacy(data: bytes, hint: str | None) -> Decoded:
    """Steps 6–8: declared encoding, Windows-1256 if Arabic, then charset-normalizer."""
    if hint:
        try:
            name = codecs.lookup(hint).name
            return Decoded(data.decode(name), name)
        except (LookupError, UnicodeDecodeError):
            pass
    text = data.decode("cp1256")  # every byte is defined in cp1256
    if _looks_arabic(text):
        return Decoded(text, "cp1256")
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise DecodeError("could not detect the text encoding")
    return Decoded(str(best), best.encoding)


def decode_bytes(data: bytes, *, hint: str | None = None) -> Decoded:
    """Decode the bytes of a whole file (see the module docstring for the order of tries).

    Parameters
    ----------
    data : bytes
        The file's content.
    hint : str, optional
        An encoding the content declares (HTML ``<meta charset>``); used only
        when the bytes are neither UTF-8 nor UTF-16.

    Returns
    -------
    Decoded
        The text (without BOM) and the encoding used.

    Raises
    ------
    DecodeError
        For binary content or bytes no encoding explains.

    Examples
    --------
    >>> decode_bytes("حمص".encode("utf-16-be")).encoding
    'utf-16-be'
    >>> decode_bytes(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00")
    Traceback (most recent call last):
    ...
    loaders.readers.encoding.DecodeError: not a text file (binary content)
    """
    if not data:
        return Decoded("", "utf-8")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom):].decode(encoding), encoding)
            except UnicodeDecodeError:
                if encoding.startswith("utf-32"):
                    continue  # FF FE 00 00 may be a UTF-16 LE BOM followed by U+0000
                raise DecodeError(f"bytes after the {encoding} byte order mark are not valid "
                                  f"{encoding}") from None
    if data.startswith(_MAGIC):
        raise DecodeError(BINARY_REASON)
    utf8: str | None
    try:
        utf8 = data.decode("utf-8")
    except UnicodeDecodeError:
        utf8 = None
    if utf8 is not None and _control_share(utf8) == 0.0:
        return Decoded(utf8, "utf-8")
    utf16 = _guess_utf16(data)
    if utf16 is not None:
        return Decoded(data[: len(data) // 2 * 2].decode(utf16), utf16)
    head = data[:_SNIFF_BYTES]
    if b"\x00" in head or len(_CONTROL_BYTES.findall(head)) * 20 > len(head):
        raise DecodeError(BINARY_REASON)
    if utf8 is not None:
        return Decoded(utf8, "utf-8")  # a few stray control characters: cleaning drops them
    return _legacy(data, hint)


def decode_line(data: bytes) -> Decoded:
    """Decode one line of a JSONL file: UTF-8, else Windows-1256 if Arabic, else detection.

    >>> decode_line('{"text": "هجوم"}'.encode("cp1256"))
    Decoded(text='{"text": "هجوم"}', encoding='cp1256')
    """
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        raise DecodeError(BINARY_REASON)
    return _legacy(data, None)
