"""Regions of a place: "southwestern Virginia" where the source names Virginia, or only "Southern Virginia".

A compass point before a place narrows it to a region, and the region is a place of
its own (where a factory stands, which part of a country was hit): new when the source
never uses that compass point in any form. The compass points are a closed class of
English words, so a pattern covers them ("north", "southwestern", "South-West").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..core.textfold import Word

_COMPASS = re.compile(r"(north|south)?-?(east|west)?(?:ern)?")


def compass_point(word: str) -> str | None:
    """The compass point a word names ("southwestern", "South-West" and "southwest" are "southwest"), else None."""
    m = _COMPASS.fullmatch(word.lower())
    if m is None or not (m.group(1) or m.group(2)):
        return None
    return (m.group(1) or "") + (m.group(2) or "")


def region_before(text: str, ws: Sequence[Word], name: Sequence[Word], known: frozenset[str]) -> str | None:
    """The compass point of a lower-case word right before the name ``name`` (a run of ``ws``), when it is not one
    of the ``known`` points the source uses; else None. Capitalised, the point is part of the name itself."""
    k = list(ws).index(name[0])
    if not k or text[ws[k - 1].end : name[0].start] != " ":
        return None
    before = text[ws[k - 1].start : ws[k - 1].end]
    point = compass_point(before) if before[:1].islower() else None
    return None if point is None or point in known else point
