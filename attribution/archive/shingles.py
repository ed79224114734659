"""Word n-gram shingles of folded text, hashed to signed 64-bit integers: the keys of the lexical index.

Pure functions of the text and two parameters, so anything that indexes or queries an archive (the CLI,
the Spark job of the distributed issue) produces the same keys. Text is folded first (case, look-alike
letters, zero-width characters, quote and dash variants; ``attribution.core.textfold``), so a disguised
copy shingles like the original.

Hashing: each distinct word gets 64 bits of BLAKE2b (stdlib, stable across processes, machines and Python
versions, unlike ``hash()``); a shingle's hash is a fixed linear combination of its words' hashes modulo
2**64 followed by a 64-bit finaliser (splitmix64's), computed for all shingles at once with numpy. Hashing
every shingle with BLAKE2b cost 2.5 µs a shingle, and made indexing too slow for 1,000 stories a second.

Only shingles whose hash is 0 modulo ``sample`` are kept (the "0 mod p" fingerprint selection of Broder's
shingling and of MOSS): the index holds 1/sample of the shingles, and a copied passage of a few dozen words
still shares several of them with its source, on both sides alike.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from hashlib import blake2b

import numpy as np

from ..core.textfold import word_strings, words

SHINGLE_WORDS = 5
"""Words per shingle: five-word runs are the copied-run unit of the audit (``thresholds``), and rarely
shared by independent reports of one event."""
SAMPLE = 2
"""Keep one shingle in ``SAMPLE`` (by hash)."""
# Odd 64-bit multipliers, one per position in the shingle (digits of pi), and splitmix64's finaliser constants.
_POSITION = np.array(
    [0x243F6A8885A308D3, 0x13198A2E03707345, 0xA4093822299F31D1, 0x082EFA98EC4E6C89, 0x452821E638D01377,
     0xBE5466CF34E90C6D, 0xC0AC29B7C97C50DD, 0x3F84D5B5B5470917],
    dtype=np.uint64,
)  # fmt: skip
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)


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
    hashes = _hashes([w.text for w in found], size)
    keep = np.flatnonzero(hashes % sample == 0) if len(found) >= size else range(len(hashes))
    return [Shingle(int(hashes[i]), found[i].start, found[min(i + size, len(found)) - 1].end, int(i)) for i in keep]


def shingle_hashes(text: str, *, size: int = SHINGLE_WORDS, sample: int = SAMPLE) -> list[int]:
    """The distinct kept shingle hashes of ``text``, sorted (what the index stores for a document)."""
    return shingle_array(text, size=size, sample=sample).tolist()


def shingle_array(text: str, *, size: int = SHINGLE_WORDS, sample: int = SAMPLE) -> np.ndarray:
    """``shingle_hashes`` as a sorted int64 array."""
    folded = word_strings(text)
    hashes = _hashes(folded, size)
    if len(folded) >= size:
        hashes = hashes[hashes % sample == 0]
    return np.unique(hashes)


def hash_texts(
    texts: Sequence[str], *, size: int = SHINGLE_WORDS, sample: int = SAMPLE, jobs: int = 1
) -> Iterator[np.ndarray]:
    """``shingle_array`` of each text, in order; with ``jobs`` > 1 computed in that many processes while the
    caller consumes the results (so indexing overlaps shingling)."""
    work = partial(shingle_array, size=size, sample=sample)
    if jobs <= 1 or len(texts) < 200:
        yield from map(work, texts)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(work, texts, chunksize=64)


def _hashes(folded: Sequence[str], size: int) -> np.ndarray:
    """Signed 64-bit hashes of every shingle (a text shorter than one shingle is one shingle)."""
    if not folded:
        return np.zeros(0, dtype=np.int64)
    if not 1 <= size <= len(_POSITION):
        raise ValueError(f"shingle size must be 1 to {len(_POSITION)}")
    known = list(map(_WORD_HASHES.get, folded))  # one C-level pass: news vocabulary repeats
    if None in known:
        known = [h if h is not None else _word_hash(w) for h, w in zip(known, folded, strict=True)]
    ids = np.array(known, dtype=np.uint64)
    span = min(size, len(ids))
    n = len(ids) - span + 1
    with np.errstate(over="ignore"):
        h = np.zeros(n, dtype=np.uint64)
        for k in range(span):
            h += ids[k : k + n] * _POSITION[k]
        h ^= h >> np.uint64(30)
        h *= _MIX1
        h ^= h >> np.uint64(27)
        h *= _MIX2
        h ^= h >> np.uint64(31)
    return h.view(np.int64)


_WORD_HASHES: dict[str, int] = {}


def _word_hash(word: str) -> int:
    if len(_WORD_HASHES) >= 1 << 21:  # a bounded cache: news vocabulary repeats, rare words do not
        _WORD_HASHES.clear()
    value = int.from_bytes(blake2b(word.encode("utf-8"), digest_size=8).digest(), "little") or 1
    _WORD_HASHES[word] = value
    return value
