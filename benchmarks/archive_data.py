"""A synthetic wire archive made of real text, with real rewrites planted among same-event hard negatives.

Every sentence comes from the corpora in ``../shared/data``; only their combination is made up. Three kinds
of planted family, each an event with its true source, the articles that copy or report it, and one query
(an article not in the archive whose source is sought):

- ``xsum``: the source is a BBC article (XSumFaith); the query is the article's reference summary (a real
  one-sentence rewrite by the BBC) followed by half of the article's sentences and two unrelated ones. Same-event
  hard negatives in the archive: two *copiers* (other outlets that each copied 40% of the article, a different
  40%, among sentences of their own) and two *independent reports* (a system summary of the article, one sentence
  they share with it, such as an official statement, and sentences of their own).
- ``short-answer``: the source is one of the five Wikipedia texts of Clough & Stevenson's corpus; the queries are
  the students' answers written from it (cut, light and heavy revision: real rewrites by people). Hard negatives:
  the other students' answers on the same topic, those written from the source (copiers) and those written
  without it (independent reports).
- ``mrpc``: the source is five news sentences (MRPC sentence 1 of five paraphrase pairs) among sentences of its
  own; the query is their five paraphrases by other outlets (MRPC sentence 2) and five sentences about the same
  events that are *not* paraphrases (the sentence 2 of five non-paraphrase pairs). Hard negative: a story holding
  the sentence 1 of those five non-paraphrase pairs (the same events, not the source).

The rest of the archive is filler: stories of 8 to 16 sentences drawn from the PAN 2013 documents and unused
MRPC sentences. Deterministic for a given seed.
"""

from __future__ import annotations

import csv
import json
import random
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")


def sentences_of(text: str) -> list[str]:
    """Sentences by punctuation and line breaks: enough for recombining corpus text (the audit segments
    properly; this only decides where stories are cut)."""
    out = []
    for line in text.splitlines():
        out.extend(s.strip() for s in _SENTENCE_END.split(line) if len(s.split()) >= 4)
    return out


@dataclass
class Story:
    id: str
    sentences: list[str]
    published: str
    family: str | None = None
    role: str = "filler"

    def to_json(self) -> dict[str, str]:
        return {"id": self.id, "text": "\n".join(self.sentences), "published": self.published}


@dataclass
class Query:
    id: str
    text: str
    source: str
    family: str
    kind: str
    published: str
    negatives: list[str] = field(default_factory=list)


class Corpus:
    def __init__(self, data: Path, seed: int) -> None:
        self.rng = random.Random(seed)
        self.data = data
        self.xsum = [json.loads(line) for line in (data / "xsumfaith/DERIVED_xsum_articles_union.jsonl").open()]
        self.summaries: dict[str, dict[str, str]] = defaultdict(dict)
        with (data / "xsumfaith/hallucination_annotations_xsum_summaries.csv").open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                self.summaries[row["bbcid"]][row["system"]] = row["summary"]
        self.mrpc = list(
            csv.DictReader(
                (data / "mrpc/msr_paraphrase_train.txt").open(encoding="utf-8-sig"),
                delimiter="\t",
                quoting=csv.QUOTE_NONE,
            )
        )
        filler: list[str] = []
        for pair in sorted((data / "pan13/pairs").iterdir()):
            for name in ("source.txt", "derivative.txt"):
                filler.extend(sentences_of((pair / name).read_text(encoding="utf-8", errors="replace")))
        self.filler = filler

    def filler_sentences(self, n: int) -> list[str]:
        return [self.filler[self.rng.randrange(len(self.filler))] for _ in range(n)]


def _day(rng: random.Random) -> date:
    return date(2024, 1, 1) + timedelta(days=rng.randrange(600))


def plant(corpus: Corpus, *, mrpc_families: int = 250) -> tuple[list[Story], list[Query]]:
    rng = corpus.rng
    stories: list[Story] = []
    queries: list[Query] = []
    # xsum
    for row in corpus.xsum:
        bbcid = row["bbcid"]
        sents = sentences_of(row["article"])
        systems = corpus.summaries.get(bbcid, {})
        if len(sents) < 8 or "Gold" not in systems:
            continue
        fam = f"xsum-{bbcid}"
        when = _day(rng)
        later = (when + timedelta(days=1)).isoformat()
        source = Story(f"{fam}-source", sents, when.isoformat(), fam, "source")
        stories.append(source)
        negatives = []
        for k in range(2):
            picked = sorted(rng.sample(range(len(sents)), max(2, int(0.4 * len(sents)))))
            body = [sents[i] for i in picked] + corpus.filler_sentences(rng.randint(4, 8))
            stories.append(Story(f"{fam}-copier{k}", _interleave(rng, body), later, fam, "copier"))
            negatives.append(stories[-1].id)
        others = [s for name, s in sorted(systems.items()) if name != "Gold"]
        for k in range(2):
            lede = others[k % len(others)] if others else sents[0]
            body = [lede.capitalize(), rng.choice(sents), *corpus.filler_sentences(rng.randint(6, 10))]
            stories.append(Story(f"{fam}-independent{k}", body, when.isoformat(), fam, "independent"))
            negatives.append(stories[-1].id)
        picked = sorted(rng.sample(range(len(sents)), max(3, len(sents) // 2)))
        text = [systems["Gold"].capitalize(), *(sents[i] for i in picked), *corpus.filler_sentences(2)]
        queries.append(Query(f"{fam}-query", "\n".join(text), source.id, fam, "xsum", later, negatives))
    # short-answer
    base = corpus.data / "short-answer"
    labels = list(csv.DictReader((base / "labels.csv").open(encoding="utf-8")))
    for task in "abcde":
        fam = f"short-answer-{task}"
        when = _day(rng)
        orig = (base / "corpus" / f"orig_task{task}.txt").read_bytes().decode("cp1252", errors="replace")
        stories.append(Story(f"{fam}-source", [orig], when.isoformat(), fam, "source"))
        answers = [r for r in labels if r["Task"] == task]
        for r in answers:
            text = (base / "corpus" / r["File"]).read_bytes().decode("cp1252", errors="replace")
            role = "independent" if r["Category"] == "non" else "copier"
            later = (when + timedelta(days=1)).isoformat()
            stories.append(Story(f"{fam}-{r['File']}", [text], later, fam, role))
            if role == "copier":
                negatives = [f"{fam}-{o['File']}" for o in answers if o is not r]
                queries.append(
                    Query(
                        f"{fam}-{r['File']}",
                        text,
                        f"{fam}-source",
                        fam,
                        f"short-answer-{r['Category']}",
                        later,
                        negatives,
                    )
                )
    # mrpc
    yes = [r for r in corpus.mrpc if r["Quality"] == "1"]
    no = [r for r in corpus.mrpc if r["Quality"] == "0"]
    rng.shuffle(yes)
    rng.shuffle(no)
    for k in range(min(mrpc_families, len(yes) // 5, len(no) // 5)):
        fam = f"mrpc-{k}"
        when = _day(rng)
        para, nonpara = yes[5 * k : 5 * k + 5], no[5 * k : 5 * k + 5]
        source = Story(
            f"{fam}-source",
            [r["#1 String"] for r in para] + corpus.filler_sentences(5),
            when.isoformat(),
            fam,
            "source",
        )
        negative = Story(
            f"{fam}-same-events",
            [r["#1 String"] for r in nonpara] + corpus.filler_sentences(5),
            when.isoformat(),
            fam,
            "independent",
        )
        stories.extend([_shuffled(rng, source), _shuffled(rng, negative)])
        text = [r["#2 String"] for r in para] + [r["#2 String"] for r in nonpara]
        rng.shuffle(text)
        later = (when + timedelta(days=1)).isoformat()
        queries.append(Query(f"{fam}-query", "\n".join(text), source.id, fam, "mrpc", later, [negative.id]))
    return stories, queries


def filler(corpus: Corpus, n: int, start: int = 0) -> Iterator[Story]:
    rng = corpus.rng
    for i in range(start, start + n):
        yield Story(f"filler-{i:07d}", corpus.filler_sentences(rng.randint(8, 16)), _day(rng).isoformat())


def _interleave(rng: random.Random, sentences: list[str]) -> list[str]:
    out = list(sentences)
    rng.shuffle(out)
    return out


def _shuffled(rng: random.Random, story: Story) -> Story:
    sents = list(story.sentences)
    rng.shuffle(sents)
    return Story(story.id, sents, story.published, story.family, story.role)
