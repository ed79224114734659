"""Added details inside added sentences: noun phrases of words the source never uses, regions of a known place,
and nothing read twice inside a quotation (issue 13)."""

from attribution.checks.details import find_added_details
from attribution.checks.nounphrases import noun_phrases
from attribution.checks.phrases import find_added_phrases
from attribution.core.text import PreparedText
from attribution.pipeline import compare

SOURCE = "Tesla recalled nearly 30,000 Model X cars because the front passenger air bag may deploy incorrectly."


def phrases(source: str, derivative: str, *, drawn: tuple[int, ...] = (), added: tuple[int, ...] = (0,)) -> list[str]:
    got = find_added_phrases(PreparedText.of(source), PreparedText.of(derivative), drawn, added=added)
    return [d.text for d in got]


def test_noun_phrases_are_adjectives_and_nouns_ending_on_a_noun() -> None:
    prepared = PreparedText.of("The spinning disk transports matter in certain low-speed collision events.")
    ws = prepared.words_of(0)
    got = [" ".join(prepared.text[w.start : w.end] for w in ws[a:b]) for a, b in noun_phrases(prepared.text, ws)]
    assert "certain low-speed collision events" in got
    assert "spinning disk" in got  # "transports" is the verb here
    assert not any("transports" in g for g in got)


def test_a_noun_phrase_of_three_new_words_in_an_added_sentence_is_a_detail() -> None:
    derivative = "The air bag could deploy incorrectly in certain low-speed collision events, the company said."
    assert phrases(SOURCE, derivative) == ["certain low-speed collision events"]


def test_two_everyday_new_words_are_wording_but_two_with_a_rare_one_are_a_detail() -> None:
    assert phrases(SOURCE, "The recall gives owners a clear view of the problem.") == []
    assert phrases(SOURCE, "The air bag is part of an accretion disk.") == ["accretion disk"]


def test_a_noun_phrase_with_a_word_the_source_uses_is_not_new() -> None:
    # "passenger" and "front" are the source's: the phrase names what it mentions.
    assert phrases(SOURCE, "The air bag could hurt a young front seat passenger.") == []


def test_a_word_already_reported_is_not_reported_again() -> None:
    derivative = "Gas gathers from strong gravitational forces. The strong gravitational field pulls the gas."
    got = find_added_phrases(PreparedText.of(SOURCE), PreparedText.of(derivative), (), added=(0, 1))
    assert [d.text for d in got] == ["strong gravitational forces"]


def test_a_rare_word_beside_known_ones_counts_only_in_a_sentence_drawn_from_the_source() -> None:
    # In a retelling, "heavily fortified border" for "border" is what the rewrite slipped in; in an added sentence
    # (a finding whole) only a thing none of whose words the source uses is a detail of its own.
    source = "The air bag could deploy incorrectly near the border between the two Koreas."
    derivative = "The air bag could deploy improperly near the heavily fortified border between the two Koreas."
    assert phrases(source, derivative, drawn=(0,), added=()) == ["heavily fortified border"]
    assert phrases(source, derivative, added=(0,)) == []


def test_words_inside_a_quotation_are_the_quotation_checks_business() -> None:
    source = PreparedText.of(SOURCE)
    derivative = PreparedText.of('The air bag could deploy "in certain low-speed collision events", Tesla said.')
    text = derivative.text
    quoted = [(text.index('"') + 1, text.rindex('"'))]
    assert find_added_phrases(source, derivative, (), added=(0,), quoted=quoted) == ()
    assert [d.text for d in find_added_phrases(source, derivative, (), added=(0,))] == [
        "certain low-speed collision events"
    ]


def test_a_region_of_a_place_the_source_names_is_a_new_place() -> None:
    source = "A glass maker is expanding in Henry County. Southern Virginia's workforce has the skills, he said."
    got = find_added_details(
        PreparedText.of(source), PreparedText.of("A glass maker is expanding its operations in southwestern Virginia.")
    )
    assert [(d.text, d.kind.value) for d in got] == [("southwestern Virginia", "place")]
    # The same compass point, in any form, is the source's.
    same = find_added_details(PreparedText.of(source), PreparedText.of("It is expanding in southern Virginia."))
    assert list(same) == []


def test_compare_reports_new_things_in_added_sentences(fake_embedder: object) -> None:
    report = compare(
        SOURCE,
        "Tesla recalled nearly 30,000 Model X cars because the front passenger air bag may deploy incorrectly. "
        "Regulators said the fault appears in certain low-speed collision events.",
        embedder=fake_embedder,  # type: ignore[arg-type]
    )
    labels = [d.label.value for d in report.derivative_sentences]
    assert labels[-1] == "added", labels
    assert "certain low-speed collision events" in [d.text for d in report.added_details]
