"""The archive store and what ``attrib index`` reads: records, versions, bad input, all-or-nothing adds."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from attribution.archive import FORMAT_VERSION, Record, open_archive
from attribution.archive.ingest import read_records
from attribution.archive.shingles import SAMPLE, shingle_hashes, shingles
from attribution.errors import InputError
from tests.conftest import FIXTURES, SEED_SOURCE

FLOOD = FIXTURES / "newsroom" / "wire" / "flood.txt"
BUDGET = FIXTURES / "newsroom" / "wire" / "budget.txt"


def records() -> list[Record]:
    return [
        Record("seed", SEED_SOURCE.read_text(encoding="utf-8"), published="2025-05-10"),
        Record("flood", FLOOD.read_text(encoding="utf-8"), published="2025-03-02", source_name="Wire Service"),
    ]


def test_shingles_are_folded_sampled_and_stable() -> None:
    text = "The minister said the budget would be cut by ten percent next year, officials confirmed on Monday."
    disguised = text.replace("o", "\u043e").replace("e", "\u0435")  # Cyrillic look-alikes
    assert shingle_hashes(text) == shingle_hashes(disguised) == shingle_hashes(text.upper())
    kept = shingles(text)
    assert kept and all(s.hash % SAMPLE == 0 for s in kept)
    assert all(text[s.start : s.end].split()[0] for s in kept)
    assert shingle_hashes("Short text.")  # shorter than a shingle: still one key


def test_add_is_incremental_and_readding_is_a_no_op(tmp_path: Path) -> None:
    with open_archive(tmp_path / "a", create=True) as store:
        first = store.add(records())
        assert first.added == ("seed", "flood")
        postings = store.stats().postings
        again = store.add(records())
        assert again.added == () and again.unchanged == ("seed", "flood")
        assert store.stats().postings == postings
        twin = store.add([Record("seed-copy", records()[0].text)])
        assert twin.duplicates == (("seed-copy", "seed"),)
        changed = store.add([Record("flood", "A different text about a flood in the valley today.")])
        assert changed.updated == ("flood",)
        assert store.count() == 2
        stats = store.stats()
        assert stats.format_version == FORMAT_VERSION and stats.documents == 2
        assert stats.earliest is not None and stats.earliest.startswith("2025-05-10")


def test_remove_deletes_postings_and_unknown_id_removes_nothing(tmp_path: Path) -> None:
    with open_archive(tmp_path / "a", create=True) as store:
        store.add(records())
        seed_postings = len(store.hashes(records()[0].text))
        before = store.stats().postings
        with pytest.raises(InputError, match="no such id"):
            store.remove(["seed", "nope"])
        assert store.count() == 2
        store.remove(["seed"])
        assert store.get("seed") is None
        assert store.stats().postings == before - seed_postings


def test_interrupted_add_leaves_the_archive_as_it_was(tmp_path: Path) -> None:
    with open_archive(tmp_path / "a", create=True) as store:
        store.add(records()[:1])
        before = store.stats()

        def interrupted() -> Iterator[Record]:
            yield records()[1]
            raise KeyboardInterrupt

        with pytest.raises(KeyboardInterrupt):
            store.add(interrupted())
        assert store.stats() == before
    with open_archive(tmp_path / "a") as store:  # and so it stays on disk
        assert store.get("flood") is None and store.count() == 1


def test_not_an_archive_corrupt_and_other_versions_are_one_line_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such archive folder"):
        open_archive(tmp_path / "missing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="is not an archive"):
        open_archive(tmp_path / "empty")
    (tmp_path / "file").write_text("x")
    with pytest.raises(InputError, match="is a file"):
        open_archive(tmp_path / "file")
    corrupt = tmp_path / "corrupt"
    corrupt.mkdir()
    (corrupt / "archive.sqlite").write_bytes(b"this is not a database" * 100)
    with pytest.raises(InputError, match="not a readable archive index") as err:
        open_archive(corrupt)
    assert "\n" not in str(err.value)
    other = tmp_path / "other"
    open_archive(other, create=True).close()
    db = sqlite3.connect(other / "archive.sqlite")
    db.execute("UPDATE meta SET value = '99' WHERE key = 'format_version'")
    db.commit()
    db.close()
    with pytest.raises(InputError, match=f"format version 99, this attrib reads version {FORMAT_VERSION}"):
        open_archive(other)
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    db = sqlite3.connect(foreign / "archive.sqlite")
    db.execute("CREATE TABLE t (x)")
    db.commit()
    db.close()
    with pytest.raises(InputError, match="archive"):
        open_archive(foreign)


def test_tables_files_and_folders_are_read(tmp_path: Path) -> None:
    table = tmp_path / "stories.jsonl"
    table.write_text(
        json.dumps({"id": "a1", "text": "One story.", "published": "2025-01-02", "url": "https://x/a1"})
        + "\n\n"
        + json.dumps({"id": 7, "text": "Another story.", "source_name": "AP"})
        + "\n"
    )
    csv_file = tmp_path / "more.csv"
    csv_file.write_text('id,text,title\nc1,"A story, with a comma.",Title\n')
    folder = tmp_path / "wire"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "story.md").write_text("---\ntitle: T\ndate: 2025-02-03\n---\nThe body of the story.\n")
    (folder / "page.html").write_text(
        "<html><body><article><p>" + "Words of a page. " * 20 + "</p></article></body></html>"
    )
    (folder / "notes.bin").write_bytes(b"\0\1")
    got = {r.id: r for r in read_records([table, csv_file, folder])}
    assert got["a1"].published == "2025-01-02T00:00:00" and got["a1"].url == "https://x/a1"
    assert got["7"].source_name == "AP"
    assert got["c1"].title == "Title" and got["c1"].text == "A story, with a comma."
    md = got[(folder / "sub" / "story.md").as_posix()]
    assert md.title == "T" and md.published.startswith("2025-02-03") and md.text.strip() == "The body of the story."
    assert (folder / "page.html").as_posix() in got
    assert len(got) == 5


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("no-text.csv", "id,body\n1,hello\n", "has no 'text' column"),
        ("no-id.csv", "text\nhello\n", "has no 'id' column"),
        ("dupes.jsonl", '{"id": "x", "text": "a"}\n{"id": "x", "text": "b"}\n', "dupes.jsonl:2: duplicate id 'x'"),
        ("bad.jsonl", '{"id": "x", "text": "a"}\nnot json\n', "bad.jsonl:2: not a JSON object"),
        ("empty-text.jsonl", '{"id": "x", "text": "  "}\n', "no text"),
        ("date.jsonl", '{"id": "x", "text": "a", "published": "last Tuesday"}\n', "is not ISO 8601"),
        ("table.xlsx", "whatever", "not a file attrib indexes"),
    ],
)
def test_bad_input_is_a_one_line_error(tmp_path: Path, name: str, content: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(InputError, match=message) as err:
        read_records([path])
    assert "\n" not in str(err.value)


def test_duplicate_ids_across_inputs_are_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('{"id": "x", "text": "a"}\n')
    (tmp_path / "b.csv").write_text("id,text\nx,b\n")
    with pytest.raises(InputError, match="duplicate id 'x'"):
        read_records([tmp_path / "a.jsonl", tmp_path / "b.csv"])


def test_shingling_in_several_processes_gives_the_same_keys() -> None:
    from attribution.archive.shingles import hash_texts

    base = SEED_SOURCE.read_text(encoding="utf-8").split("\n")
    texts = [" ".join(base[i % len(base) : i % len(base) + 6]) + f" story {i}" for i in range(250)]
    one = [list(h) for h in hash_texts(texts, jobs=1)]
    two = [list(h) for h in hash_texts(texts, jobs=2)]
    assert one == two and one[0] == shingle_hashes(texts[0])
