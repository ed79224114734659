"""Pairs CSVs: columns ``source,derivative`` (and any others), paths relative to the CSV."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError


@dataclass(frozen=True)
class Pair:
    derivative: Path
    sources: tuple[Path, ...]
    source_names: tuple[str, ...] = ()
    """From the optional ``source_name`` column: names the source goes by, separated by ``;``."""


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
    return [Pair(base / row["derivative"], (base / row["source"],), source_name_cell(row)) for row in rows]


def source_name_cell(row: dict[str, str]) -> tuple[str, ...]:
    """The names in a row's ``source_name`` column (several separated by ``;``)."""
    return tuple(n.strip() for n in (row.get("source_name") or "").split(";") if n.strip())
