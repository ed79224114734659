"""Never clobber, never leave debris, never a traceback (issue 11, items 14 to 20)."""

from __future__ import annotations

import csv
import io
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from attribution.embedding.cache import FILENAME, CachedEmbedder, EmbeddingCache
from attribution.newsroom.batch import LOCK_NAME, BatchPair, run_batch
from attribution.newsroom.files import write_all, write_atomic
from tests.conftest import ROOT, SEED_DERIVATIVE, SEED_SOURCE

WIRE = "CEDAR RIDGE (Wire Service) - The city council voted on Monday to close two libraries.\n"
ARTICLE = "The council voted on Monday to close two libraries, the Wire Service reported.\n"


def pair_files(tmp_path: Path) -> tuple[Path, Path]:
    source, derivative = tmp_path / "s.txt", tmp_path / "d.txt"
    source.write_text(WIRE, encoding="utf-8")
    derivative.write_text(ARTICLE, encoding="utf-8")
    return source, derivative


# Item 14: devices and pipes are written straight to, never replaced by a regular file.


def test_a_symlink_to_a_device_stays_a_symlink(tmp_path: Path) -> None:
    link = tmp_path / "out.json"
    link.symlink_to("/dev/null")
    write_atomic(link, "{}")
    assert link.is_symlink() and os.readlink(link) == "/dev/null"
    assert Path("/dev/null").is_char_device()


def test_a_fifo_is_written_straight_to(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    write_atomic(fifo, "through the pipe")
    assert reader.communicate(timeout=30)[0] == b"through the pipe"
    assert fifo.is_fifo()


def test_a_symlink_to_a_file_replaces_the_file_not_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    write_atomic(link, "new")
    assert link.is_symlink() and real.read_text() == "new"


# Item 15: outputs that are inputs, and the batch's own names.


def test_check_output_over_the_article_is_refused(tmp_path: Path, fake_model, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from attribution.cli import main

    (tmp_path / ".git").mkdir()
    (tmp_path / "wire.txt").write_text(WIRE)
    article = tmp_path / "a.md"
    article.write_text(f"---\nsource: wire.txt\n---\n{ARTICLE}")
    monkeypatch.chdir(tmp_path)
    before = article.read_text()
    for target in ("a.md", "wire.txt"):
        code = main(["check", "a.md", "--output", target, "--no-cache"], load_embedder=lambda *_, **__: fake_model)
        assert code == 2 and "is one of the inputs" in capsys.readouterr().err
    assert article.read_text() == before and (tmp_path / "wire.txt").read_text() == WIRE


def test_batch_refuses_its_manifest_as_an_output_and_the_summary_id(tmp_path: Path, cli, capsys) -> None:  # type: ignore[no-untyped-def]
    pair_files(tmp_path)
    manifest = tmp_path / "summary.csv"
    manifest.write_text("source,derivative\ns.txt,d.txt\n")
    assert cli(["batch", str(manifest), "--out", str(tmp_path)]) == 2
    assert "manifest" in capsys.readouterr().err
    assert manifest.read_text() == "source,derivative\ns.txt,d.txt\n"
    named = tmp_path / "pairs.csv"
    named.write_text("id,source,derivative\nsummary,s.txt,d.txt\n")
    assert cli(["batch", str(named), "--out", str(tmp_path / "out")]) == 2
    assert "reserved" in capsys.readouterr().err


# Item 16: formula injection in summary.csv.


def test_summary_csv_cells_never_start_a_formula(tmp_path: Path, fake_embedder) -> None:  # type: ignore[no-untyped-def]
    source, derivative = pair_files(tmp_path)
    pairs = [
        BatchPair("=HYPERLINK(x)", source, derivative),
        BatchPair("ok", tmp_path / "@missing.txt", derivative),
        BatchPair("plus", tmp_path / "+cmd.txt", tmp_path / "-x.txt"),
    ]
    run_batch(pairs, tmp_path / "out", fake_embedder)
    rows = list(csv.reader(io.StringIO((tmp_path / "out" / "summary.csv").read_text())))
    cells = [cell for row in rows[1:] for cell in row]
    assert cells and not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    assert "'=HYPERLINK(x)" in cells


# Item 17: outputs together or not at all; stale temporaries; the folder lock.


def test_compare_writes_both_outputs_or_neither(tmp_path: Path, cli, capsys) -> None:  # type: ignore[no-untyped-def]
    source, derivative = pair_files(tmp_path)
    html = tmp_path / "ok.html"
    code = cli(["compare", str(source), str(derivative), "--html", str(html), "--json", "/proc/x.json"])
    assert code == 2 and "nothing was written" in capsys.readouterr().err
    assert not html.exists() and not list(tmp_path.glob(".*.tmp"))


def test_write_all_cleans_up_when_one_fails(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        write_all([(tmp_path / "a.txt", "a"), ("/proc/no/such.json", "b")])
    assert list(tmp_path.iterdir()) == []


def test_batch_removes_stale_temporaries(tmp_path: Path, fake_embedder) -> None:  # type: ignore[no-untyped-def]
    source, derivative = pair_files(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / ".0001-d.json.abc123.tmp").write_text("")  # what kill -9 left
    run_batch([BatchPair("0001-d", source, derivative)], out, fake_embedder)
    assert not list(out.glob(".*.tmp")) and (out / "0001-d.json").exists()


def test_a_second_batch_into_a_locked_folder_is_refused(tmp_path: Path, fake_embedder) -> None:  # type: ignore[no-untyped-def]
    from filelock import FileLock

    from attribution.errors import InputError

    source, derivative = pair_files(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    with FileLock(str(out / LOCK_NAME)), pytest.raises(InputError, match="another attrib batch"):
        run_batch([BatchPair("p", source, derivative)], out, fake_embedder)
    assert not (out / "summary.csv").exists()


# Item 18: the limit is for the joined sources.


def test_joined_sources_count_against_max_chars(tmp_path: Path, fake_model, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from attribution.cli import main

    (tmp_path / ".git").mkdir()
    names = []
    for n in range(20):
        (tmp_path / f"w{n}.txt").write_text("The council met. " * 20)
        names.append(f"w{n}.txt")
    (tmp_path / "a.md").write_text("---\nsources: [" + ", ".join(names) + "]\n---\n" + ARTICLE)
    monkeypatch.chdir(tmp_path)
    code = main(["check", "a.md", "--max-chars", "1000", "--no-cache"], load_embedder=lambda *_, **__: fake_model)
    assert code == 2 and "over the limit of 1,000" in capsys.readouterr().out


# Item 19: --changed-since cannot pass an option to git.


@pytest.mark.parametrize("ref", ["--output=hacked.txt", "-p", "HEAD;rm", "HEAD --output=x"])
def test_changed_since_refuses_options(tmp_path: Path, cli, capsys, monkeypatch, ref: str) -> None:  # type: ignore[no-untyped-def]
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "a.md").write_text("---\nsource: w.txt\n---\nText.\n")
    monkeypatch.chdir(tmp_path)
    assert cli(["check", "a.md", f"--changed-since={ref}"]) == 2
    assert "not a git revision" in capsys.readouterr().err
    assert not (tmp_path / "hacked.txt").exists() and not (tmp_path / "x").exists()


# Item 20: one-line errors, never a traceback; damaged cache rows dropped.


def run_cli(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    code = (
        "import sys; sys.path.insert(0, 'tests'); from conftest import FakeEmbedder; "
        "from attribution.cli import main; "
        "sys.exit(main(sys.argv[1:], load_embedder=lambda *a, **k: FakeEmbedder()))"
    )
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_stdout_to_dev_full_is_one_line() -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "attribution.cli", "--help"],
            cwd=ROOT,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
        )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and done.stderr.count("\n") == 1


def test_an_unwritable_step_summary_is_one_line(tmp_path: Path) -> None:
    done = run_cli(
        ["check", str(ROOT / "fixtures/newsroom/articles/2025/flood-credited.md"), "--no-cache"],
        GITHUB_ACTIONS="true",
        GITHUB_STEP_SUMMARY="/nonexistent/x",
        ATTRIB_CACHE_DIR=str(tmp_path),
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "GITHUB_STEP_SUMMARY" in done.stderr and done.stderr.count("\n") == 1


@pytest.mark.parametrize("gold", ["[]", '{"source": 1}', "{", '"text"'])
def test_eval_on_a_malformed_gold_file(tmp_path: Path, cli, capsys, gold: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "g.json"
    path.write_text(gold)
    assert cli(["eval", str(path)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.count("\n") == 1


class Counting:
    name = "counting"

    def __init__(self) -> None:
        self.calls = 0

    def encode(self, texts: list[str]) -> np.ndarray:
        self.calls += 1
        out = np.zeros((len(texts), 8), dtype=np.float32)
        out[:, 0] = 1.0
        return out


@pytest.mark.parametrize("damage", [b"\x00" * 100, b"\x01\x02\x03", np.full(8, np.nan, np.float32).tobytes()])
def test_damaged_cache_rows_are_dropped_and_recomputed(tmp_path: Path, damage: bytes, caplog) -> None:  # type: ignore[no-untyped-def]
    model = Counting()
    first = CachedEmbedder("m", "fp", lambda: model, EmbeddingCache(tmp_path))
    first.encode(["one", "two"])
    with sqlite3.connect(tmp_path / FILENAME) as db:
        key = db.execute("SELECT key FROM vectors LIMIT 1").fetchone()[0]
        db.execute("UPDATE vectors SET vector = ? WHERE key = ?", (damage, key))
    again = CachedEmbedder("m", "fp", lambda: model, EmbeddingCache(tmp_path))
    vectors = again.encode(["one", "two"])
    assert vectors.shape == (2, 8) and np.isfinite(vectors).all()
    assert "damaged" in caplog.text
    third = CachedEmbedder("m", "fp", lambda: model, EmbeddingCache(tmp_path))
    calls = model.calls
    third.encode(["one", "two"])
    assert model.calls == calls  # the recomputed row replaced the damaged one


def test_compare_json_stays_valid_with_a_nan_in_the_cache(tmp_path: Path, fake_embedder) -> None:  # type: ignore[no-untyped-def]
    from attribution import compare

    def cached() -> CachedEmbedder:
        return CachedEmbedder("fake", "fp", lambda: fake_embedder, EmbeddingCache(tmp_path))

    texts = (SEED_SOURCE.read_text(encoding="utf-8"), SEED_DERIVATIVE.read_text(encoding="utf-8"))
    clean = compare(*texts, embedder=cached()).to_json()
    with sqlite3.connect(tmp_path / FILENAME) as db:
        key = db.execute("SELECT key FROM vectors LIMIT 1").fetchone()[0]
        db.execute("UPDATE vectors SET vector = ? WHERE key = ?", (np.full(512, np.nan, np.float32).tobytes(), key))
    damaged = compare(*texts, embedder=cached()).to_json()
    assert "NaN" not in damaged and damaged == clean
