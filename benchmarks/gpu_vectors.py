"""Archive sentence vectors on a GPU: the "embed elsewhere" path of ``attrib index vectors``, measured.

Three steps, because the GPU machine is another machine (it has torch and sentence-transformers but not
attrib's other dependencies, and a call carries at most 64 MiB):

    python benchmarks/gpu_vectors.py prepare --stories 20000 --keep 3000 --work /tmp/gpu --carry .gpu
        here: an archive of N generated stories (the archive benchmark's generator, real text), lexical only;
        its story sentences exported as ``attrib index vectors --export`` lists them (gzipped), and the
        packaged all-MiniLM-L6-v2 with its weights stored as float16 (45 MB, so that it travels).
    python benchmarks/gpu_vectors.py device --carry .gpu --out "$OUT"
        on the GPU machine: attrib's own ``SentenceTransformerEmbedder(device="cuda")`` (tokenisation
        pipelined, as ``index vectors --device cuda`` and the Spark stage run it) over every exported
        sentence, in float32 and float16, against sentence-transformers' plain ``encode``; the median of
        three timed passes after a warm-up; vectors of the first ``--keep`` stories written as import files.
    python benchmarks/gpu_vectors.py finish --work /tmp/gpu --vectors DIR
        here: ``import_vectors`` of those files into the archive, and their cosine against the numpy path's
        vectors of the same sentences on this machine.

Results go to bench-results/gpu_vectors.json (the device step's figures are in its own JSON).
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

MODEL_FILES = (
    "config.json",
    "config_sentence_transformers.json",
    "modules.json",
    "sentence_bert_config.json",
    "special_tokens_map.json",
    "tokenizer.json",
    "tokenizer_config.json",
    "vocab.txt",
)
SHARD_ROWS = 12_000
"""Rows per import file: 12,000 float16 vectors of 384 and their ids are about 10 MB (a returned file: 16 MiB)."""


def prepare(args: argparse.Namespace) -> None:
    import itertools

    from archive_data import Corpus, filler, plant

    from attribution.archive import Record, open_archive
    from attribution.archive.vectors import export_sentences
    from attribution.embedding.cache import default_cache_dir
    from attribution.embedding.default_model import default_model_dir

    work, carry = args.work, args.carry
    shutil.rmtree(work, ignore_errors=True)
    shutil.rmtree(carry, ignore_errors=True)
    carry.mkdir(parents=True)
    corpus = Corpus(args.data, 15)
    planted, _ = plant(corpus)
    stories = list(itertools.islice(itertools.chain(planted, filler(corpus, args.stories)), args.stories))
    with open_archive(work / "archive", create=True) as store:
        store.add([Record(s.id, text=s.to_json()["text"], published=s.published) for s in stories], jobs=2)
        keep = {s.id for s in stories[: args.keep]}
        rows = 0
        with gzip.open(carry / "sentences.jsonl.gz", "wt", encoding="utf-8") as out:
            for row in export_sentences(store):
                row["keep"] = row["id"] in keep
                out.write(json.dumps(row) + "\n")
                rows += 1
    model = Path(default_model_dir(default_cache_dir()))
    target = carry / "model"
    shutil.copytree(model, target, ignore=shutil.ignore_patterns("*.safetensors", "*.bin", "onnx", "openvino"))
    for name in MODEL_FILES:
        if not (target / name).exists() and (model / name).exists():
            shutil.copy(model / name, target / name)
    from safetensors.numpy import load_file, save_file

    weights = load_file(str(model / "model.safetensors"))
    save_file(
        {k: v.astype("float16") if v.dtype.kind == "f" else v for k, v in weights.items()},
        str(target / "model.safetensors"),
    )
    print(json.dumps({"stories": len(stories), "sentences": rows, "kept_stories": len(keep)}))


def device(args: argparse.Namespace) -> None:
    import numpy as np
    import torch

    if (args.carry / "src").is_dir():  # a version of attrib under test, carried beside the data
        sys.path.insert(0, str(args.carry / "src"))
    from attribution.embedding.protocol import DEFAULT_MODEL
    from attribution.embedding.torch_backend import SentenceTransformerEmbedder, encode_pipelined

    rows = _exported(args.carry)
    texts = [r["text"] for r in rows]
    embedder = SentenceTransformerEmbedder(str(args.carry / "model"), DEFAULT_MODEL, device="cuda")
    model = embedder._load()  # the same loading path as --device cuda
    results: dict[str, object] = {
        "gpu": torch.cuda.get_device_name(0),
        "torch": torch.__version__,
        "sentences": len(texts),
        "mean_words": round(statistics.mean(len(t.split()) for t in texts), 1),
    }

    args.out.mkdir(parents=True, exist_ok=True)

    def timed(label: str, run, repeats: int = 2) -> np.ndarray:  # type: ignore[no-untyped-def]
        run(texts[:2048])  # warm-up: kernels, allocator
        torch.cuda.synchronize()
        torch.cuda.reset_peak_memory_stats()
        seconds, out = [], None
        for _ in range(repeats):
            start = time.perf_counter()
            out = run(texts)
            torch.cuda.synchronize()
            seconds.append(time.perf_counter() - start)
        median = statistics.median(seconds)
        results[label] = {
            "seconds": [round(s, 2) for s in seconds],
            "sentences_per_second": round(len(texts) / median),
            "peak_gpu_mb": round(torch.cuda.max_memory_allocated() / 2**20),
        }
        print(label, results[label], flush=True)
        (args.out / "gpu_vectors.json").write_text(json.dumps(results, indent=2))  # kept if a later step times out
        return np.asarray(out)

    def plain(batch_size: int):  # type: ignore[no-untyped-def]
        def run(chunk: list[str]) -> np.ndarray:
            return model.encode(
                chunk,
                batch_size=batch_size,
                convert_to_numpy=True,
                normalize_embeddings=True,
                show_progress_bar=False,
            )

        return run

    model.float()  # the weights travelled as float16; float32 arithmetic as on the CPU
    fp32 = timed("attrib_pipelined_fp32_batch64", embedder.encode)
    _write_kept(args.out, rows, fp32, DEFAULT_MODEL)
    tokenize = getattr(model, "preprocess", None) or model.tokenize
    order = sorted(texts, key=len, reverse=True)
    start = time.perf_counter()
    for i in range(0, len(order), 256):
        tokenize(order[i : i + 256])
    results["tokenize_only_one_thread_batch256_seconds"] = round(time.perf_counter() - start, 2)
    print(results["tokenize_only_one_thread_batch256_seconds"], flush=True)
    for workers, batch in ((1, 256), (4, 256), (8, 64), (8, 256)):
        timed(
            f"attrib_pipelined_fp32_batch{batch}_workers{workers}",
            lambda chunk, w=workers, b=batch: encode_pipelined(model, chunk, b, workers=w),
        )
    timed("sentence_transformers_encode_fp32_batch256", plain(256))
    model.half()
    fp16 = timed(
        "attrib_pipelined_fp16_batch256_workers8", lambda chunk: encode_pipelined(model, chunk, 256, workers=8)
    )
    results["fp16_vs_fp32_cosine_min"] = round(float(np.min(np.sum(fp16 * fp32, axis=1))), 5)
    results["fp16_vs_fp32_cosine_median"] = round(float(np.median(np.sum(fp16 * fp32, axis=1))), 6)
    (args.out / "gpu_vectors.json").write_text(json.dumps(results, indent=2))
    print(json.dumps(results))


def _write_kept(out: Path, rows: list[dict], vectors, model: str) -> None:  # type: ignore[no-untyped-def]
    """The kept stories' vectors as ``attrib index vectors --import`` files, float16, a shard per 15 MB."""
    import numpy as np

    keep = [i for i, r in enumerate(rows) if r["keep"]]
    for n, start in enumerate(range(0, len(keep), SHARD_ROWS)):
        part = keep[start : start + SHARD_ROWS]
        np.savez(
            out / f"vectors-{n}.npz",
            ids=np.array([rows[i]["id"] for i in part]),
            sentences=np.array([rows[i]["sentence"] for i in part]),
            vectors=vectors[part].astype(np.float16),
            model=np.array(model),
        )


def finish(args: argparse.Namespace) -> None:
    import numpy as np

    from attribution.archive import open_archive
    from attribution.archive.vectors import import_vectors
    from attribution.embedding import load_embedder

    result: dict[str, object] = {}
    files = sorted(args.vectors.glob("vectors-*.npz"))
    start = time.perf_counter()
    with open_archive(args.work / "archive") as store:
        result["imported_sentences"] = sum(import_vectors(store, f) for f in files)
        result["import_seconds"] = round(time.perf_counter() - start, 2)
        stats = store.stats()
        result["archive_stories"] = stats.documents
        result["sentences_with_vectors"] = stats.sentences_with_vectors
    with np.load(files[0]) as data:
        ids, sentences, gpu = data["ids"], data["sentences"], data["vectors"].astype(np.float32)
    rows = {(r["id"], r["sentence"]): r["text"] for r in _exported(args.carry)}
    sample = range(0, len(ids), max(1, len(ids) // 1000))
    cpu = load_embedder(None, cache=False, device="cpu").encode(
        [rows[(str(ids[i]), int(sentences[i]))] for i in sample]
    )
    gpu_sample = gpu[list(sample)]
    gpu_sample /= np.linalg.norm(gpu_sample, axis=1, keepdims=True)
    cosine = np.sum(cpu * gpu_sample, axis=1)
    result["gpu_vs_numpy_cosine"] = {
        "sentences": len(cosine),
        "min": round(float(cosine.min()), 5),
        "median": round(float(np.median(cosine)), 6),
    }
    out = ROOT / "bench-results" / "gpu_vectors.json"
    out.parent.mkdir(exist_ok=True)
    device_figures = json.loads((args.vectors / "gpu_vectors.json").read_text())
    out.write_text(json.dumps({"device": device_figures, "finish": result}, indent=2))
    print(json.dumps(result))


def _exported(carry: Path) -> list[dict]:
    with gzip.open(carry / "sentences.jsonl.gz", "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=["prepare", "device", "finish"])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--stories", type=int, default=20_000)
    parser.add_argument("--keep", type=int, default=3_000, help="stories whose vectors come back to be imported")
    parser.add_argument("--work", type=Path, default=Path("/tmp/attrib-gpu"))
    parser.add_argument("--carry", type=Path, default=ROOT / ".gpu")
    parser.add_argument("--out", type=Path, default=Path("gpu-out"))
    parser.add_argument("--vectors", type=Path, help="finish: the folder the device step wrote")
    args = parser.parse_args()
    {"prepare": prepare, "device": device, "finish": finish}[args.step](args)


if __name__ == "__main__":
    main()
