"""Stage 1: find the input files, read their bytes, decide HTML vs text, decode.

Everything here is defensive: a file that cannot be read, decoded or parsed raises
:class:`IngestError` with a short code, and the caller records it in the errors file.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from charset_normalizer import from_bytes

#: file suffixes overclaim reads; anything else met while walking a folder is reported
SUFFIXES = {".html": "html", ".htm": "html", ".txt": "text", ".md": "text", ".jsonl": "jsonl"}
MAX_BYTES = 50 * 1024 * 1024
_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.I | re.S)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_WESTERN = {"cp1250", "cp1252", "latin_1", "iso8859_1", "iso8859_2", "iso8859_15", "cp1257", "mac_roman", "cp850"}
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"),
         (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


class IngestError(Exception):
    """An input that cannot become an article; ``code`` is stable, ``message`` says why."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


@dataclass
class RawDoc:
    """One article as read from disk, before cleaning.

    Attributes:
        source: the input path as given, or ``path#line`` for a JSONL line.
        id: first 16 hex chars of the sha256 of the raw input bytes.
        format: ``"html"`` or ``"text"``.
        content: the decoded page (HTML source or plain text).
        encoding: the encoding the bytes were decoded with.
        meta: fields a JSONL line carried besides its text (url, title, ...).
        record: a whole record written by ``overclaim extract``, when the input was one.
    """

    source: str
    id: str
    format: str
    content: str
    encoding: str = "utf-8"
    meta: dict = field(default_factory=dict)
    record: dict | None = None


def walk(inputs: Iterable[str | Path]) -> Iterator[Path]:
    """Yield input files: files as given, folders walked recursively in sorted order.

    Dotfiles and dot-folders inside a walked folder are skipped. A path that does not exist
    is yielded as is, so that reading it reports the error.
    """
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path).parts
                if any(part.startswith(".") for part in rel) or child.is_dir():
                    continue
                yield child
        else:
            yield path


def read_bytes(path: Path) -> bytes:
    """Read a file, refusing what is missing, unreadable, empty or oversized; gunzip if needed."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise IngestError("too_large", f"{size} bytes; the limit is {MAX_BYTES}")
        data = path.read_bytes()
    except FileNotFoundError:
        raise IngestError("not_found", "no such file") from None
    except IsADirectoryError:
        raise IngestError("unreadable", "is a directory") from None
    except PermissionError:
        raise IngestError("unreadable", "permission denied") from None
    except OSError as exc:
        raise IngestError("unreadable", exc.strerror or str(exc)) from None
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise IngestError("corrupt", f"broken gzip data: {exc}") from None
    return data


def decode(data: bytes, *, html: bool = False) -> tuple[str, str]:
    """Decode bytes to text; return ``(text, encoding)``.

    Order: byte-order mark; UTF-8; for HTML a declared ``<meta charset>``; charset detection;
    windows-1252; latin-1 (which cannot fail). Data with NUL bytes and no UTF-16/32 BOM is
    refused as binary.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding.replace("-sig", "")
            except UnicodeDecodeError as exc:
                raise IngestError("decode_error", f"invalid {encoding} after its BOM: {exc.reason}") from None
    if b"\x00" in data[:8192]:
        raise IngestError("binary", "contains NUL bytes: not a text or HTML file")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates: list[str] = []
    if html:
        declared = _META_CHARSET.search(data[:8192])
        if declared:
            candidates.append(declared.group(1).decode("ascii", "replace"))
    best = from_bytes(data[:65536]).best()
    if best is not None:
        # western single-byte guesses are near-ties; web pages in them are nearly always cp1252
        candidates.append("cp1252" if best.encoding in _WESTERN else best.encoding)
    candidates += ["cp1252", "latin-1"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
        return text, _canonical(encoding)
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


def _canonical(encoding: str) -> str:
    aliases = {"windows-1252": "cp1252", "iso-8859-1": "latin-1", "iso8859_1": "latin-1", "latin_1": "latin-1"}
    name = encoding.lower().replace("_", "-")
    return aliases.get(name, name)


def looks_like_html(data: bytes) -> bool:
    """True when the bytes start like an HTML document (after a BOM, blanks and comments)."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", "ignore").encode("ascii", "ignore")
    return bool(_HTML_START.match(head))


def doc_id(data: bytes) -> str:
    """The stable article id: first 16 hex chars of the sha256 of the raw bytes."""
    return hashlib.sha256(data).hexdigest()[:16]


def read(path: Path, source: str | None = None) -> list[RawDoc | IngestError]:
    """Read one input file into articles (several for JSONL) or errors, never raising.

    Args:
        path: the file.
        source: the name to report (defaults to ``str(path)``).

    Returns:
        One :class:`RawDoc` per article and one :class:`IngestError` (with ``source`` set as
        an attribute) per article that failed, in file order.
    """
    source = source or str(path)
    try:
        data = read_bytes(path)
        kind = suffix_kind(path)
        if kind == "jsonl":
            return list(read_jsonl(data, source))
        if kind is None and not looks_like_html(data):
            raise IngestError("unsupported_format", f"'{path.suffix or path.name}' is not .html, .htm, .txt, .md or .jsonl")
        return [from_bytes_doc(data, source, hint=kind)]
    except IngestError as error:
        error.source = source  # type: ignore[attr-defined]
        return [error]


def suffix_kind(path: Path) -> str | None:
    """``html``, ``text`` or ``jsonl`` by the file's suffix (``.gz`` looks one further)."""
    name = path.name.lower().removesuffix(".gz")
    return SUFFIXES.get(Path(name).suffix)


def from_bytes_doc(data: bytes, source: str, *, hint: str | None = None, meta: dict | None = None) -> RawDoc:
    """Turn raw page bytes into a :class:`RawDoc`; ``hint`` is the format the suffix suggests."""
    if not data.strip():
        raise IngestError("empty", "the input has no content")
    is_html = looks_like_html(data) or (hint == "html" and b"<" in data[:4096])
    text, encoding = decode(data, html=is_html)
    if not text.strip():
        raise IngestError("empty", "the input has no visible characters")
    if _garbage_ratio(text) > 0.05:
        raise IngestError("binary", "mostly control characters: not a text or HTML file")
    return RawDoc(source=source, id=doc_id(data), format="html" if is_html else "text",
                  content=text, encoding=encoding, meta=dict(meta or {}))


def _garbage_ratio(text: str) -> float:
    sample = text[:20000]
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\n\r\t\f") or ch == "\ufffd")
    return bad / max(1, len(sample))


def read_jsonl(data: bytes, source: str) -> Iterator[RawDoc | IngestError]:
    """Articles from a JSONL file: a ``text`` or ``html`` field per line, or extract records."""
    text, _ = decode(data)
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}#{number}"
        try:
            yield jsonl_doc(line, where)
        except IngestError as error:
            error.source = where  # type: ignore[attr-defined]
            yield error


def jsonl_doc(line: str, source: str) -> RawDoc:
    """One JSONL line as an article."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise IngestError("invalid_json", f"line is not JSON: {exc.msg} at column {exc.colno}") from None
    if not isinstance(obj, dict):
        raise IngestError("invalid_json", "line is not a JSON object")
    raw = line.encode("utf-8")
    if isinstance(obj.get("claims"), list) and isinstance(obj.get("text"), str) and "boilerplate" in obj:
        return RawDoc(source=obj.get("source", source), id=obj.get("id") or doc_id(raw), format=obj.get("format", "text"),
                      content=obj["text"], record=obj)
    meta = {k: obj[k] for k in ("url", "title", "author", "published") if isinstance(obj.get(k), str)}
    if isinstance(obj.get("html"), str) and obj["html"].strip():
        return RawDoc(source=source, id=doc_id(raw), format="html", content=obj["html"], meta=meta)
    if isinstance(obj.get("text"), str) and obj["text"].strip():
        return RawDoc(source=source, id=doc_id(raw), format="text", content=obj["text"], meta=meta)
    raise IngestError("missing_field", "JSONL line has no non-empty 'text' or 'html' field")
