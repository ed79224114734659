from attribution.core.records import Role
from attribution.core.roles import assign_roles
from attribution.core.segment import MAX_SENTENCE_CHARS, segment


def texts(text: str) -> list[str]:
    return [s.text for s in segment(text)]


def test_offsets_slice_back_to_the_sentence_text() -> None:
    text = "First one.  Second one!\n\nThird? Yes."
    for s in segment(text):
        assert text[s.start : s.end] == s.text


def test_abbreviations_and_initials_do_not_end_sentences() -> None:
    text = "The U.S. and the U.N. met Dr. Smith at No. 10 Downing St. on Jan. 5. J. R. Doe agreed."
    assert texts(text) == ["The U.S. and the U.N. met Dr. Smith at No. 10 Downing St. on Jan. 5.", "J. R. Doe agreed."]


def test_dotted_acronym_ends_a_sentence_before_an_obvious_opener() -> None:
    assert texts("He moved to the U.S. The move was hard.") == ["He moved to the U.S.", "The move was hard."]


def test_no_is_a_word_unless_a_number_follows() -> None:
    assert texts("He said no. No meeting took place.") == ["He said no.", "No meeting took place."]


def test_a_line_without_final_punctuation_is_its_own_sentence() -> None:
    text = "Big headline here\nBody sentence one. Body sentence two."
    assert texts(text) == ["Big headline here", "Body sentence one.", "Body sentence two."]


def test_quotes_close_the_sentence_with_it() -> None:
    assert texts('"We will win," he said. "Never."') == ['"We will win," he said.', '"Never."']


def test_lowercase_after_a_period_does_not_split() -> None:
    assert len(segment("It rose 3.5 percent, i.e. a lot. Then it fell.")) == 2


def test_hard_wrapped_prose_is_joined() -> None:
    text = (
        "Plagiarism is the act of taking another person's writing and passing\n"
        "it off as one's own work, something that universities take seriously\n"
        "and punish with penalties that range from a warning to expulsion.\n"
    )
    assert len(segment(text)) == 1


def test_agency_dateline_is_split_off() -> None:
    sentences = assign_roles(segment("SEOUL (Reuters) -North Korea fired a missile on Saturday, officials said."))
    assert [s.role for s in sentences] == [Role.DATELINE, Role.BODY]
    assert sentences[1].text.startswith("North Korea")


def test_pathological_text_stays_bounded() -> None:
    text = "word " * 30_000
    sentences = segment(text)
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in sentences)
    assert sum(len(s.text.split()) for s in sentences) == 30_000


def test_cjk_full_stops_split_without_spaces() -> None:
    assert texts("今天下雨。明天晴天。") == ["今天下雨。", "明天晴天。"]


def test_reuters_dateline_with_a_country_and_a_date_is_split_off() -> None:
    sentences = assign_roles(segment("KLAPAYA, Ukraine, Nov 12 (Reuters) – Villagers waited on the road to Kherson."))
    assert [(s.text, s.role) for s in sentences] == [
        ("KLAPAYA, Ukraine, Nov 12 (Reuters) –", Role.DATELINE),
        ("Villagers waited on the road to Kherson.", Role.BODY),
    ]


def test_dateline_with_state_abbreviation() -> None:
    sentences = assign_roles(
        segment("CEDAR RIDGE, Colo. (AP) — A wildfire forced 2,000 people to leave, officials said.")
    )
    assert [(s.text, s.role) for s in sentences] == [
        ("CEDAR RIDGE, Colo. (AP) —", Role.DATELINE),
        ("A wildfire forced 2,000 people to leave, officials said.", Role.BODY),
    ]
