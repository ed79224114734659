"""The source's own URL given out of band (``--source-url``, ``source_url`` in front matter, a manifest or a gold
file's ``origin``): a link in the derivative to its domain credits it. And what ``check --manifest`` and
``batch`` do with a derivative's front matter, and how ``batch`` resumes when what the source was given changes
(fake embedder)."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import pytest

Cli = Callable[[list[str]], int]

WIRE = "Bees are dying in their millions across Europe this year.\nFarmers blame the dry spring weather.\n"
LINKED = WIRE + "Read the full story at https://www.beetimes.co.uk/news/bees\n"
NAMED = WIRE + "Source: The Bee Times\n"


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with the wire story, a copy that credits it by link, and one that credits it by name."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "wire.txt").write_text(WIRE, encoding="utf-8")
    (tmp_path / "other.txt").write_text("Tourists crowded the beaches as the heatwave broke records.\n")
    (tmp_path / "linked.txt").write_text(LINKED, encoding="utf-8")
    (tmp_path / "named.txt").write_text(NAMED, encoding="utf-8")
    return tmp_path


def _compare(cli: Cli, *args: str) -> dict:  # type: ignore[type-arg]
    assert cli(["compare", "wire.txt", "linked.txt", "--json", "out.json", "-q", *args]) == 0
    return json.loads(Path("out.json").read_text(encoding="utf-8"))["verdict"]  # type: ignore[no-any-return]


def test_compare_source_url_credits_a_link_to_its_domain(desk: Path, cli: Cli) -> None:
    assert _compare(cli)["credits_source"] is False  # the source names itself nowhere: the link is anyone's
    for given in ("https://beetimes.co.uk/2025/bees", "beetimes.co.uk", "http://news.beetimes.co.uk"):
        verdict = _compare(cli, "--source-url", given)
        assert verdict["credits_source"] is True and verdict["credited_as"] == "beetimes.co.uk", given
    assert _compare(cli, "--source-url", "https://www.wasps.example.org/x")["credits_source"] is False


def test_compare_refuses_a_source_url_without_a_domain(  # type: ignore[no-untyped-def]
    desk: Path, cli: Cli, capsys
) -> None:
    capsys.readouterr()
    assert cli(["compare", "wire.txt", "linked.txt", "-q", "--source-url", "beetimes"]) == 2
    err = capsys.readouterr().err
    assert "--source-url 'beetimes' has no domain" in err and "Traceback" not in err


def test_source_urls_one_per_source_in_order(desk: Path, fake_embedder) -> None:  # type: ignore[no-untyped-def]
    from attribution.pipeline import compare

    other = "Tourists crowded the beaches as the heatwave broke records.\n"
    derivative = LINKED + other
    report = compare(
        [WIRE, other],
        derivative,
        embedder=fake_embedder,
        source_urls=("https://www.beetimes.co.uk/", "https://www.sunnews.example.com/"),
    )
    credited = [p.credit.credited_as for p in report.parts]
    assert credited == ["beetimes.co.uk", None]  # the link is to the first source's domain, not the second's


def _check(*argv: str) -> dict:  # type: ignore[type-arg]
    """``attrib check`` as the library runs it (fake embedder): each article's result by file name."""
    from attribution.newsroom.check import CheckRequest, run_check
    from tests.conftest import FakeEmbedder

    fake = FakeEmbedder()
    manifest = Path(argv[0]) if argv and argv[0].endswith(".csv") else None
    articles = () if manifest else tuple(argv)
    result = run_check(CheckRequest(articles=articles, manifest=manifest, cwd=Path.cwd()), lambda model, backend: fake)
    return {r.path.name: r for r in result.results}


def _article(name: str, front: str, body: str = NAMED) -> None:
    Path(name).write_text(f"---\n{front}---\n{body}", encoding="utf-8")


def test_check_front_matter_source_url(desk: Path) -> None:
    _article("a.md", "source: wire.txt\n", LINKED)
    _article("b.md", "source: wire.txt\nsource_url: https://www.beetimes.co.uk\n", LINKED)
    _article("c.md", "source: wire.txt\nsource_url: beetimes\n", LINKED)
    results = _check("a.md", "b.md", "c.md")
    assert results["a.md"].report is not None and not results["a.md"].report.verdict.credits_source
    assert results["b.md"].report is not None and results["b.md"].report.verdict.credited_as == "beetimes.co.uk"
    assert results["c.md"].error is not None and "source_url 'beetimes' has no domain" in results["c.md"].error


def test_check_manifest_keeps_the_derivatives_front_matter_names(desk: Path) -> None:
    """A manifest row's names and the derivative's front matter's both count; front matter that names another
    source describes that one, and is left out."""
    _article("fm.md", "source_name: The Bee Times\n")  # names no source: its name is the row's source's
    _article("same.md", "source: wire.txt\nsource_name: The Bee Times\n")
    _article("elsewhere.md", "source: other.txt\nsource_name: The Bee Times\n")
    _article("row.md", "")
    Path("pairs.csv").write_text(
        "source,derivative,source_name,source_url\n"
        "wire.txt,fm.md,,\n"
        "wire.txt,same.md,Hive Wire,\n"
        "wire.txt,elsewhere.md,,\n"
        "wire.txt,row.md,The Bee Times,\n",
        encoding="utf-8",
    )
    results = _check("pairs.csv")
    credited = {name: r.report.verdict.credited_as if r.report else r.error for name, r in results.items()}
    assert credited["fm.md"] == "The Bee Times"  # before: the front matter's name was dropped, not credited
    assert credited["same.md"] == "The Bee Times"  # the row's "Hive Wire" beside it, not instead of it
    assert credited["elsewhere.md"] is None  # its name is other.txt's
    assert credited["row.md"] == "The Bee Times"
    same = results["same.md"].report
    assert same is not None and {"Hive Wire", "The Bee Times"} <= set(same.credit.names)


def test_check_manifest_source_url_column(desk: Path) -> None:
    Path("pairs.csv").write_text(
        "source,derivative,source_url\nwire.txt,linked.txt,https://www.beetimes.co.uk/a; beetimes.com\n"
        "wire.txt,named.txt,not a url\n",
        encoding="utf-8",
    )
    results = _check("pairs.csv")
    linked = results["linked.txt"].report
    assert linked is not None and linked.verdict.credited_as == "beetimes.co.uk"
    assert results["named.txt"].error is not None and "has no domain" in results["named.txt"].error


def _batch(cli: Cli, rows: str, out: str = "out") -> tuple[int, list[dict[str, str]]]:
    Path("pairs.csv").write_text(rows, encoding="utf-8")
    code = cli(["batch", "pairs.csv", "--out", out])
    return code, list(csv.DictReader(Path(out, "summary.csv").read_text(encoding="utf-8").splitlines()))


def test_batch_source_url_and_front_matter(desk: Path, cli: Cli) -> None:
    _article("fm.md", "source_url: [https://www.beetimes.co.uk]\n", LINKED)
    code, rows = _batch(
        cli, "id,source,derivative,source_url\nlink,wire.txt,linked.txt,beetimes.co.uk\nfm,wire.txt,fm.md,\n"
    )
    assert code == 0
    assert {r["id"]: r["credited_as"] for r in rows} == {"link": "beetimes.co.uk", "fm": "beetimes.co.uk"}
    report = json.loads(Path("out/link.json").read_text(encoding="utf-8"))
    assert report["given"] == {"source_urls": ["beetimes.co.uk"]}


def test_batch_resume_notices_a_changed_source_name_or_url(  # type: ignore[no-untyped-def]
    desk: Path, cli: Cli, capsys
) -> None:
    header = "id,source,derivative,source_name,source_url\n"
    _batch(cli, header + "n,wire.txt,named.txt,,\nl,wire.txt,linked.txt,,\n")
    report = json.loads(Path("out/n.json").read_text(encoding="utf-8"))
    assert "given" not in report  # nothing given: the report is compare's, byte for byte
    capsys.readouterr()
    _batch(cli, header + "n,wire.txt,named.txt,,\nl,wire.txt,linked.txt,,\n")
    assert "0 compared, 2 already done" in capsys.readouterr().out
    _, rows = _batch(cli, header + "n,wire.txt,named.txt,The Bee Times,\nl,wire.txt,linked.txt,,beetimes.co.uk\n")
    assert "2 compared, 0 already done" in capsys.readouterr().out  # before: both resumed, uncredited
    assert {r["id"]: r["credited_as"] for r in rows} == {"n": "The Bee Times", "l": "beetimes.co.uk"}
    _batch(cli, header + "n,wire.txt,named.txt,The Bee Times,\nl,wire.txt,linked.txt,,beetimes.co.uk\n")
    assert "0 compared, 2 already done" in capsys.readouterr().out
    _batch(cli, header + "n,wire.txt,named.txt,Hive Wire,\nl,wire.txt,linked.txt,,beetimes.co.uk\n")
    assert "1 compared, 1 already done" in capsys.readouterr().out


def test_batch_row_without_a_source_and_no_archive(desk: Path, cli: Cli) -> None:
    code, rows = _batch(cli, "source,derivative\n,named.txt\n")
    assert code == 2 and rows[0]["status"] == "failed"
    assert rows[0]["error"].endswith("named.txt: no source given, and no --archive to find one in")


def _gold(path: Path, origin: dict | None) -> Path:  # type: ignore[type-arg]
    gold = {
        "source": "wire.txt",
        "derivative": "linked.txt",
        "verdict": {"derived": True, "credits_source": True},
        **({"origin": origin} if origin is not None else {}),
    }
    path.write_text(json.dumps(gold), encoding="utf-8")
    return path


def test_eval_gives_the_audit_the_source_url_and_name_the_gold_origin_states(  # type: ignore[no-untyped-def]
    desk: Path, cli: Cli, capsys
) -> None:
    with_url = _gold(desk / "url.gold.json", {"source_url": "https://www.beetimes.co.uk/news/bees"})
    with_name = _gold(desk / "name.gold.json", {"source_name": ["Bee Times"]})
    without = _gold(desk / "none.gold.json", None)
    capsys.readouterr()
    assert cli(["eval", str(with_url), str(with_name), str(without), "--json", "-"]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert scores["given_from_origin"] == 2
    # "Bee Times" is the link's registrable name, "beetimes", without its space; the third is told nothing.
    assert [(i["credits_source"], i["credited_as"]) for i in scores["items"]] == [
        (True, "beetimes.co.uk"),
        (True, "Bee Times"),
        (False, None),
    ]
    assert cli(["eval", str(with_url), "--no-origin", "--json", "-"]) == 0
    blind = json.loads(capsys.readouterr().out)
    assert blind["given_from_origin"] is None and blind["items"][0]["credits_source"] is False
    assert cli(["eval", str(with_url)]) == 0
    assert "pairs scored: 1 (1 given the source's name or URL from the gold's origin)" in capsys.readouterr().out


def test_eval_refuses_a_gold_origin_url_without_a_domain(desk: Path, cli: Cli, capsys) -> None:  # type: ignore[no-untyped-def]
    bad = _gold(desk / "bad.gold.json", {"source_url": "beetimes"})
    capsys.readouterr()
    assert cli(["eval", str(bad)]) == 2
    assert "bad.gold.json: origin source URL 'beetimes' has no domain" in capsys.readouterr().err
    assert cli(["eval", str(_gold(desk / "odd.gold.json", {"source_name": 3}))]) == 2
    assert "origin 'source_name' must be a string or a list of strings" in capsys.readouterr().err
