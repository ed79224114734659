"""Pairs CSVs: columns ``source,derivative`` (and any others), paths relative to the CSV; and what a row says
about its source beside its text (``source_name``, ``source_url``), merged with the derivative's front matter."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from .articles import Article


@dataclass(frozen=True)
class Pair:
    derivative: Path
    sources: tuple[Path, ...]
    source_names: tuple[str, ...] = ()
    """From the optional ``source_name`` column: names the source goes by, separated by ``;``."""
    source_urls: tuple[str, ...] = ()
    """From the optional ``source_url`` column: the source's own URLs, separated by ``;`` or spaces."""


def manifest_rows(manifest: Path, *, need_source: bool = True) -> list[dict[str, str]]:
    """The rows of a pairs CSV: columns source,derivative (and any others), paths relative to it.

    Without ``need_source`` (``batch --archive``), the ``source`` column may be missing or empty."""
    try:
        with manifest.open(newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as exc:
        raise InputError(f"{manifest}: cannot be read ({exc.strerror or exc})") from None
    except (csv.Error, UnicodeDecodeError) as exc:
        raise InputError(f"{manifest}: not a readable CSV ({exc})") from None
    needed = {"source", "derivative"} if need_source else {"derivative"}
    if not rows or not needed <= set(rows[0] or {}):
        raise InputError(f"{manifest}: needs the columns {','.join(sorted(needed, reverse=True))}")
    return rows


def read_manifest(manifest: Path) -> list[Pair]:
    """Pairs from a CSV with columns source,derivative (paths relative to the manifest)."""
    rows = manifest_rows(manifest)
    base = manifest.parent
    return [
        Pair(base / row["derivative"], (base / row["source"],), source_name_cell(row), source_url_cell(row))
        for row in rows
    ]


def source_name_cell(row: dict[str, str]) -> tuple[str, ...]:
    """The names in a row's ``source_name`` column (several separated by ``;``)."""
    return tuple(n.strip() for n in (row.get("source_name") or "").split(";") if n.strip())


def source_url_cell(row: dict[str, str]) -> tuple[str, ...]:
    """The URLs in a row's ``source_url`` column (several separated by ``;``, as names are, or by spaces:
    a URL holds neither)."""
    return tuple(u for u in re.split(r"[;\s]+", row.get("source_url") or "") if u)


def with_front_matter(
    names: tuple[str, ...],
    urls: tuple[str, ...],
    article: Article | None,
    sources: tuple[Path, ...] | None,
    resolve: Callable[[str], Path] | None = None,
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The names and URLs of a row's source: the row's (``source_name``, ``source_url``) and, after them, the
    derivative's front matter's (``source_name:``, ``source_url:``), each once.

    Both count, as every name a source goes by does (any one of them credits it): a manifest written for the
    whole desk gives the wire's name, the author's front matter the name the article credits. Front matter
    that names other sources (``source:`` files that are not the row's ``sources``) describes those, so its
    names and URLs are left out; ``sources`` None (found in an archive) takes them whatever it names.
    ``resolve`` turns a front-matter ``source:`` into a path (default: relative to the article); a value it
    refuses (an InputError: outside the repository) is another source."""
    if article is None:
        return names, urls
    if sources is not None:
        locate = resolve or (lambda s: article.path.parent / s)
        try:
            theirs = {locate(s).resolve() for s in article.sources}
        except InputError:  # a source: it refuses, or one that is not a path: not the row's
            return names, urls
        if theirs and theirs != {s.resolve() for s in sources}:
            return names, urls
    return (
        tuple(dict.fromkeys((*names, *article.source_names))),
        tuple(dict.fromkeys((*urls, *article.source_urls))),
    )
