"""Names a rewrite spells another way than its source: a renamed place is the same place.

"Bengaluru" for "Bangalore", "Mumbai" for "Bombay": no rule of spelling links them,
and no maintained library lists every renamed place, so the model's embedding of the
bare names is asked, with spelling as a guard (it keeps similar-looking countries apart).
The added-detail and changed-fact checks take the result (``details.is_variant``).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from rapidfuzz.distance import JaroWinkler

from ..core.lexicon import MONTHS, WEEKDAYS
from ..core.text import PreparedText
from .details import name_texts, new_name_texts

VARIANT_SPELLING = 0.65
VARIANT_MEANING = 0.70
"""Design, checked on place renamings (Bengaluru/Bangalore 0.75 and 0.79, Mumbai/Bombay 0.67 and
0.80, Beijing/Peking 0.75 and 0.71) against real swaps (Paris/London 0.58 in meaning, Austria/
Australia 0.64, India/Pakistan 0.74 in meaning but 0.45 in spelling): a name is another spelling
of one of the source's when the two are close in spelling (Jaro-Winkler, rapidfuzz) and in
all-MiniLM-L6-v2's embedding of the bare names. Weekdays and months are never variants
(Saturday/Sunday are close in both)."""


def name_variants(
    source: PreparedText, derivative: PreparedText, encode: Callable[[list[str]], np.ndarray]
) -> frozenset[str]:
    """The derivative's names (folded) that spell one of the source's names another way ("Bengaluru", "Bangalore").

    ``encode`` is the embedder's: a renamed place is the same place, and only the
    embedding knows that "Bengaluru" and "Bangalore" name one city; spelling alone
    keeps two similar-looking countries apart.
    """
    theirs = {t for t in name_texts(source) if not _is_date(t)}
    pairs = [
        (mine, t)
        for mine in new_name_texts(source, derivative)
        for t in theirs
        if JaroWinkler.similarity(mine, t) >= VARIANT_SPELLING
    ]
    if not pairs:
        return frozenset()
    vectors = encode([text for pair in pairs for text in pair])
    vectors = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
    return frozenset(
        mine for k, (mine, _) in enumerate(pairs) if float(vectors[2 * k] @ vectors[2 * k + 1]) >= VARIANT_MEANING
    )


def _is_date(text: str) -> bool:
    return text in WEEKDAYS or text.split(" ")[0] in MONTHS
