"""Dev-time: candidate actor and outlet names, by frequency, from the corpora.

Counts the one- to three-word sequences that follow a cue word (قوات، لواء،
جيش، حركة، تنظيم، جبهة، فصيل، ميليشيا، وكالة، صحيفة، قناة, …) in
``../shared/corpus/syria-news.jsonl`` and the middle-east sections of
``../shared/corpus/ant-2018.jsonl.gz``, on normalized text, and prints the
most frequent with their counts and whether the gazetteer already knows
them. A person reads the list and writes entries by hand; nothing here is
imported by the product.

Usage::

    .venv/bin/python training/gazetteer/cue_ngrams.py [TOP]
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from kg.extract.gazetteer import find_mentions
from kg.model import Document
from kg.text.normalize import normalize_string

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"


def normalized_words(text: str) -> list[str]:
    return [normalize_string(w) for w in text.split()]


CUES = normalized_words(
    "قوات لواء ألوية جيش حركة تنظيم جبهة فصيل فصائل ميليشيا ميليشيات مليشيا مليشيات "
    "جماعة كتائب كتيبة فيلق الفرقة هيئة حزب مجلس وكالة صحيفة قناة شبكة منظمة"
)
WORD = re.compile(r"[^\W\d_]+")
STOP = set(normalized_words("في من على إلى عن مع التي الذي الذين و أو ثم قد كما"))


def texts() -> Iterator[str]:
    with (SHARED / "syria-news.jsonl").open(encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)["text"]
    bulk = SHARED / "ant-2018.jsonl.gz"
    if bulk.exists():
        with gzip.open(bulk, "rt", encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                category = str(r.get("category", "")).lower()
                if "middle" in category or "arab" in category:
                    yield r["text"]


def main(top: int = 150) -> None:
    counts: Counter[str] = Counter()
    known: set[str] = set()
    for text in texts():
        words = WORD.findall(normalize_string(text))
        for i, w in enumerate(words):
            bare = w[1:] if w[:1] in "وفبل" and w[1:] in CUES else w
            if bare not in CUES:
                continue
            for n in (1, 2, 3):
                tail = words[i + 1:i + 1 + n]
                if len(tail) < n or tail[-1] in STOP or tail[0] in STOP:
                    break
                counts[" ".join([bare, *tail])] += 1
    for phrase, c in counts.most_common(top * 3)[: top * 3]:
        if c < 3:
            break
        if not known and not find_mentions(Document(doc_id="x", text=phrase)):
            print(f"{c:6d}  {phrase}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 150)
