from attribution.textfold import fold, plain, words


def test_folding_undoes_disguises_and_keeps_offsets() -> None:
    text = "Тhe\u200bcat\u00a0sat ＯＮ the mat"  # Cyrillic T, zero-width space, NBSP, fullwidth ON
    folded = fold(text)
    assert folded.text == "thecat sat on the mat"
    assert {t for t, _ in folded.tricks} == {"homoglyph", "zero_width", "fullwidth"}
    for i, ch in enumerate(folded.text):
        assert text[folded.origin[i]].lower() == ch or not text[folded.origin[i]].isascii()


def test_words_carry_original_offsets() -> None:
    text = "Korea’s “hostile policy”"
    ws = words(text)
    assert [w.text for w in ws] == ["korea's", "hostile", "policy"]
    assert [text[w.start : w.end] for w in ws] == ["Korea’s", "hostile", "policy"]


def test_plain_folds_quotes_and_space() -> None:
    assert plain("“Hello”\n  world—now") == '"hello" world-now'
