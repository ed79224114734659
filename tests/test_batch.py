"""attrib batch: reports, ranked summary, resume, and a broken pair in the middle."""

import csv
import json
from pathlib import Path

SOURCE = "The council approved the budget on Monday after a long debate. The mayor praised the vote.\n"


def write_batch(tmp_path: Path) -> Path:
    (tmp_path / "wire.txt").write_text(SOURCE)
    (tmp_path / "copy.txt").write_text("The council approved the budget on Monday after a long debate.\n")
    (tmp_path / "own.txt").write_text("Tourists crowded the beaches as the heatwave broke records.\n")
    manifest = tmp_path / "pairs.csv"
    manifest.write_text("source,derivative\nwire.txt,copy.txt\nwire.txt,missing.txt\nwire.txt,own.txt\n")
    return manifest


def test_batch_writes_reports_and_a_ranked_summary(cli, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    manifest = write_batch(tmp_path)
    out = tmp_path / "out"
    assert cli(["batch", str(manifest), "--out", str(out), "--html"]) == 2  # one pair is broken
    printed = capsys.readouterr()
    assert "3 pairs: 2 compared, 0 already done, 1 failed" in printed.out
    assert "0002-missing" in printed.err and "no such file" in printed.err
    assert sorted(p.name for p in out.iterdir() if p.name != ".attrib-batch.lock") == [  # the folder lock stays
        "0001-copy.html",
        "0001-copy.json",
        "0003-own.html",
        "0003-own.json",
        "summary.csv",
        "summary.json",
    ]
    rows = list(csv.DictReader((out / "summary.csv").open()))
    assert [r["id"] for r in rows] == ["0001-copy", "0003-own", "0002-missing"]  # most copied first, failures last
    assert rows[0]["verbatim"] == "1.0" and rows[2]["status"] == "failed"
    assert rows[0]["derivation"] == "wholly" and rows[0]["drawn_share"] == "1.0"
    assert json.loads((out / "summary.json").read_text())["pairs"][0]["id"] == "0001-copy"


def test_batch_resumes_and_redoes_what_changed(fake_model, cli, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    manifest = write_batch(tmp_path)
    out = tmp_path / "out"
    cli(["batch", str(manifest), "--out", str(out)])
    capsys.readouterr()
    fake_model.calls.clear()
    cli(["batch", str(manifest), "--out", str(out)])
    assert "3 pairs: 0 compared, 2 already done, 1 failed" in capsys.readouterr().out
    assert fake_model.calls == []  # nothing embedded again
    (tmp_path / "own.txt").write_text("Tourists crowded the beaches. The council approved the budget on Monday.\n")
    (tmp_path / "missing.txt").write_text("The mayor praised the vote.\n")
    assert cli(["batch", str(manifest), "--out", str(out)]) == 0
    assert "3 pairs: 2 compared, 1 already done, 0 failed" in capsys.readouterr().out


def test_batch_needs_the_columns(cli, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n")
    assert cli(["batch", str(bad), "--out", str(tmp_path / "o")]) == 2
    assert "needs the columns source,derivative" in capsys.readouterr().err
