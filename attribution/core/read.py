"""Stage 1: bytes from a file or stream become a Document.

Decoding keeps the text exactly as written (no newline or Unicode normalisation),
because every offset in the report points into it.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import stat
import unicodedata
from pathlib import Path

from ..errors import InputError
from .records import Document

DEFAULT_MAX_CHARS = 400_000
"""Comfortably above a 20,000-word article (about 130,000 characters)."""

_BINARY_MAGIC = {
    b"%PDF-": "a PDF file",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or a .docx/.xlsx file)",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable",
    b"\xd0\xcf\x11\xe0": "a legacy Office document",
}
_HTML_START = re.compile(rb"^\s*(<!doctype html|<html\b|<head\b|<body\b)", re.IGNORECASE)
_HTML_FRAGMENT = re.compile(rb"^\s*<article\b", re.IGNORECASE)
"""An ``<article>`` fragment is HTML only in a file named .html or .htm: plain text may start with the word."""
_READABLE = re.compile(r"[^\s\x00-\x1f\x7f-\x9f\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]")
_PDF_HEADER = re.compile(rb"%PDF-\d\.\d")
"""A PDF starts "%PDF-1.7"; prose that starts with "%PDF" is prose."""


def is_url(name: str) -> bool:
    """Whether ``name`` is a URL (``https://…``), not a file path: a scheme of two letters or more, then ``://``."""
    return re.match(r"[A-Za-z][A-Za-z0-9+.-]+://", name) is not None


def read_path(path: str | Path, *, max_chars: int = DEFAULT_MAX_CHARS, html: str = "auto") -> Document:
    """Read and decode a file; ``"-"`` is not handled here (see ``read_bytes``)."""
    p = Path(path)
    try:
        info = p.stat()  # follows symlinks: a link to /dev/zero is /dev/zero
    except FileNotFoundError:
        raise InputError(f"{p}: no such file") from None
    except OSError as exc:  # a symlink loop (ELOOP), a name too long, no permission on a folder
        raise InputError(f"{p}: cannot be read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{p}: is a directory, not a text file")
    if not stat.S_ISREG(info.st_mode):
        # A FIFO would block forever and /dev/zero never ends: only regular files are read.
        raise InputError(f"{p}: is not a regular file (a device, pipe or socket); attrib reads only files")
    try:
        with p.open("rb") as handle:
            data = handle.read(max_bytes(max_chars) + 1)
    except OSError as exc:
        raise InputError(f"{p}: cannot be read ({exc.strerror or exc})") from None
    return read_bytes(data, path=str(p), max_chars=max_chars, html=html)


def max_bytes(max_chars: int) -> int:
    """The most bytes ``max_chars`` characters can take in any encoding attrib reads (UTF-32 and a BOM)."""
    return 4 * max_chars + 4


def read_bytes(
    data: bytes, *, path: str | None = None, max_chars: int = DEFAULT_MAX_CHARS, html: str = "auto"
) -> Document:
    name = path or "<stdin>"
    if len(data) > max_bytes(max_chars):
        raise InputError(
            f"{name}: has over {max_bytes(max_chars):,} bytes, more than {max_chars:,} characters can take "
            "(raise the limit with --max-chars)"
        )
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic) and (magic != b"%PDF-" or _PDF_HEADER.match(data)):
            raise InputError(f"{name}: is {what}, not text; save the article as plain text or HTML")
    text, encoding = decode(data, name)
    names: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    head = data[:2048].lstrip(codecs.BOM_UTF8)
    html_file = path is not None and Path(path).suffix.lower() in (".html", ".htm")
    if html == "auto" and (_HTML_START.match(head) or (html_file and _HTML_FRAGMENT.match(head))):
        from .html_input import extract_article, page_names, page_urls

        names, urls = page_names(text), page_urls(text)
        text = extract_article(text, name)
        encoding += "+html"
    if not _READABLE.search(text):  # zero-width characters, controls and spaces only: nothing to read
        raise InputError(f"{name}: is empty; there is no text to audit")
    if len(text) > max_chars:
        raise InputError(
            f"{name}: has {len(text):,} characters, over the limit of {max_chars:,} (raise it with --max-chars)"
        )
    return Document(
        text=text,
        path=path,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        names=names,
        urls=urls,
    )


def text_document(text: str, path: str | None = None, encoding: str = "utf-8") -> Document:
    """A Document for text already in memory; its hash is of the UTF-8 bytes."""
    return Document(text, path, hashlib.sha256(text.encode("utf-8")).hexdigest(), encoding)


def decode(data: bytes, name: str = "<input>") -> tuple[str, str]:
    """Decode by BOM, then strict UTF-8, then charset detection."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                raise InputError(f"{name}: starts with a {encoding} mark but does not decode as {encoding}") from None
    if b"\x00" in data:
        raise InputError(f"{name}: contains NUL bytes; it looks like a binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # A few bad bytes in UTF-8 text (a pasted cp1252 character, a cut multi-byte one) are
    # replaced, and the report says how many: guessing another encoding for the whole
    # file turned every curly quote into mojibake (read as mac_iceland).
    mostly = data.decode("utf-8", errors="replace")
    bad = mostly.count("\ufffd") - data.count("\ufffd".encode())
    multibyte = sum(1 for ch in mostly if ord(ch) > 127) - mostly.count("\ufffd")
    if 0 < bad <= multibyte:
        return mostly, f"utf-8 ({bad} invalid byte{'s' if bad != 1 else ''} replaced)"
    # Windows-1252 is by far the commonest legacy encoding of news copy, and statistical
    # detection on a short text often mistakes it for a neighbour (cp1250: "crème" as
    # "crčme"); take it whenever its reading shows no mojibake.
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and _plausible_western(western):
        return western, "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{name}: is not text in any encoding attrib recognises")
    text = str(best)
    if _looks_binary(text):
        raise InputError(f"{name}: looks like a binary file, not text")
    return text, best.encoding


_TYPOGRAPHIC = set("‘’“”‚„–—…•«»\u00a0°·")


def _plausible_western(text: str) -> bool:
    """No sign of mojibake: no symbol glued to a letter, no capital inside a lower-case word, no C1 controls."""
    for i, ch in enumerate(text):
        if ord(ch) < 128 or ch in _TYPOGRAPHIC:
            continue
        category = unicodedata.category(ch)
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if category.startswith("L"):
            if ch.isupper() and before.isalpha() and before.islower():
                return False
            continue
        if category.startswith("C"):
            return False
        if (before.isalpha() or after.isalpha()) and not (category == "Sc" and after.isdigit()):
            return False
    return True


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    return control > len(sample) * 0.01
