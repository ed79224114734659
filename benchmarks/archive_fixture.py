"""Write fixtures/archive/stories.jsonl: a small real archive for ``make demo-find`` and the integration test.

    python benchmarks/archive_fixture.py

Every story is real published text already in this repository: the sources and derivatives of the nineteen
labelled real pairs (fixtures/gold/real: press releases, agency copy, the articles written from them and
independent reports of the same events), the seed pair's Reuters story, and the fixture newsroom's wire
copy. Several derivatives share a source (three outlets rewrote one Reuters Model X story, three a Reuters
Tesla story), so the archive holds real same-event hard negatives: other outlets' rewrites of the same copy
and independent reports. (The corpora in ../shared/data are evaluation data and are not copied into the
repository; the benchmark generator reads them in place.)

Ids are the file names without ``.txt``; ``published`` and ``url`` come from each pair's ``origin``.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "fixtures" / "gold" / "real"
OUT = ROOT / "fixtures" / "archive" / "stories.jsonl"
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def stories() -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    seen: dict[str, str] = {}

    def add(doc_id: str, text: str, **meta: str | None) -> None:
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if digest in seen:  # several pairs share one source: it is one story
            return
        seen[digest] = doc_id
        out.append({"id": doc_id, "text": text, **{k: v for k, v in meta.items() if v}})

    for gold_path in sorted(REAL.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        origin = gold.get("origin", {})
        dates = _DATE.findall(str(origin.get("date", "")))
        name = gold_path.name.removesuffix(".gold.json")
        for side, url_key, date in (
            ("source", "source_url", dates[0] if dates else None),
            ("derivative", "derivative_url", dates[-1] if len(dates) > 1 else None),
        ):
            path = REAL / f"{name}-{side}.txt"
            add(path.stem, path.read_text(encoding="utf-8"), url=origin.get(url_key), published=date)
    add(
        "reuters-north-korea",
        (ROOT / "fixtures" / "seed-source.txt").read_text(encoding="utf-8"),
        source_name="Reuters",
        published="2025-05-10",
    )
    for name in ("flood", "budget"):
        text = (ROOT / "fixtures" / "newsroom" / "wire" / f"{name}.txt").read_text(encoding="utf-8")
        add(f"wire-{name}", text, source_name="Wire Service")
    return out


def main() -> None:
    rows = stories()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"wrote {len(rows)} stories to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
