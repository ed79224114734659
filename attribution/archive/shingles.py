"""Word n-gram shingles of folded text, hashed to signed 64-bit integers: the keys of the lexical index.

Pure functions of the text and two parameters, so anything that indexes or queries an archive (the CLI,
the Spark job of the distributed issue) produces the same keys. Text is folded first (case, look-alike
letters, zero-width characters, quote and dash variants; ``attribution.core.textfold``), so a disguised
copy shingles like the original.

Only shingles whose hash is 0 modulo ``sample`` are kept (the "0 mod p" fingerprint selection of Broder's
shingling and of MOSS): the index holds 1/sample of the shingles, and a copied passage of a few dozen words
still shares several of them with its source, on both sides alike. The hash is BLAKE2b (stdlib, stable
across processes and machines, unlike ``hash()``), truncated to 64 bits so it fits an SQLite INTEGER.
"""

from __future__ import annotations

from dataclasses import dataclass
from hashlib import blake2b

from ..core.textfold import words

SHINGLE_WORDS = 5
"""Words per shingle: five-word runs are the copied-run unit of the audit (``thresholds``), and rarely
shared by independent reports of one event."""
SAMPLE = 2
"""Keep one shingle in ``SAMPLE`` (by hash)."""


@dataclass(frozen=True)
class Shingle:
    hash: int
    start: int
    """Character offsets of the shingle's words in the original text."""
    end: int
    position: int
    """Index of the shingle's first word."""


def shingles(text: str, *, size: int = SHINGLE_WORDS, sample: int = SAMPLE) -> list[Shingle]:
    """The kept shingles of ``text``, in text order, with their offsets (for showing shared passages)."""
    found = words(text)
    folded = [w.text for w in found]
    out = []
    for i in range(len(folded) - size + 1):
        value = _hash(" ".join(folded[i : i + size]))
        if value % sample == 0:
            out.append(Shingle(value, found[i].start, found[i + size - 1].end, i))
    if not out and 0 < len(folded) < size:
        # A text shorter than one shingle is one shingle (kept whatever its hash, so it can be found at all).
        out.append(Shingle(_hash(" ".join(folded)), found[0].start, found[-1].end, 0))
    return out


def shingle_hashes(text: str, *, size: int = SHINGLE_WORDS, sample: int = SAMPLE) -> list[int]:
    """The distinct kept shingle hashes of ``text``, sorted (what the index stores for a document)."""
    return sorted({s.hash for s in shingles(text, size=size, sample=sample)})


def _hash(shingle: str) -> int:
    return int.from_bytes(blake2b(shingle.encode("utf-8"), digest_size=8).digest(), "little", signed=True)
