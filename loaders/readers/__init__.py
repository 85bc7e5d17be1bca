"""Article readers: files and folders in, :class:`~kg.model.Document` or :class:`ReadError` out.

Formats: plain text (``.txt``), TREC-style ``<DOC>`` files (``.txt``,
``.trec``, ``.xml``), JSON Lines (``.jsonl``, ``.jsonl.gz``) and HTML
(``.html``, ``.htm``); see :mod:`loaders.readers.dispatch`. Bytes are
decoded whatever their encoding (:mod:`loaders.readers.encoding`) and text
is cleaned with an offset map back to the raw text
(:mod:`loaders.readers.clean`). Readers never raise for bad input: what
cannot be read is a :class:`ReadError` item in the stream.

>>> [result] = read_path(__file__)
>>> result.reason
"unsupported file type '.py'"
>>> clean_text("\\u200fحلب").text
'حلب'
"""

from loaders.readers.clean import CleanText, clean_text, detect_lang
from loaders.readers.dispatch import SUPPORTED_SUFFIXES, read_file
from loaders.readers.encoding import Decoded, DecodeError, decode_bytes
from loaders.readers.records import ReadError, ReadResult
from loaders.readers.walk import read_path, read_paths

__all__ = [
    "SUPPORTED_SUFFIXES",
    "CleanText",
    "DecodeError",
    "Decoded",
    "ReadError",
    "ReadResult",
    "clean_text",
    "decode_bytes",
    "detect_lang",
    "read_file",
    "read_path",
    "read_paths",
]
