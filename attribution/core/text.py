"""A text prepared once and read by every stage and check (as every spaCy component reads one ``Doc``).

``PreparedText`` holds the sentences with their roles, the folded words with their
offsets, and which words each sentence owns. Work a check derives from a whole text
(the source's quotation index, the facts it mentions) is kept on the text itself
through ``derived``, so a wire story compared with a hundred rewrites is worked out
once. Runners (batch, check, corpora) hold one ``TextStore`` for the run, keyed by
the text's SHA-256; a single ``compare`` uses a store of its own.
"""

from __future__ import annotations

import bisect
import hashlib
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from .records import Sentence
from .roles import assign_roles
from .segment import segment
from .textfold import Word, words

SOURCE_SEPARATOR = "\n\n"
"""Between the texts of several sources joined into one (a blank line: no sentence runs across it)."""

Derived = TypeVar("Derived")


@dataclass(frozen=True, eq=False)
class PreparedText:
    text: str
    sentences: tuple[Sentence, ...]
    words: tuple[Word, ...]
    sentence_words: tuple[tuple[int, int], ...]
    """For each sentence, the range of its words in ``words``."""
    starts: tuple[int, ...]
    """Each sentence's start offset, for finding the sentence at an offset."""
    _derived: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, text: str, sentences: Sequence[Sentence] | None = None) -> PreparedText:
        """``text`` segmented and given roles (or with the ``sentences`` given), its words assigned to sentences."""
        if sentences is None:
            sentences = assign_roles(segment(text))
        all_words = words(text)
        ranges = []
        i = 0
        for s in sentences:
            while i < len(all_words) and all_words[i].start < s.start:
                i += 1
            j = i
            while j < len(all_words) and all_words[j].end <= s.end:
                j += 1
            ranges.append((i, j))
            i = j
        return cls(text, tuple(sentences), tuple(all_words), tuple(ranges), tuple(s.start for s in sentences))

    def sentence_at(self, offset: int) -> int | None:
        """The index of the sentence holding character ``offset``, if any."""
        k = bisect.bisect_right(self.starts, offset) - 1
        if k >= 0 and self.sentences[k].start <= offset < self.sentences[k].end:
            return k
        return None

    def words_of(self, index: int) -> tuple[Word, ...]:
        a, b = self.sentence_words[index]
        return self.words[a:b]

    def derived(self, key: str, build: Callable[[PreparedText], Derived]) -> Derived:
        """``build(self)``, computed once per text and kept with it (key: the check's name for it)."""
        if key not in self._derived:
            self._derived[key] = build(self)
        result: Derived = self._derived[key]
        return result


def joined(parts: Sequence[PreparedText]) -> tuple[PreparedText, tuple[int, ...]]:
    """Several prepared texts as one, each keeping its own sentences and roles; and where each begins.

    Each text is prepared on its own (a second wire story's headline is still a headline),
    then its sentences, words and offsets are shifted into the joined text.
    """
    offsets: list[int] = []
    sentences: list[Sentence] = []
    all_words: list[Word] = []
    ranges: list[tuple[int, int]] = []
    at = block = 0
    for part in parts:
        offsets.append(at)
        first_word = len(all_words)
        for s in part.sentences:
            sentences.append(
                replace(s, index=len(sentences), start=s.start + at, end=s.end + at, block=s.block + block)
            )
        all_words.extend(Word(w.text, w.start + at, w.end + at) for w in part.words)
        ranges.extend((a + first_word, b + first_word) for a, b in part.sentence_words)
        block += max((s.block for s in part.sentences), default=-1) + 1
        at += len(part.text) + len(SOURCE_SEPARATOR)
    text = SOURCE_SEPARATOR.join(part.text for part in parts)
    prepared = PreparedText(text, tuple(sentences), tuple(all_words), tuple(ranges), tuple(s.start for s in sentences))
    return prepared, tuple(offsets)


class TextStore:
    """Prepared texts by the SHA-256 of their text, for one run: each text is prepared once.

    Bounded (least recently used goes first), so a batch of ten thousand rewrites keeps
    its few wire stories and lets each rewrite go once compared.
    """

    def __init__(self, capacity: int = 256) -> None:
        self._texts: OrderedDict[str, PreparedText] = OrderedDict()
        self._capacity = capacity

    def get(self, text: str) -> PreparedText:
        key = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        prepared = self._texts.get(key)
        if prepared is None:
            prepared = self._texts[key] = PreparedText.of(text)
            if len(self._texts) > self._capacity:
                self._texts.popitem(last=False)
        else:
            self._texts.move_to_end(key)
        return prepared

    def __len__(self) -> int:
        return len(self._texts)
