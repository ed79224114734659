from hypothesis import given, settings
from hypothesis import strategies as st

from attribution.core import textfold
from attribution.core.textfold import fold, plain, words


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


def test_tag_characters_are_undone_like_other_format_characters() -> None:
    # Found by the property test below: the fast path kept U+E0020 (TAG SPACE), the careful one drops it.
    hidden = "pay\U000e0020\U000e0041ment"
    assert fold(hidden).text == "payment" and "zero_width" in {t for t, *_ in fold(hidden).tricks}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_the_fast_path_folds_exactly_like_the_careful_one(text: str) -> None:
    fast = fold(text)
    careful = textfold._fold_carefully(text, lower=True)
    assert fast.text == careful.text
    assert list(fast.origin) == list(careful.origin)
    assert fast.tricks == careful.tricks


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("abcXYZ019 '.-_\n,;é’ΑΣ\u200b"), max_size=60)
    | st.text(max_size=40)
    | st.from_regex(r"[A-Za-z0-9 '.\-_]{0,60}", fullmatch=True)
)
def test_word_strings_are_the_texts_of_words(text: str) -> None:
    # The index (word_strings, with its ASCII fast path) and queries (words) must cut the same words.
    from attribution.core.textfold import word_strings, words

    assert word_strings(text) == [w.text for w in words(text)]
