"""What ``attrib index add`` reads: files (.txt, .md, .html), folders of them, and JSONL or CSV tables.

Tables have the columns ``id`` and ``text`` and optionally ``published``, ``source_name``, ``url``,
``title``. A file's id is its path as given (a folder's files: the folder as given joined with their path
inside it). Every problem is a one-line ``InputError`` naming the file (and line): a table without an
``id`` or ``text`` column, an empty text, a date that is not ISO 8601, the same id twice.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from ..core.read import DEFAULT_MAX_CHARS, read_path
from ..errors import InputError
from .store import Record

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
TABLE_SUFFIXES = (".jsonl", ".csv")
OPTIONAL_COLUMNS = ("published", "source_name", "url", "title")
# Front matter as newsroom articles write it (``---`` YAML ``---``); read here only for the metadata.
_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


def read_records(paths: Iterable[str | Path], *, max_chars: int = DEFAULT_MAX_CHARS) -> list[Record]:
    """Every record in ``paths``; the same id twice (in one file or across them) is an error."""
    seen: dict[str, str] = {}
    out: list[Record] = []
    for path in paths:
        for record, where in _records_of(Path(path), max_chars):
            if record.id in seen:
                raise InputError(f"{where}: duplicate id {record.id!r} (also in {seen[record.id]})")
            seen[record.id] = where
            out.append(record)
    return out


def _records_of(path: Path, max_chars: int) -> Iterator[tuple[Record, str]]:
    if not path.exists():
        raise InputError(f"{path}: no such file or folder")
    if path.is_dir():
        files = sorted(
            p
            for p in path.rglob("*")
            if p.is_file()
            and p.suffix.lower() in TEXT_SUFFIXES
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
        for file in files:
            yield _text_record(file, max_chars), str(file)
        return
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _jsonl(path)
    elif suffix == ".csv":
        yield from _csv(path)
    elif suffix in TEXT_SUFFIXES:
        yield _text_record(path, max_chars), str(path)
    else:
        raise InputError(f"{path}: not a file attrib indexes (.txt, .md, .html, .jsonl, .csv)")


def _text_record(path: Path, max_chars: int) -> Record:
    document = read_path(path, max_chars=max_chars)
    text = document.text
    meta: dict[str, Any] = {}
    match = _FRONT_MATTER.match(text) if path.suffix.lower() in (".md", ".markdown") else None
    if match:
        try:
            loaded = yaml.safe_load(match.group(1))
        except yaml.YAMLError:
            loaded = None
        meta = loaded if isinstance(loaded, dict) else {}
        text = text[match.end() :]
    if not text.strip():
        raise InputError(f"{path}: is empty; there is nothing to index")
    published = meta.get("published", meta.get("date"))
    return Record(
        id=path.as_posix(),
        text=text,
        published=iso_date(published, str(path)) if published is not None else None,
        source_name=_text_or_none(meta.get("source_name")),
        url=_text_or_none(meta.get("url")),
        title=_text_or_none(meta.get("title")),
        path=str(path.resolve()),
    )


def _jsonl(path: Path) -> Iterator[tuple[Record, str]]:
    with _open_text(path) as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{where}: not a JSON object ({exc.msg})") from None
            if not isinstance(row, dict):
                raise InputError(f"{where}: not a JSON object")
            yield _row_record(row, where), where


def _csv(path: Path) -> Iterator[tuple[Record, str]]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with _open_text(path) as handle:
        reader = csv.DictReader(handle)
        columns = reader.fieldnames or []
        for needed in ("id", "text"):
            if needed not in columns:
                raise InputError(f"{path}: has no {needed!r} column (columns: {', '.join(columns) or 'none'})")
        for row in reader:
            where = f"{path}:{reader.line_num}"
            yield _row_record(row, where), where


def _row_record(row: dict[str, Any], where: str) -> Record:
    doc_id, text = row.get("id"), row.get("text")
    if doc_id is None or str(doc_id).strip() == "":
        raise InputError(f"{where}: no id")
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{where}: no text")
    published = row.get("published")
    return Record(
        id=str(doc_id).strip(),
        text=text,
        published=iso_date(published, where) if published not in (None, "") else None,
        source_name=_text_or_none(row.get("source_name")),
        url=_text_or_none(row.get("url")),
        title=_text_or_none(row.get("title")),
    )


def iso_date(value: object, where: str) -> str:
    """A date or date-time normalised to ISO 8601; anything else is a one-line error naming ``where``."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    text = str(value).strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
    except ValueError:
        raise InputError(f"{where}: date {text!r} is not ISO 8601 (YYYY-MM-DD)") from None


def _text_or_none(value: object) -> str | None:
    return None if value in (None, "") else str(value)


def _open_text(path: Path):  # type: ignore[no-untyped-def]
    try:
        return path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
