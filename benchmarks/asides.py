"""How often the aside rule (``attribution/core/asides.py``) takes a story's own paragraphs, and where it fires.

    python benchmarks/asides.py [--data ../shared/data] [--show] [--cosine 0.30]

XSumFaith's articles are BBC stories with the page around them removed: none of their
paragraphs is a teaser or an appeal, so every paragraph the rule takes there is a false
one. Each article is read as a source that no rewrite draws on (the worst case: two
independent reports of one event, where nothing of the source is used), and the rule's
runs are counted. Then the real labelled pairs (``fixtures/gold/real``) and the seed:
the sentences it takes and their gold labels (gold ``used`` or ``omitted`` is a miss).
``--cosine`` tries another ``ASIDE_COSINE``; ``--show`` prints every run taken.
Needs the default model (all-MiniLM-L6-v2; cached vectors make reruns fast).
"""

from __future__ import annotations

import argparse
import glob
import json
from pathlib import Path

from attribution.accuracy.gold import Anchors, load_gold
from attribution.core import asides
from attribution.core import thresholds as T
from attribution.core.records import SourceLabel, SourceSentence
from attribution.core.text import PreparedText
from attribution.embedding import default_embedder
from attribution.pipeline import compare, embed_story


def _unused(text: PreparedText) -> list[SourceSentence]:
    story = SourceLabel.OMITTED
    return [SourceSentence(s, 0.0, story if s.role.is_story else SourceLabel.BOILERPLATE) for s in text.sentences]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--show", action="store_true", help="print every run taken")
    parser.add_argument("--cosine", type=float, default=T.ASIDE_COSINE)
    args = parser.parse_args(argv)
    T.ASIDE_COSINE = args.cosine
    embedder = default_embedder()

    rows = [json.loads(line) for line in (args.data / "xsumfaith" / "DERIVED_xsum_articles_union.jsonl").open()]
    fired = sentences = story = 0
    for row in rows:
        text = PreparedText.of(row["article"])
        vectors, _ = embed_story(embedder, text, PreparedText.of("."))
        marked = asides.mark_asides(text, vectors, _unused(text))
        taken = [s for s in marked if s.sentence.role.value == "aside"]
        story += sum(1 for s in text.sentences if s.role.is_story)
        if taken:
            fired += 1
            sentences += len(taken)
            if args.show:
                print(f"xsum {row['bbcid']}: " + " | ".join(s.sentence.text[:70] for s in taken))
    print(
        f"XSumFaith: {len(rows)} BBC articles as sources nothing draws on: runs taken in {fired} "
        f"({sentences} of {story} story sentences), ASIDE_COSINE {T.ASIDE_COSINE:.2f}"
    )

    taken_gold: dict[str, int] = {}
    for path in [*sorted(glob.glob("fixtures/gold/real/*.gold.json")), "fixtures/seed-pair.gold.json"]:
        gold = load_gold(path)
        source = gold.source.read_text(encoding="utf-8")
        report = compare(source, gold.derivative.read_text(encoding="utf-8"), embedder=embedder).to_dict()
        anchors = Anchors(source, report["source"]["sentences"])
        labels = {}
        for item in gold.labels.get("source_sentences", []):
            k = anchors.sentence(item["anchor"])
            if k is not None:
                labels[k] = "/".join(item.get("accept") or [item["label"]])
        for s in report["source"]["sentences"]:
            if s["role"] == "aside":
                label = labels.get(s["index"], "unlabelled")
                taken_gold[label] = taken_gold.get(label, 0) + 1
                if args.show:
                    print(f"{Path(path).name}: [{label}] {s['text'][:80]}")
    print("real pairs and seed: sentences taken as asides, by gold label:", dict(sorted(taken_gold.items())))


if __name__ == "__main__":
    main()
