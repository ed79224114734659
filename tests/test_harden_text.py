"""Right answers on odd but honest text (issue 11, items 8, 9, 10, 12, 13)."""

from __future__ import annotations

import pytest

from attribution import compare
from attribution.core.read import read_bytes
from attribution.core.records import FindingKind
from attribution.errors import InputError

SOURCE = (
    "SEOUL (Reuters) - North Korea on Saturday criticised the talks, the state news agency said.\n\n"
    "“This is a stark revelation of hostile intent,” the ministry said in a statement.\n"
)


def kinds(report) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(f.kind) for f in report.findings]


# Item 8: a few bad bytes in UTF-8 text.


def test_a_few_invalid_bytes_keep_the_file_utf8(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    derivative = (
        "North Korea on Saturday criticised the talks, Reuters reported.\n\n"
        "The ministry called it “a betrayal of every reader in this city” and “a plot”, "
        "and said “this is a stark revelation of hostile intent”.\n"
    ).encode()
    damaged = derivative[:10] + b"\xe9\xff" + derivative[10:] + b"\x92\x93"
    document = read_bytes(damaged, path="d.txt")
    assert document.encoding == "utf-8 (4 invalid bytes replaced)"
    assert "“a betrayal of every reader in this city”" in document.text
    report = compare(read_bytes(SOURCE.encode()), document, embedder=fake_embedder)
    assert "evasion" not in kinds(report)
    assert kinds(report).count("quote_not_in_source") == 2


def test_a_cp1252_file_is_still_cp1252() -> None:
    assert read_bytes("The café’s crème brûlée".encode("cp1252")).encoding == "cp1252"


# Item 9: words of another script are words, not tricks.


@pytest.mark.parametrize("word", ["ΟΧΙ", "СССР", "Москва", "（大阪）", "「東京」！"])
def test_words_of_other_scripts_are_not_evasions(fake_embedder, word: str) -> None:  # type: ignore[no-untyped-def]
    derivative = f"North Korea on Saturday criticised the talks, Reuters reported, and the word {word} was used.\n"
    report = compare(SOURCE, derivative, embedder=fake_embedder)
    assert "evasion" not in kinds(report), report.findings


def test_a_look_alike_inside_a_latin_word_is_still_an_evasion(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    report = compare(
        SOURCE, "North Kоrea on Saturday criticised the talks, Reuters reported.\n", embedder=fake_embedder
    )
    assert "evasion" in kinds(report)


# Item 10: control characters are an evasion.


def test_terminal_escape_codes_are_an_evasion(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    derivative = "North Korea on Saturday criticised the talks, Reuters reported \x1b[2K\x1b[1G.\n"
    report = compare(SOURCE, derivative, embedder=fake_embedder)
    evasion = next(f for f in report.findings if f.kind == FindingKind.EVASION)
    assert "control characters" in evasion.message and "U+001B" in evasion.message


# Item 12: a text compared with itself has no finding.


@pytest.mark.parametrize("text", ["。A\x1e！A", "A:‘º0Α’", "A\nA\nA", "“A” said A. “A” said A.", "the _No. "])
def test_fuzzed_self_comparisons(fake_embedder, text: str) -> None:  # type: ignore[no-untyped-def]
    report = compare(text, text, embedder=fake_embedder)
    about_the_texts = (FindingKind.SOURCE_UNNAMED, FindingKind.LANGUAGE_MISMATCH)
    assert [f for f in report.findings if f.kind not in about_the_texts] == []


# Item 13: empty, PDF and HTML only when they are.


@pytest.mark.parametrize("data", ["\u200b\u200c\u200d\ufeff" * 50, "\u2060\u00ad \n\t\u200e", "\x0b\x0c \u200b"])
def test_invisible_only_text_is_empty(data: str) -> None:
    with pytest.raises(InputError, match="is empty"):
        read_bytes(data.encode())


def test_prose_starting_with_pdf_is_prose() -> None:
    assert read_bytes(b"%PDF is the format the council used.").text.startswith("%PDF")
    with pytest.raises(InputError, match="PDF"):
        read_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")


def test_a_text_file_starting_with_article_is_text() -> None:
    text = "<article> is how the council's note began. The mayor spoke on Monday.\n"
    document = read_bytes(text.encode(), path="note.txt")
    assert document.text == text and "+html" not in document.encoding
    with pytest.raises(InputError, match="HTML page"):  # a .html file is still read as a page
        read_bytes(b"<article></article>", path="page.html")
