"""Scoring reports against hand labels in the gold format (shared/gold/README.md).

Works on the JSON document (``Report.to_dict()``), so anything that writes that
document can be scored. Sentences are found by anchors: a piece of text inside
exactly one sentence, compared after NFKC with curly quotes made straight and white
space folded.
"""

from __future__ import annotations

import bisect
import json
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import CorpusError, InputError

_STRAIGHTEN = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"'})


@dataclass(frozen=True)
class GoldPair:
    path: Path
    source: Path
    derivative: Path
    labels: dict[str, Any]

    @property
    def source_names(self) -> tuple[str, ...]:
        """Names the source goes by, as the gold's ``origin`` states them (``source_name``: a name or a list),
        for the audit's ``--source-name``. Never the verdict's ``credited_as``: that is the answer scored."""
        return _strings(self.labels.get("origin"), ("source_name", "source_names"), self.path)

    @property
    def source_urls(self) -> tuple[str, ...]:
        """The source's own URLs, as the gold's ``origin`` states them (``source_url``, the page its text was
        taken from, and ``source_original_url``, the original of a reprint), for the audit's ``--source-url``."""
        return _strings(self.labels.get("origin"), ("source_url", "source_urls", "source_original_url"), self.path)


def load_gold(path: str | Path) -> GoldPair:
    """A gold file and the two texts it labels; raises ``CorpusError`` for anything else."""
    p = Path(path)
    try:
        labels = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise CorpusError(f"{path}: not a gold file ({exc})") from None
    if not isinstance(labels, dict) or not all(isinstance(labels.get(k), str) for k in ("source", "derivative")):
        raise CorpusError(f"{path}: not a gold file (needs an object with 'source' and 'derivative' paths)")
    pair = GoldPair(p, _locate(p, labels["source"]), _locate(p, labels["derivative"]), labels)
    from ..pipeline import given_urls  # here: scoring a report needs no model, reading a gold file none either

    try:
        given_urls(pair.source_urls, f"{path}: origin source URL")
    except InputError as exc:
        raise CorpusError(str(exc)) from None
    return pair


def _strings(origin: Any, keys: tuple[str, ...], path: Path) -> tuple[str, ...]:
    """The strings under ``keys`` of a gold's ``origin`` (each a string or a list of them), in key order."""
    if origin is None:
        return ()
    if not isinstance(origin, dict):
        raise CorpusError(f"{path}: 'origin' must be an object")
    out: list[str] = []
    for key in keys:
        value = origin.get(key)
        values = [value] if isinstance(value, str) else value if value is not None else []
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise CorpusError(f"{path}: origin '{key}' must be a string or a list of strings")
        out += values
    return tuple(dict.fromkeys(v.strip() for v in out if v.strip()))


def _locate(gold: Path, relative: str) -> Path:
    """Paths are relative to shared/ in the shared gold set, or to the gold file itself."""
    for base in (gold.parent, *gold.parent.parents):
        candidate = base / relative
        if candidate.exists():
            return candidate
    return gold.parent / relative


def normalise(text: str) -> tuple[str, list[int]]:
    """The comparison form of ``text`` and, for each of its characters, the original offset."""
    out: list[str] = []
    origin: list[int] = []
    space = False
    for i, ch in enumerate(text):
        piece = unicodedata.normalize("NFKC", ch).translate(_STRAIGHTEN)
        for c in piece:
            if c.isspace():
                space = bool(out)
                continue
            if space:
                out.append(" ")
                origin.append(i)
                space = False
            out.append(c)
            origin.append(i)
    return "".join(out), origin


class Anchors:
    """Finds which sentence of a reported document holds an anchor."""

    def __init__(self, text: str, sentences: list[dict[str, Any]]) -> None:
        self.text, self.origin = normalise(text)
        self.sentences = sentences

    def span(self, anchor: str, within: str | None = None) -> tuple[int, int] | None:
        """Where ``anchor`` stands; with ``within`` (the anchor of its sentence, as an added detail's ``in``
        gives it), the first occurrence inside that sentence, so a detail named twice is found where gold puts it."""
        needle, _ = normalise(anchor)
        at = self.text.find(needle)
        if within is not None:
            k = self.sentence(within)
            if k is not None:
                s = self.sentences[k]
                inside = self.text.find(needle, bisect.bisect_left(self.origin, s["start"]))
                if inside >= 0 and self.origin[inside] < s["end"]:
                    at = inside
        if at < 0 or not needle:
            return None
        return self.origin[at], self.origin[at + len(needle) - 1] + 1

    def sentence(self, anchor: str) -> int | None:
        span = self.span(anchor)
        if span is None:
            return None
        for s in self.sentences:
            if s["start"] <= span[0] < s["end"]:
                return int(s["index"])
        return None


@dataclass
class Tally:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += ok
        self.total += 1

    @property
    def rate(self) -> float | None:
        return self.right / self.total if self.total else None


@dataclass
class Scores:
    pairs: int = 0
    origin: bool = True
    """Whether each pair was audited with the source's names and URLs its gold's ``origin`` states
    (``attrib eval`` by default; ``--no-origin``: blind)."""
    given: int = 0
    """Pairs audited with a name or URL from their gold's ``origin``."""
    derivative: Tally = field(default_factory=Tally)
    """Label in accept and, where gold names sources, one of them named."""
    derivative_label: Tally = field(default_factory=Tally)
    alignment: Tally = field(default_factory=Tally)
    source: Tally = field(default_factory=Tally)
    quotes: Tally = field(default_factory=Tally)
    details_recall: Tally = field(default_factory=Tally)
    details_precision: Tally = field(default_factory=Tally)
    verdict: Tally = field(default_factory=Tally)
    confusion: dict[str, Counter[tuple[str, str]]] = field(
        default_factory=lambda: {"derivative": Counter(), "source": Counter()}
    )
    misses: list[str] = field(default_factory=list)
    items: list[dict[str, Any]] = field(default_factory=list)
    """Per pair with a gold verdict: derivation and credit, got and gold."""

    def per_label(self, side: str) -> dict[str, dict[str, float | int]]:
        pairs = self.confusion[side]
        labels = sorted({g for g, _ in pairs} | {p for _, p in pairs})
        result = {}
        for label in labels:
            tp = pairs[(label, label)]
            fp = sum(n for (g, p), n in pairs.items() if p == label and g != label)
            fn = sum(n for (g, p), n in pairs.items() if g == label and p != label)
            precision = tp / (tp + fp) if tp + fp else 0.0
            recall = tp / (tp + fn) if tp + fn else 0.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            result[label] = {
                "precision": round(precision, 4),
                "recall": round(recall, 4),
                "f1": round(f1, 4),
                "support": tp + fn,
            }
        return result

    def to_dict(self) -> dict[str, Any]:
        def tally(t: Tally) -> dict[str, Any]:
            return {"right": t.right, "total": t.total, "rate": None if t.rate is None else round(t.rate, 4)}

        return {
            "pairs": self.pairs,
            "given_from_origin": self.given if self.origin else None,
            "derivative_sentences": tally(self.derivative),
            "derivative_labels": tally(self.derivative_label),
            "source_alignment": tally(self.alignment),
            "source_sentences": tally(self.source),
            "quotes": tally(self.quotes),
            "added_details_recall": tally(self.details_recall),
            "added_details_precision": tally(self.details_precision),
            "verdict": tally(self.verdict),
            "derivative_per_label": self.per_label("derivative"),
            "source_per_label": self.per_label("source"),
            "misses": self.misses,
            "items": self.items,
        }


def score(gold: dict[str, Any], report: dict[str, Any], scores: Scores | None = None, name: str = "") -> Scores:
    """Add one pair's results to ``scores``."""
    scores = scores or Scores()
    scores.pairs += 1
    src_text = _text(report["source"])
    der_text = _text(report["derivative"])
    src = Anchors(src_text, report["source"]["sentences"])
    der = Anchors(der_text, report["derivative"]["sentences"])
    prefix = f"{name}: " if name else ""

    for item in gold.get("derivative_sentences", []):
        k = der.sentence(item["anchor"])
        accept = item.get("accept") or [item["label"]]
        got = report["derivative"]["sentences"][k] if k is not None else None
        label = got["label"] if got else "missing"
        label_ok = label in accept
        scores.derivative_label.add(label_ok)
        scores.confusion["derivative"][(label if label_ok else item["label"], label)] += 1
        sources_ok = True
        if item.get("sources") and got is not None:
            wanted = {src.sentence(a) for a in item["sources"]} - {None}
            sources_ok = bool(wanted & set(got.get("sources", [])))
            scores.alignment.add(sources_ok)
        scores.derivative.add(label_ok and sources_ok)
        if not (label_ok and sources_ok):
            scores.misses.append(
                f"{prefix}derivative “{item['anchor']}”: {label} {got.get('sources') if got else ''}"
                f" (gold {'/'.join(accept)} from {item.get('sources') or '-'})"
            )

    for item in gold.get("source_sentences", []):
        k = src.sentence(item["anchor"])
        accept = item.get("accept") or [item["label"]]
        label = report["source"]["sentences"][k]["label"] if k is not None else "missing"
        ok = label in accept
        scores.source.add(ok)
        scores.confusion["source"][(label if ok else item["label"], label)] += 1
        if not ok:
            scores.misses.append(f"{prefix}source “{item['anchor']}”: {label} (gold {'/'.join(accept)})")

    for item in gold.get("quotes", []):
        accept = item.get("accept") or [item["status"]]
        found = _quote(item["anchor"], report["quotes"], der)
        status = found["status"] if found else "not found"
        ok = status in accept
        scores.quotes.add(ok)
        if not ok:
            scores.misses.append(f"{prefix}quote “{item['anchor']}”: {status} (gold {'/'.join(accept)})")

    gold_spans = [(der.span(d["anchor"], d.get("in")), d) for d in gold.get("added_details", [])]
    for span, item in gold_spans:
        ok = span is not None and any(_overlap(span, (d["start"], d["end"])) for d in report["added_details"])
        scores.details_recall.add(ok)
        if not ok:
            scores.misses.append(f"{prefix}added detail “{item['anchor']}”: not reported")
    for d in report["added_details"]:
        ok = any(s and _overlap(s, (d["start"], d["end"])) for s, _ in gold_spans)
        scores.details_precision.add(ok)
        if not ok:
            text = d.get("text") or der_text[d["start"] : d["end"]]
            scores.misses.append(f"{prefix}added detail “{text}”: reported, not in the gold")

    if "verdict" in gold:
        v, g = report["verdict"], gold["verdict"]
        ok = v["derived"] == g["derived"] and v["credits_source"] == g["credits_source"]
        if g.get("credited_as"):
            ok = ok and (v.get("credited_as") or "").casefold() == g["credited_as"].casefold()
        accepted = g.get("derivation_accept") or ([g["derivation"]] if "derivation" in g else [])
        ok = ok and (not accepted or v.get("derivation") in accepted)
        scores.verdict.add(ok)
        scores.items.append(
            {
                "pair": name,
                "right": ok,
                "derivation": v.get("derivation"),
                "gold_derivation": "/".join(accepted) or None,
                "credits_source": v["credits_source"],
                "gold_credits_source": g["credits_source"],
                "credited_as": v.get("credited_as"),
            }
        )
        if not ok:
            scores.misses.append(
                f"{prefix}verdict: {v['derived']}/{v.get('derivation')}/{v['credits_source']}/{v.get('credited_as')}"
                f" (gold {g['derived']}/{'/'.join(accepted) or '-'}/{g['credits_source']}/{g.get('credited_as')})"
            )
    return scores


def _text(document: dict[str, Any]) -> str:
    """Rebuild enough of the text to find anchors: each sentence at its offset."""
    sentences = document["sentences"]
    length = max((s["end"] for s in sentences), default=0)
    chars = [" "] * length
    for s in sentences:
        chars[s["start"] : s["end"]] = s["text"]
    return "".join(chars)


def _quote(anchor: str, quotes: Iterable[dict[str, Any]], der: Anchors) -> dict[str, Any] | None:
    span = der.span(anchor)
    if span is None:
        return None
    best = None
    best_overlap = 0
    for q in quotes:
        overlap = min(span[1], q["end"]) - max(span[0], q["start"])
        if overlap > best_overlap:
            best, best_overlap = q, overlap
    return best


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


def format_scores(scores: Scores) -> str:
    d = scores.to_dict()
    given = (
        f"{scores.given} given the source's name or URL from the gold's origin"
        if scores.origin
        else "--no-origin: the gold's origin not used"
    )
    lines = [f"pairs scored: {scores.pairs} ({given})"]
    for key, title in (
        ("derivative_sentences", "derivative sentences (label and sources)"),
        ("derivative_labels", "derivative labels"),
        ("source_alignment", "source alignment"),
        ("source_sentences", "source labels"),
        ("quotes", "quote status"),
        ("added_details_recall", "added details recall"),
        ("added_details_precision", "added details precision"),
        ("verdict", "verdict"),
    ):
        t = d[key]
        rate = "  -  " if t["rate"] is None else f"{t['rate']:6.1%}"
        lines.append(f"  {title:42} {t['right']:>4}/{t['total']:<4} {rate}")
    for side in ("derivative", "source"):
        for label, m in d[f"{side}_per_label"].items():
            lines.append(
                f"  {side} {label:12} P {m['precision']:.2f}  R {m['recall']:.2f}  F1 {m['f1']:.2f}  (n={m['support']})"
            )
    if scores.items:
        lines.append("verdicts (derivation, credit: got / gold):")
        for item in scores.items:
            credit = f"credited as {item['credited_as']}" if item["credits_source"] else "not credited"
            wanted = "credited" if item["gold_credits_source"] else "not credited"
            lines.append(
                f"  {'ok  ' if item['right'] else 'MISS'} {item['pair']:44} {item['derivation']:9}"
                f" / {item['gold_derivation'] or '-':17} {credit} / {wanted}"
            )
    if scores.misses:
        lines.append("misses:")
        lines.extend(f"  - {m}" for m in scores.misses)
    return "\n".join(lines)
