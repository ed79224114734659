"""Bad, odd and huge input: clear one-line errors, or the right text with the right offsets."""

import json
from pathlib import Path

import pytest

from attribution.core.read import DEFAULT_MAX_CHARS, InputError, read_bytes, read_path
from tests.conftest import SEED_DERIVATIVE, SEED_SOURCE

TEXT = "Der Bürgermeister sagte: «Wir schließen das Bad.» Café crème coûte 3 €."


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "is empty"),
        ("blank.txt", b"  \n\t \r\n", "is empty"),
        ("doc.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "is a PDF file"),
        ("img.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is a PNG image"),
        ("nul.txt", b"text\x00with\x00nul bytes", "NUL bytes"),
    ],
)
def test_refused_inputs_exit_2_with_one_line(cli, tmp_path: Path, capsys, name, data, message) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / name
    bad.write_bytes(data)
    out = tmp_path / "out.json"
    assert cli(["compare", str(SEED_SOURCE), str(bad), "--json", str(out)]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
    assert not out.exists()
    assert not list(tmp_path.glob(".out.json.*"))  # nothing half-written


def test_over_max_chars(cli, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    big = tmp_path / "big.txt"
    big.write_text("word " * 2000)
    assert cli(["compare", str(SEED_SOURCE), str(big), "--max-chars", "5000"]) == 2
    assert "over the limit of 5,000" in capsys.readouterr().err


def test_default_limit_takes_a_20000_word_article() -> None:
    article = ("Reporters filed their stories from the harbour before the evening deadline. " * 1900).encode()
    assert len(article.split()) > 20_000
    assert len(article) < DEFAULT_MAX_CHARS
    read_bytes(article)


def test_unreadable_file(monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    locked = tmp_path / "locked.txt"
    locked.write_text("secret")

    def deny(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", deny)  # read_path opens the file to read a bounded number of bytes
    with pytest.raises(InputError, match="cannot be read \\(Permission denied\\)"):
        read_path(locked)


@pytest.mark.parametrize(
    ("encoded", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("cp1252"), "cp1252"),
    ],
)
def test_encodings_decode_to_the_same_text(encoded: bytes, encoding: str) -> None:
    doc = read_bytes(encoded)
    assert doc.text == TEXT
    assert doc.encoding.replace("_", "-").lower() == encoding


def test_latin1_is_detected_and_named() -> None:
    text = "Le ministre a déclaré que l'été serait très chaud à Genève, où la température a dépassé les normes."
    doc = read_bytes(text.encode("latin-1"))
    assert doc.text == text
    assert doc.encoding in {"latin_1", "iso8859_1", "cp1252", "iso8859_15", "cp1250"}


def test_encoding_is_named_in_the_report_and_offsets_hold(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    derivative = tmp_path / "d.txt"
    text = SEED_DERIVATIVE.read_text(encoding="utf-8")
    derivative.write_bytes(text.encode("utf-16"))
    out = tmp_path / "r.json"
    assert cli(["compare", str(SEED_SOURCE), str(derivative), "--json", str(out), "-q"]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["derivative"]["encoding"] == "utf-16"
    for s in doc["derivative"]["sentences"]:
        assert text[s["start"] : s["end"]] == s["text"]


PAGE = """<!DOCTYPE html><html><head><title>Flood</title><script>var tracking = 1;</script></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Floods hit the valley</h1>
<p>Heavy rain flooded the valley on Monday, forcing hundreds of families from their homes, officials said.</p>
<p>Rescue teams used boats to reach villages cut off by the water, the regional governor told reporters.</p>
<p>The weather service expects more rain later in the week across the whole northern region.</p>
</article><footer>Copyright Example News</footer></body></html>"""


def test_html_page_is_reduced_to_its_article() -> None:
    doc = read_bytes(PAGE.encode())
    assert "Heavy rain flooded the valley" in doc.text
    assert "tracking" not in doc.text and "<p>" not in doc.text
    assert doc.encoding.endswith("+html")


def test_plain_forces_text_reading(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "page.html"
    page.write_text(PAGE)
    out = tmp_path / "r.json"
    assert cli(["compare", str(page), str(page), "--plain", "--json", str(out), "-q"]) == 0
    assert "<article>" in json.loads(out.read_text())["source"]["sentences"][0]["text"] or any(
        "<p>" in s["text"] for s in json.loads(out.read_text())["source"]["sentences"]
    )


def test_outputs_are_written_atomically_with_normal_permissions(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "nested" / "report.json"
    assert cli(["compare", str(SEED_SOURCE), str(SEED_DERIVATIVE), "--json", str(out), "-q"]) == 0
    assert json.loads(out.read_text())["schema_version"] == 1
    assert out.stat().st_mode & 0o044  # readable by others, as a normal file
    assert [p.name for p in out.parent.iterdir()] == ["report.json"]


def test_same_path_for_two_outputs_is_refused(cli, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "x"
    assert cli(["compare", str(SEED_SOURCE), str(SEED_DERIVATIVE), "--json", str(out), "--html", str(out)]) == 2
    assert "given for two outputs" in capsys.readouterr().err
