"""The changed-fact suite: real paraphrase pairs, one fact edited by rule in half of them.

    python benchmarks/changed_facts.py write [--data ../shared/data]   # fixtures/changed-facts/suite.jsonl
    python benchmarks/changed_facts.py score [--rule RULE ...] [--show RULE]   # recall and false-positive rate

``write`` takes MRPC train paraphrase pairs (label 1: the second sentence retells the
first) from the shared data and, for each pair an edit rule applies to, stores the
pair twice: once unedited (a negative: a real paraphrase, with its own rewording) and
once with one fact of the rewrite edited by rule (a positive):

- number: the first number of the rewrite changed (doubled, or plus 7 for years);
- name: a capitalised name of the rewrite (not its first word) swapped for a name
  from another pair;
- negation: "not" put after the first auxiliary ("is", "was", "will", "has"...), or
  a "not"/"n't" taken out;
- hedge: "may", "might", "could", "allegedly", "reportedly" taken out or made "will";
- attribution: a closing ", X said" taken off;
- date: the first weekday made the next day, "last week" made "next week" (and back), or
  "first quarter" the second (quarters and halves, the fourth made the first), where the
  source states a date of the same form (a date it never states is an added detail, not
  a changed fact). Added after the other five; their pairs are unchanged.

Pairs are taken in file order, every rule its own pairs, so the suite is the same
on every run. ``score`` audits each pair (the source sentence against the rewrite)
with the packaged model and counts a pair flagged when the audit reports a
``changed_fact``, ``hedge_dropped`` or ``attribution_dropped`` finding.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUITE = ROOT / "fixtures" / "changed-facts" / "suite.jsonl"
PER_RULE = 60
_AUX = re.compile(r"\b(is|was|are|were|will|has|have|had|would|can|could|should|does|did)\b(?!\s+not\b)")
_NOT = re.compile(r"\s+not\b|n't\b")
_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?![\w,])")
_NAME = re.compile(r"(?<=[a-z,] )([A-Z][a-z]{2,}(?: [A-Z][a-z]{2,})?)")
_HEDGE = re.compile(r"\b(may|might|could|allegedly|reportedly|possibly|probably)\s+")
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_ORDINALS = ["first", "second", "third", "fourth"]
_DATE = re.compile(
    rf"\b(?:{'|'.join(_WEEKDAYS)})\b|\b(?:last|next) (?:week|month|year)\b"
    rf"|\b(?:{'|'.join(_ORDINALS)})[ -](?:quarter|half)\b",
    re.I,
)
_SAID = re.compile(r",\s+(?:[A-Z][\w.'-]*\s+){1,4}(?:said|says|told reporters)\s*\.$|,\s+(?:he|she|they)\s+said\s*\.$")


def pairs(data: Path) -> list[tuple[str, str]]:
    path = data / "mrpc" / "msr_paraphrase_train.txt"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader)
        return [(row[3], row[4]) for row in reader if len(row) == 5 and row[0] == "1"]


def edit_number(text: str, _: list[str], __: str) -> str | None:
    m = _NUMBER.search(text)
    if not m:
        return None
    whole = int(m.group(1).replace(",", ""))
    new = whole + 7 if 1900 <= whole <= 2100 and not m.group(2) else whole * 2 + 1
    shown = f"{new:,}" if "," in m.group(1) else str(new)
    if m.group(2):
        shown += "." + m.group(2)
    return text[: m.start()] + shown + text[m.end() :]


def edit_name(text: str, names: list[str], _: str) -> str | None:
    m = _NAME.search(text)
    if not m:
        return None
    other = next((n for n in names if n.split()[0] not in text and len(n.split()) == len(m.group(1).split())), None)
    return None if other is None else text[: m.start()] + other + text[m.end() :]


def edit_negation(text: str, _: list[str], __: str) -> str | None:
    m = _NOT.search(text)
    if m:
        return text[: m.start()] + text[m.end() :]
    m = _AUX.search(text)
    return None if not m else text[: m.end()] + " not" + text[m.end() :]


def edit_hedge(text: str, _: list[str], __: str) -> str | None:
    m = _HEDGE.search(text)
    if not m:
        return None
    word = m.group(1)
    replacement = "will " if word in ("may", "might", "could") else ""
    return text[: m.start()] + replacement + text[m.end() :]


def edit_attribution(text: str, _: list[str], __: str) -> str | None:
    m = _SAID.search(text)
    return None if not m else text[: m.start()] + "."


def edit_date(text: str, _: list[str], source: str) -> str | None:
    m = _DATE.search(text)
    if not m or not any(_date_form(d.group()) == _date_form(m.group()) for d in _DATE.finditer(source)):
        return None  # a date the source never states is an added detail, not a changed fact
    said = m.group()
    if said in _WEEKDAYS:
        new = _WEEKDAYS[(_WEEKDAYS.index(said) + 1) % 7]
    elif said.lower().startswith(("last", "next")):
        new = ("next" if said.lower().startswith("last") else "last") + said[4:]
    else:
        ordinal, rest = said.split(" ", 1) if " " in said else said.split("-", 1)
        new = _ORDINALS[(_ORDINALS.index(ordinal.lower()) + 1) % 4] + said[len(ordinal)] + rest
    return text[: m.start()] + new + text[m.end() :]


def _date_form(said: str) -> str:
    return (
        "day" if said in _WEEKDAYS else said.split()[0].lower() if said.lower().startswith(("last", "next")) else "part"
    )


RULES = {
    "number": edit_number,
    "name": edit_name,
    "negation": edit_negation,
    "hedge": edit_hedge,
    "attribution": edit_attribution,
    "date": edit_date,
}


def write(data: Path) -> None:
    found = pairs(data)
    names = [m.group(1) for _, b in found for m in _NAME.finditer(b)]
    used: set[int] = set()
    rows = []
    for rule, edit in RULES.items():
        count = 0
        for k, (source, rewrite) in enumerate(found):
            if count >= PER_RULE or k in used:
                continue
            edited = edit(rewrite, names[k * 7 % max(len(names), 1) :] + names, source)
            if edited is None or edited == rewrite:
                continue
            used.add(k)
            count += 1
            rows.append({"id": f"{rule}-{k}", "rule": rule, "changed": False, "source": source, "derivative": rewrite})
            rows.append(
                {"id": f"{rule}-{k}-edited", "rule": rule, "changed": True, "source": source, "derivative": edited}
            )
    SUITE.parent.mkdir(parents=True, exist_ok=True)
    SUITE.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"wrote {len(rows)} pairs to {SUITE.relative_to(ROOT)}: {dict(Counter(r['rule'] for r in rows))}")


def score(rules: list[str] | None = None, show: str | None = None) -> None:
    """Recall and false-positive rate by rule and over ``rules`` (default: all); ``show``: print that rule's
    missed edits and flagged unedited pairs with what was reported."""
    sys.path.insert(0, str(ROOT))
    from attribution import compare
    from attribution.core.records import FindingKind
    from attribution.embedding import default_embedder

    wanted = {FindingKind.CHANGED_FACT, FindingKind.HEDGE_DROPPED, FindingKind.ATTRIBUTION_DROPPED}
    embedder = default_embedder()
    rows = [json.loads(line) for line in SUITE.read_text(encoding="utf-8").splitlines()]
    rows = [r for r in rows if not rules or r["rule"] in rules]
    tally: dict[str, Counter[str]] = {}
    for row in rows:
        report = compare(row["source"], row["derivative"], embedder=embedder)
        flagged = any(f.kind in wanted for f in report.findings)
        key = "tp" if flagged and row["changed"] else "fn" if row["changed"] else "fp" if flagged else "tn"
        tally.setdefault(row["rule"], Counter())[key] += 1
        tally.setdefault("all", Counter())[key] += 1
        if row["rule"] == show and key in ("fn", "fp"):
            print(f"{key} {row['id']}\n  source:     {row['source']}\n  derivative: {row['derivative']}")
            for c in report.changed_facts:
                print(f"  {c.kind}: {c.text!r} for {c.source_text!r}")
    print(f"{'rule':12} {'recall':>8} {'false-positive rate':>20}   pairs")
    for rule, c in tally.items():
        recall = c["tp"] / max(c["tp"] + c["fn"], 1)
        fpr = c["fp"] / max(c["fp"] + c["tn"], 1)
        print(f"{rule:12} {recall:8.3f} {fpr:20.3f}   {sum(c.values())}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["write", "score"])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--rule", action="append", choices=list(RULES), help="score only these rules (repeatable)")
    parser.add_argument("--show", choices=list(RULES), help="print this rule's misses and false positives")
    args = parser.parse_args()
    if args.command == "write":
        write(args.data)
    else:
        score(args.rule, args.show)


if __name__ == "__main__":
    main()
