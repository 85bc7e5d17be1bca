"""Article readers: encodings, formats, cleaning with offsets, folders, errors."""

from __future__ import annotations

import gzip
import json
import os
import random
import tracemalloc
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from kg.model import Document
from loaders.readers import (
    ReadError,
    ReadResult,
    clean_text,
    decode_bytes,
    detect_lang,
    read_file,
    read_path,
    read_paths,
)
from loaders.readers.clean import clean
from loaders.readers.jsonl import parse_record
from loaders.readers.records import content_id, parse_published

DATA = Path(__file__).resolve().parents[1] / "data" / "readers"
SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
TREC_SAMPLE = SHARED / "ant-sample-trec"
SYRIA_NEWS = SHARED / "syria-news.jsonl"
ANT_2018 = SHARED / "ant-2018.jsonl.gz"

needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/corpus not available")

TITLE = "قوافل إغاثة تصل إلى البلدة"
BODY = "وصلت صباح اليوم ثلاث قوافل تحمل الطحين والدواء.\nوقال متطوعون إن التوزيع سيبدأ غداً."
ARTICLE = f"{TITLE}\n\n{BODY}\n"


def docs(results: list[ReadResult]) -> list[Document]:
    return [r for r in results if isinstance(r, Document)]


def errors(results: list[ReadResult]) -> list[ReadError]:
    return [r for r in results if isinstance(r, ReadError)]


def source(r: ReadResult) -> str:
    assert r.source is not None
    return r.source


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def jsonl_line(**record: object) -> bytes:
    return (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")


# --------------------------------------------------------------------------- encodings


ENCODINGS = {
    "utf-8": ARTICLE.encode("utf-8"),
    "utf-8-bom": b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"),
    "utf-16-le-bom": b"\xff\xfe" + ARTICLE.encode("utf-16-le"),
    "utf-16-be-bom": b"\xfe\xff" + ARTICLE.encode("utf-16-be"),
    "utf-16-le": ARTICLE.encode("utf-16-le"),
    "utf-16-be": ARTICLE.encode("utf-16-be"),
    "utf-32-le-bom": b"\xff\xfe\x00\x00" + ARTICLE.encode("utf-32-le"),
    "utf-32-be-bom": b"\x00\x00\xfe\xff" + ARTICLE.encode("utf-32-be"),
    "windows-1256": ARTICLE.encode("cp1256"),
    "utf-8-crlf": ARTICLE.replace("\n", "\r\n").encode("utf-8"),
    "windows-1256-crlf": ARTICLE.replace("\n", "\r\n").encode("cp1256"),
}


@pytest.mark.parametrize("name", sorted(ENCODINGS))
def test_plain_text_in_each_encoding(tmp_path: Path, name: str) -> None:
    path = write(tmp_path / f"article-{name}.txt", ENCODINGS[name])
    [doc] = list(read_path(path))
    assert isinstance(doc, Document), doc
    assert doc.doc_id == f"article-{name}"
    assert doc.title == TITLE
    assert doc.text == BODY
    assert doc.lang == "ar"
    assert doc.source == str(path)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("حلب".encode("utf-16-le"), "utf-16-le"),  # Arabic only: no NUL byte at all
        ("سوريا".encode("utf-16-be"), "utf-16-be"),
        ("Shelling near the bridge\n".encode("utf-16-le"), "utf-16-le"),
        ("Shelling near the bridge\n".encode("utf-16-be"), "utf-16-be"),
        ("خبر عاجل: انقطاع الكهرباء".encode("cp1256"), "cp1256"),
        ("نص".encode(), "utf-8"),
    ],
)
def test_decode_bytes_names_the_encoding(data: bytes, encoding: str) -> None:
    assert decode_bytes(data).encoding == encoding


def test_latin1_is_not_mistaken_for_windows_1256() -> None:
    text = "Le café est fermé à cause des combats près de la rivière. " * 3
    decoded = decode_bytes(text.encode("latin-1"))
    assert decoded.encoding != "cp1256"  # charset-normalizer decides (a Latin code page)
    assert "Le café est fermé" in decoded.text


def test_html_declared_charset_is_used(tmp_path: Path) -> None:
    html = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256">'
            f"<title>{TITLE}</title></head><body><p>{BODY.replace(chr(10), '<br>')}</p></body></html>")
    [doc] = list(read_path(write(tmp_path / "page.htm", html.encode("cp1256"))))
    assert isinstance(doc, Document)
    assert doc.title == TITLE
    assert doc.text == BODY


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))),
        ("blob.txt", random.Random(7).randbytes(4096)),
        ("nuls.txt", b'{"text": "x"}\x00\x00\x00\x01\x02' * 20),
        ("page.html", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj"),
    ],
    ids=["png", "random", "nuls", "pdf"],
)
def test_binary_content_is_refused(tmp_path: Path, name: str, data: bytes) -> None:
    [err] = list(read_path(write(tmp_path / name, data)))
    assert isinstance(err, ReadError)
    assert err.reason == "not a text file (binary content)"
    assert err.source == str(tmp_path / name)


@pytest.mark.parametrize(
    "data",
    [b"", b"  \n\t\r\n", "\ufeff".encode("utf-8-sig"), "\u200f\u200b\n\u202b\u202c".encode()],
    ids=["empty", "whitespace", "bom-only", "invisible-only"],
)
@pytest.mark.parametrize("suffix", [".txt", ".html", ".trec"])
def test_empty_text(tmp_path: Path, data: bytes, suffix: str) -> None:
    [err] = list(read_path(write(tmp_path / f"empty{suffix}", data)))
    assert isinstance(err, ReadError)
    assert err.reason == "empty text"


# --------------------------------------------------------------------------- plain text


def test_plain_text_fixture() -> None:
    [doc] = list(read_path(DATA / "plain.txt"))
    assert isinstance(doc, Document)
    assert doc.doc_id == "plain"
    assert doc.title == "تحسن الطقس في المنطقة الساحلية"
    assert doc.text.startswith("عادت حركة الصيد")
    assert doc.text.endswith("في السوق.")


def test_single_line_text_has_no_title(tmp_path: Path) -> None:
    [doc] = list(read_path(write(tmp_path / "one.txt", "  خبر من سطر واحد  \n".encode())))
    assert isinstance(doc, Document)
    assert (doc.title, doc.text) == (None, "خبر من سطر واحد")


def test_english_text_is_en(tmp_path: Path) -> None:
    [doc] = list(read_path(write(tmp_path / "en.txt", b"Clashes reported\n\nFighting near the dam.")))
    assert isinstance(doc, Document)
    assert doc.lang == "en"


@pytest.mark.parametrize(
    ("text", "lang"),
    [("قصف مدفعي على الريف الشرقي", "ar"), ("Aleppo: قصف on the eastern countryside", "en"),
     ("12345 ...", "en"), ("قال المتحدث (AFP) إن الهدنة صامدة", "ar")],
)
def test_detect_lang(text: str, lang: str) -> None:
    assert detect_lang(text) == lang


# --------------------------------------------------------------------------- TREC


def test_trec_multi_doc_file() -> None:
    path = DATA / "trec-multi.txt"
    results = list(read_path(path))
    assert [(r.doc_id, type(r).__name__) for r in results] == [
        ("ant:TT-news-1-20180301", "Document"),
        ("ant:TT-news-2-20180302", "Document"),
        (None, "ReadError"),
        ("ant:TT-news-4-20180231", "ReadError"),
        ("ant:TT-news-5-20180305", "Document"),
    ]
    first, second, no_docno, bad_time, unclosed = results
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.outlet == "testoutlet"
    assert first.title == "اشتباكات متقطعة قرب الجسر الشمالي"
    assert first.url == "http://example.org/ar/news/1"
    assert first.published == "2018-03-01"
    assert first.source == f"{path}:2"
    assert "ملخص" not in first.text  # ABSTRACT is not the text
    assert "& الوضع هادئ نسبياً <بحسب المصادر>." in first.text  # contents are not XML
    assert second.published == "2018-03-02"  # the date as written, offset -0500 ignored
    assert second.url is None
    assert isinstance(no_docno, ReadError) and no_docno.reason == "TREC document without DOCNO"
    assert no_docno.source == f"{path}:27"
    assert isinstance(bad_time, ReadError)
    assert bad_time.reason == "published '2018-02-31' is not a valid date"
    assert isinstance(unclosed, Document) and unclosed.text == "وثيقة أخيرة لا يغلقها وسم النهاية."


@pytest.mark.parametrize("suffix", [".trec", ".xml", ".txt"])
def test_trec_extensions(tmp_path: Path, suffix: str) -> None:
    data = "\ufeff\n<DOC>\n<DOCNO>X-1</DOCNO>\n<TEXT>\nنص قصير\n</TEXT>\n</DOC>\n".encode()
    [doc] = list(read_path(write(tmp_path / f"f{suffix}", data)))
    assert isinstance(doc, Document)
    assert (doc.doc_id, doc.text) == ("ant:X-1", "نص قصير")


def test_xml_that_is_not_trec(tmp_path: Path) -> None:
    [err] = list(read_path(write(tmp_path / "feed.xml", b"<?xml version='1.0'?><rss></rss>")))
    assert isinstance(err, ReadError) and "not TREC-style" in err.reason


@needs_shared
def test_real_trec_sample_folder() -> None:
    results = list(read_path(TREC_SAMPLE))
    assert errors(results) == []
    found = docs(results)
    assert len(found) == 100
    assert len({d.doc_id for d in found}) == 100
    assert all(d.doc_id.startswith("ant:") and d.published and d.title and d.outlet for d in found)
    assert [source(d) for d in found] == sorted(source(d) for d in found)  # sorted walk


@needs_shared
def test_trec_matches_its_jsonl_twin() -> None:
    trec = {d.doc_id: d for d in docs(list(read_path(TREC_SAMPLE)))}
    needles = {f'"doc_id": "{doc_id}"'.encode(): doc_id for doc_id in trec}
    twins: dict[str, ReadResult] = {}
    with gzip.open(ANT_2018, "rb") as fh:
        for lineno, line in enumerate(fh, 1):
            head = line[:120]
            for needle, doc_id in needles.items():
                if needle in head:
                    twins[doc_id] = parse_record(json.loads(line), source=f"{ANT_2018}:{lineno}")
    assert set(twins) == set(trec)
    for doc_id, twin in twins.items():
        assert isinstance(twin, Document), twin
        mine = trec[doc_id]
        for field in ("doc_id", "outlet", "title", "published", "url", "text", "lang"):
            assert getattr(mine, field) == getattr(twin, field), (doc_id, field)


# --------------------------------------------------------------------------- JSONL


@needs_shared
def test_syria_news_jsonl() -> None:
    results = list(read_path(SYRIA_NEWS))
    assert errors(results) == []
    found = docs(results)
    assert len(found) == 210
    assert len({d.doc_id for d in found}) == 210
    assert found[0].source == f"{SYRIA_NEWS}:1"
    assert found[-1].source == f"{SYRIA_NEWS}:210"
    assert all(d.published and d.lang == "ar" for d in found)
    assert not any("\u200f" in d.text for d in found)


def test_jsonl_broken_lines_are_reported_and_the_rest_read() -> None:
    path = DATA / "broken.jsonl"
    results = {int(source(r).rsplit(":", 1)[1]): r for r in read_path(path)}
    assert sorted(results) == [1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13]  # line 10 is blank
    expected_errors = {
        2: (None, "invalid JSON at line 2: Expecting ',' delimiter"),
        3: ("t:3", "missing text"),
        4: ("t:4", "text is not a string (got int)"),
        5: ("t:5", "published '2018-02-31' is not a valid date"),
        6: ("t:6", "published '17/03/2018' is not a YYYY-MM-DD date"),
        7: ("t:7", "published '2999-01-01' is in the future"),
        11: (None, "the line is a JSON list, not an object"),
        12: ("t:12", "empty text"),
    }
    for line, (doc_id, reason) in expected_errors.items():
        err = results[line]
        assert isinstance(err, ReadError), err
        assert (err.source, err.doc_id, err.reason) == (f"{path}:{line}", doc_id, reason)
    first, iso, anonymous, last = results[1], results[8], results[9], results[13]
    assert isinstance(first, Document)
    assert (first.doc_id, first.outlet, first.published, first.url, first.title) == (
        "t:1", "testoutlet", "2018-03-17", "http://example.org/1", "خبر أول")
    assert first.source == f"{path}:1"  # where it was read from, not the record's "source"
    assert isinstance(iso, Document) and iso.published == "2018-03-17"
    assert isinstance(anonymous, Document)
    assert anonymous.doc_id == content_id("بلا معرّف", "خبر لا يحمل معرّفاً.")
    assert anonymous.doc_id == "sha256:" + anonymous.content_hash[:16]
    assert isinstance(last, Document) and last.published is None


def test_jsonl_lines_in_mixed_encodings(tmp_path: Path) -> None:
    data = (
        b"\xef\xbb\xbf" + jsonl_line(doc_id="m1", text="سطر بترميز يونيكود")
        + jsonl_line(doc_id="m2", text="سطر بترميز ويندوز العربي").decode("utf-8").encode("cp1256")
        + b'{"doc_id": "m3", "text": "\xff\xfe\xfa"}\n'  # undecodable as UTF-8: detection decides
        + jsonl_line(doc_id="m4", text="سطر أخير")
    )
    results = list(read_path(write(tmp_path / "mixed.jsonl", data)))
    assert [r.doc_id for r in results] == ["m1", "m2", "m3", "m4"]
    m1, m2, _, m4 = results
    assert isinstance(m1, Document) and m1.text == "سطر بترميز يونيكود"
    assert isinstance(m2, Document) and m2.text == "سطر بترميز ويندوز العربي"
    assert isinstance(m4, Document)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_jsonl_with_wide_bom(tmp_path: Path, encoding: str) -> None:
    text = "".join(json.dumps({"doc_id": f"w{i}", "text": f"خبر رقم {i}"}, ensure_ascii=False) + "\n"
                   for i in range(3))
    results = list(read_path(write(tmp_path / "wide.jsonl", text.encode(encoding))))
    assert [(r.doc_id, type(r).__name__) for r in results] == [
        ("w0", "Document"), ("w1", "Document"), ("w2", "Document")]


@pytest.mark.parametrize(
    ("published", "expected"),
    [("2018-03-17", "2018-03-17"), ("2018-03-17T10:00:00Z", "2018-03-17"),
     ("2018-03-17T23:30:00.123+04:00", "2018-03-17"), ("2018-03-17 08:00", "2018-03-17"),
     ("", None), (None, None)],
)
def test_published_forms(published: str | None, expected: str | None) -> None:
    assert parse_published(published) == expected


def _gzip_lines(n: int) -> bytes:
    rng = random.Random(3)
    words = ["قصف", "مدينة", "هدنة", "قافلة", "سوق", "نهر", "جسر", "مدرسة", "طريق", "مطر"]
    lines = b"".join(
        jsonl_line(doc_id=f"g{i}", text=" ".join(rng.choice(words) for _ in range(60)))
        for i in range(n)
    )
    return gzip.compress(lines)


def test_jsonl_gz(tmp_path: Path) -> None:
    results = list(read_path(write(tmp_path / "news.jsonl.gz", _gzip_lines(50))))
    assert errors(results) == []
    assert [d.doc_id for d in docs(results)] == [f"g{i}" for i in range(50)]


def test_truncated_gz_yields_what_was_read_then_an_error(tmp_path: Path) -> None:
    data = _gzip_lines(2000)
    path = write(tmp_path / "cut.jsonl.gz", data[: len(data) // 2])
    results = list(read_path(path))
    found = docs(results)
    assert len(found) > 100
    assert [d.doc_id for d in found] == [f"g{i}" for i in range(len(found))]
    last = results[-1]
    assert isinstance(last, ReadError)
    assert last.source == str(path)
    assert last.reason.startswith("gzip data is truncated after line")
    assert all(isinstance(r, Document) for r in results[: len(found)])


def test_gz_that_is_not_gzip(tmp_path: Path) -> None:
    [err] = list(read_path(write(tmp_path / "plain.jsonl.gz", jsonl_line(text="نص"))))
    assert isinstance(err, ReadError) and err.reason == "not a gzip file"


@needs_shared
def test_big_gzip_streams() -> None:
    tracemalloc.start()
    try:
        it = read_path(ANT_2018)
        firsts = [next(it) for _ in range(200)]
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert all(isinstance(d, Document) for d in firsts)
    assert peak < 8 * 1024 * 1024  # the file is 25 MB gzip, 114 MB of JSON


# --------------------------------------------------------------------------- HTML


def test_html_visible_text_only() -> None:
    [doc] = list(read_path(DATA / "article.html"))
    assert isinstance(doc, Document)
    assert doc.doc_id == "article"
    assert doc.title == "سقوط قذائف على حي سكني & نزوح عائلات"
    assert doc.text.split("\n") == [
        "الرئيسية",
        "أخبار",
        "سقوط قذائف على حي سكني",
        "قالت مصادر محلية إن عدة قذائف سقطت على الحي\xa0الشرقي مساء الأحد.",
        "وأضافت المصادر أن الأضرار مادية فقط",
        "ولم تسجل إصابات.",
        "المصدر: وكالة تجريبية <خاص> الخبر",
    ]
    for hidden in ("مخفي", "track", "font-family", "الإطار", "جافاسكربت", "قالب", "أيقونة", "رسم"):
        assert hidden not in doc.text


# --------------------------------------------------------------------------- cleaning


REMOVED = ["\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066",
           "\u2067", "\u2068", "\u2069", "\u061c", "\u200b", "\u200c", "\u200d", "\u2060",
           "\ufeff", "\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9f", "\x0b", "\x0c"]


@pytest.mark.parametrize("ch", REMOVED, ids=[f"U+{ord(c):04X}" for c in REMOVED])
def test_clean_removes(ch: str) -> None:
    c = clean_text(f"دير{ch} الزور{ch}")
    assert c.text == "دير الزور"
    assert list(c.offsets) == [0, 1, 2, 4, 5, 6, 7, 8, 9]
    assert c.raw_span(4, 9) == (5, 10)


@pytest.mark.parametrize(
    ("raw", "text"),
    [("a\r\nb", "a\nb"), ("a\rb", "a\nb"), ("a\r\r\nb", "a\n\nb"), ("a\tb\n", "a\tb\n"),
     ("مُحَمَّد", "مُحَمَّد"), ("قـــال", "قـــال"), ("ا\u0654", "أ")],
    ids=["crlf", "cr", "cr-crlf", "tab-newline", "diacritics-kept", "tatweel-kept", "nfc"],
)
def test_clean_keeps_and_normalises(raw: str, text: str) -> None:
    assert clean_text(raw).text == text
    assert clean(raw) == text


def _check_offsets(raw: str) -> None:
    nfc = unicodedata.normalize("NFC", raw)
    c = clean_text(raw)
    assert c.text == clean(raw)
    assert len(c.offsets) == len(c.text)
    assert c.raw_length == len(nfc)
    assert all(a < b for a, b in zip(c.offsets, c.offsets[1:], strict=False))
    for i, ch in enumerate(c.text):
        src = nfc[c.offsets[i]]
        assert src == ch or (src == "\r" and ch == "\n")
    for start in range(0, len(c.text), 3):
        for end in range(start, len(c.text) + 1, 5):
            s, e = c.raw_span(start, end)
            assert clean(nfc[s:e]) == c.text[start:end]


@pytest.mark.parametrize("seed", range(20))
def test_offset_map_random(seed: int) -> None:
    rng = random.Random(seed)
    alphabet = ["ق", "ا", "ل", " ", "ـ", "َ", "\u0654", "a", "\n", "\r", "\r\n", "\t", *REMOVED]
    _check_offsets("".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 200))))


def test_offset_map_maps_a_span_back_to_the_raw_text() -> None:
    raw = "\ufeff\u202bقال المرصد\u202c\u200f إن\u200c اشتباكات\r\nوقعت في\u2067 حلب\u2069."
    c = clean_text(raw)
    assert c.text == "قال المرصد إن اشتباكات\nوقعت في حلب."
    start = c.text.index("اشتباكات")
    s, e = c.raw_span(start, start + len("اشتباكات"))
    assert raw[s:e] == "اشتباكات"
    start = c.text.index("حلب")
    s, e = c.raw_span(start, start + 3)
    assert raw[s:e] == "حلب"
    assert c.raw_index(len(c.text)) == len(raw)
    stripped = clean_text("  \u200fنص  ").strip()
    assert (stripped.text, list(stripped.offsets)) == ("نص", [3, 4])


def test_document_text_is_the_clean_text(tmp_path: Path) -> None:
    path = write(tmp_path / "bidi.jsonl", jsonl_line(doc_id="b", text="\u202bقصف\u200c على\u202c\r\nحلب"))
    [doc] = list(read_path(path))
    assert isinstance(doc, Document)
    assert doc.text == "قصف على\nحلب"


# --------------------------------------------------------------------------- folders


def _tree(root: Path) -> Path:
    write(root / "b" / "2.txt", "عنوان\nنص ثان".encode())
    write(root / "b" / "1.txt", "عنوان\nنص أول".encode())
    write(root / "a.jsonl", jsonl_line(doc_id="j1", text="نص من سطر"))
    write(root / ".hidden.txt", "عنوان\nمخفي".encode())
    write(root / ".git" / "x.txt", "عنوان\nمخفي".encode())
    write(root / "notes.csv", b"a,b\n")
    write(root / "c.html", "<title>ص</title><p>نص صفحة</p>".encode())
    return root


def test_folder_sorted_recursive_hidden_skipped(tmp_path: Path) -> None:
    root = _tree(tmp_path / "corpus")
    results = list(read_path(root))
    assert [(Path(source(r)).name, r.doc_id) for r in results] == [
        ("a.jsonl:1", "j1"), ("1.txt", "1"), ("2.txt", "2"), ("c.html", "c"), ("notes.csv", None)]
    err = results[-1]
    assert isinstance(err, ReadError) and err.reason == "unsupported file type '.csv'"
    assert err.skipped  # inside a folder: passed over, not a failure


def test_unsupported_file_named_explicitly_is_an_error(tmp_path: Path) -> None:
    write(tmp_path / "notes.csv", b"a,b\n")
    [err] = list(read_path(tmp_path / "notes.csv"))
    assert isinstance(err, ReadError) and not err.skipped


def test_symlink_loops(tmp_path: Path) -> None:
    root = _tree(tmp_path / "corpus")
    (root / "b" / "up").symlink_to(root)  # a loop back to an ancestor
    (root / "b2").symlink_to(root / "b")  # a second way into b
    (root / "self").symlink_to(root / "self")  # a link to itself
    (root / "dangling.txt").symlink_to(root / "nowhere.txt")
    results = list(read_path(root))
    assert sorted(d.doc_id for d in docs(results)) == ["1", "2", "c", "j1"]
    reasons = {Path(e.source).name: e.reason for e in errors(results)}
    assert reasons == {
        "notes.csv": "unsupported file type '.csv'",
        "self": "too many levels of symbolic links (a symlink loop)",
        "dangling.txt": "broken symbolic link",
    }


def test_symlinked_folder_is_followed(tmp_path: Path) -> None:
    outside = _tree(tmp_path / "outside")
    root = tmp_path / "root"
    root.mkdir()
    (root / "linked").symlink_to(outside, target_is_directory=True)
    assert sorted(d.doc_id for d in docs(list(read_path(root)))) == ["1", "2", "c", "j1"]


def test_read_paths_reads_a_folder_once(tmp_path: Path) -> None:
    root = _tree(tmp_path / "corpus")
    results = list(read_paths([root, str(root / "b"), root / "a.jsonl"]))
    assert [r.doc_id for r in docs(results)] == ["j1", "1", "2", "c", "j1"]


def test_missing_path() -> None:
    [err] = list(read_path("/nonexistent/folder"))
    assert isinstance(err, ReadError) and err.reason == "no such file or directory"


def _permissions_enforced(tmp_path: Path) -> bool:
    probe = write(tmp_path / "probe", b"x")
    probe.chmod(0)
    try:
        probe.read_bytes()
    except PermissionError:
        return True
    finally:
        probe.chmod(0o644)
        probe.unlink()
    return False  # root (or CAP_DAC_OVERRIDE) reads everything


def test_permission_denied(tmp_path: Path) -> None:
    if not _permissions_enforced(tmp_path):
        pytest.skip("permissions are not enforced for this user (root)")
    root = _tree(tmp_path / "corpus")
    locked = write(root / "b" / "0-locked.txt", "عنوان\nنص".encode())
    locked_dir = root / "d-locked"
    write(locked_dir / "x.txt", "عنوان\nنص".encode())
    locked.chmod(0)
    locked_dir.chmod(0)
    try:
        results = list(read_path(root))
    finally:
        locked.chmod(0o644)
        locked_dir.chmod(0o755)
    reasons = {Path(e.source).name: e.reason for e in errors(results)}
    assert reasons["0-locked.txt"] == "permission denied"
    assert reasons["d-locked"] == "permission denied"
    assert sorted(d.doc_id for d in docs(results)) == ["1", "2", "c", "j1"]


def test_permission_denied_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same, for root too: the OS errors are raised by stand-ins."""
    root = _tree(tmp_path / "corpus")
    locked = write(root / "b" / "0-locked.txt", "عنوان\nنص".encode())
    locked_jsonl = write(root / "b" / "0-locked.jsonl", jsonl_line(text="نص"))
    locked_dir = root / "d-locked"
    write(locked_dir / "x.txt", "عنوان\nنص".encode())
    real_open, real_scandir = Path.open, os.scandir

    def fake_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self in (locked, locked_jsonl):
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    def fake_scandir(path: Any) -> Any:
        if Path(path) == locked_dir:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(Path, "open", fake_open)
    monkeypatch.setattr(os, "scandir", fake_scandir)
    results = list(read_path(root))
    reasons = {Path(e.source).name: e.reason for e in errors(results)}
    assert reasons == {
        "0-locked.txt": "permission denied",
        "0-locked.jsonl": "permission denied",
        "d-locked": "permission denied",
        "notes.csv": "unsupported file type '.csv'",
    }
    assert sorted(d.doc_id for d in docs(results)) == ["1", "2", "c", "j1"]


def test_unreadable_entries_do_not_stop_the_walk(tmp_path: Path) -> None:
    root = _tree(tmp_path / "corpus")
    os.mkfifo(root / "b" / "0-pipe.txt")  # opening a FIFO would block: it is not read
    results = list(read_path(root))
    reasons = {Path(e.source).name: e.reason for e in errors(results)}
    assert reasons["0-pipe.txt"] == "not a regular file or folder"
    assert sorted(d.doc_id for d in docs(results)) == ["1", "2", "c", "j1"]


def test_read_file_never_raises_for_odd_names(tmp_path: Path) -> None:
    [err] = list(read_file(write(tmp_path / "README", b"hello")))
    assert isinstance(err, ReadError) and err.reason == "unsupported file type (no extension)"
