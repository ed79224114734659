"""Character tricks in the derivative that disguise copied text.

Folding (``textfold``) already undoes them for matching; this stage names them, so
the report can say which trick was used and where.
"""

from __future__ import annotations

import bisect
from collections import defaultdict

from ..core.records import Evasion
from ..core.text import PreparedText
from ..core.textfold import fold


def find_evasions(prepared: PreparedText) -> tuple[Evasion, ...]:
    """Character tricks in the story sentences: homoglyphs, zero-width characters, odd spaces..."""
    text, sentences, starts = prepared.text, prepared.sentences, prepared.starts
    spans: dict[tuple[int, str], list[int]] = defaultdict(list)
    for trick, offset in fold(text).tricks:
        k = bisect.bisect_right(starts, offset) - 1
        if k < 0 or not (sentences[k].start <= offset < sentences[k].end) or not sentences[k].role.is_story:
            continue
        spans[(k, trick)].append(offset)
    found = []
    for (k, trick), offsets in sorted(spans.items()):
        chars = "".join(sorted({text[o] for o in offsets}))
        found.append(Evasion(trick, min(offsets), max(offsets) + 1, k, chars))
    return tuple(found)
