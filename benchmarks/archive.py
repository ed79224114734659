"""The archive at scale: build speed, candidate recall among same-event hard negatives, latency, memory.

    python benchmarks/archive.py [--data ../shared/data] [--sizes 10000 100000] [--semantic 5000]

For each size N: an archive of N stories made of real text with planted families (``archive_data``) is built
lexical-only in a child process (stories per second, peak memory), then queried in another child process
(``find_candidates`` library calls, lexical evidence only: recall@1 and @5 of the planted sources per family
kind, latency percentiles of the warm call, peak memory). With ``--semantic S``, an archive of the planted
families plus filler up to S stories is built with sentence vectors (the packaged model, on this machine's
CPU) and queried with lexical and semantic evidence. With ``--audit``, the smallest lexical archive and the
vector archive are also queried with ``attrib find`` itself (``find``: the leading candidates audited with
the real model and re-ranked by their audits), and recall is measured again on its order. Results go to
bench-results/archive.json.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from archive_data import Corpus, filler, plant  # noqa: E402

from attribution.archive import Record, open_archive  # noqa: E402

BATCH = 20_000


def build(data: Path, size: int, folder: Path, seed: int, vectors: bool, jobs: int) -> dict:
    started = time.perf_counter()
    corpus = Corpus(data, seed)
    planted, _ = plant(corpus)
    total = max(size, len(planted))
    stories = itertools.chain(planted, filler(corpus, total - len(planted)))  # streamed: memory is the index's
    generated = time.perf_counter() - started
    embedder = None
    if vectors:
        from attribution.embedding import load_embedder

        embedder = load_embedder(None, cache=False)
    start = time.perf_counter()
    with open_archive(folder, create=True) as store:
        while batch := [Record(s.id, **_fields(s)) for s in itertools.islice(stories, BATCH)]:
            store.add(batch, jobs=jobs)
        lexical_seconds = time.perf_counter() - start
        vector_seconds = 0.0
        sentences = 0
        if embedder is not None:
            from attribution.archive.vectors import VectorIndex, build_vectors

            start = time.perf_counter()
            with store.transaction():
                sentences = build_vectors(store, embedder)
            VectorIndex(store)
            vector_seconds = time.perf_counter() - start
        stats = store.stats()
    return {
        "stories": total,
        "generate_seconds": round(generated, 2),
        "lexical_build_seconds": round(lexical_seconds, 2),
        "stories_per_second": round(total / lexical_seconds, 1),
        "vector_build_seconds": round(vector_seconds, 1),
        "sentences_embedded": sentences,
        "sentences_per_second": round(sentences / vector_seconds, 1) if vector_seconds else None,
        "postings": stats.postings,
        "bytes_on_disk": stats.bytes_on_disk,
    }


def _fields(story) -> dict:  # type: ignore[no-untyped-def]
    doc = story.to_json()
    return {"text": doc["text"], "published": doc["published"]}


def query(data: Path, folder: Path, seed: int, semantic: bool, audit: bool = False) -> dict:
    from attribution.archive.find import find, find_candidates

    corpus = Corpus(data, seed)
    _, queries = plant(corpus)
    embedder = None
    if semantic or audit:
        from attribution.embedding import load_embedder

        embedder = load_embedder(None, cache=audit)  # the audit embeds each candidate's sentences again
    lookup = embedder if semantic else None
    hits: dict[str, list[int]] = defaultdict(list)
    audited: dict[str, list[int]] = defaultdict(list)
    latencies: list[float] = []
    audit_latencies: list[float] = []
    with open_archive(folder) as store:
        for q in queries[:20]:  # warm the page cache and the model
            find_candidates(store, q.text, embedder=lookup, top=5, published_before=q.published)
        for q in queries:
            start = time.perf_counter()
            found, _, _ = find_candidates(store, q.text, embedder=lookup, top=5, published_before=q.published)
            latencies.append(time.perf_counter() - start)
            rank = _rank([c.record.id for c in found], q.source)
            hits[q.kind].append(rank)
            hits["all"].append(rank)
            if audit:  # what attrib find shows: the leading candidates re-ranked by their audits
                start = time.perf_counter()
                result = find(store, q.text, embedder=embedder, top=5, published_before=q.published)
                audit_latencies.append(time.perf_counter() - start)
                if not semantic:  # an archive without vectors: find used lexical evidence only, as above
                    assert not result.semantic
                rank = _rank([c.record.id for c in result.candidates], q.source)
                audited[q.kind].append(rank)
                audited["all"].append(rank)
    out = {"queries": len(queries), "recall": _recall(hits), "latency_ms": _percentiles(latencies)}
    if audit:
        out["recall_after_audit"] = _recall(audited)
        out["find_with_audit_ms"] = _percentiles(audit_latencies)
    return out


def _rank(ranked: list[str], source: str) -> int:
    return ranked.index(source) + 1 if source in ranked else 0


def _recall(hits: dict[str, list[int]]) -> dict:
    return {
        kind: {
            "queries": len(ranks),
            "recall@1": round(sum(r == 1 for r in ranks) / len(ranks), 4),
            "recall@5": round(sum(1 <= r <= 5 for r in ranks) / len(ranks), 4),
        }
        for kind, ranks in sorted(hits.items())
    }


def _percentiles(latencies: list[float]) -> dict:
    latencies = sorted(latencies)
    return {
        "p50": round(1000 * statistics.median(latencies), 2),
        "p90": round(1000 * latencies[int(0.9 * len(latencies))], 2),
        "p99": round(1000 * latencies[int(0.99 * len(latencies))], 2),
        "max": round(1000 * latencies[-1], 2),
    }


def child(argv: list[str]) -> tuple[dict, float]:
    """Run this script's ``argv`` in a child; (its JSON result, its peak RSS in MB)."""
    process = subprocess.Popen([sys.executable, __file__, *argv], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    out = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"child failed: {argv}")
    return json.loads(out.strip().splitlines()[-1]), round(usage.ru_maxrss / 1024, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--semantic", type=int, default=0, help="also build a vector archive of this many stories")
    parser.add_argument(
        "--audit",
        action="store_true",
        help="also run attrib find's audit of the leading candidates and measure recall after its re-ranking",
    )
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--jobs", type=int, default=2, help="shingling processes for the build")
    parser.add_argument("--work", type=Path, default=None, help="where to build (default: a temporary folder)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results" / "archive.json")
    # internal: the child processes
    parser.add_argument("--child", choices=["build", "query"], help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--vectors", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "build":
        print(json.dumps(build(args.data, args.size, args.folder, args.seed, args.vectors, args.jobs)))
        return
    if args.child == "query":
        print(json.dumps(query(args.data, args.folder, args.seed, args.vectors, args.audit)))
        return

    work = args.work or Path(tempfile.mkdtemp(prefix="attrib-archive-bench-"))
    results: dict = {"machine": f"{platform.python_version()}, {os.cpu_count()} cores", "sizes": {}}
    common = ["--data", str(args.data), "--seed", str(args.seed), "--jobs", str(args.jobs)]
    runs = [(n, False) for n in args.sizes] + ([(args.semantic, True)] if args.semantic else [])
    for size, vectors in runs:
        folder = work / f"archive-{size}{'-vectors' if vectors else ''}"
        shutil.rmtree(folder, ignore_errors=True)
        flag = ["--vectors"] if vectors else []
        built, build_mb = child(["--child", "build", "--folder", str(folder), "--size", str(size), *common, *flag])
        audit = ["--audit"] if args.audit and (vectors or size == min(args.sizes or [size])) else []
        queried, query_mb = child(["--child", "query", "--folder", str(folder), *common, *flag, *audit])
        key = f"{size}{' with vectors' if vectors else ''}"
        results["sizes"][key] = {**built, "build_peak_mb": build_mb, **queried, "query_peak_mb": query_mb}
        print(f"== {key}: {json.dumps(results['sizes'][key])}", flush=True)
        if not args.work:
            shutil.rmtree(folder, ignore_errors=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
