"""Numbers read whole, added details that are not new, and changed facts between aligned sentences."""

from attribution import compare
from attribution.core.quantities import covers, quantities
from attribution.core.records import DetailKind, FactChange, FindingKind
from tests.conftest import ReadsAlike


def one(text: str):  # type: ignore[no-untyped-def]
    (q,) = quantities(text)
    return q


def test_numbers_are_read_whole_with_separators_currencies_scales_and_words() -> None:
    text = "4,785 cases, a £10,000 fine, 1.2 million homes, six cars, a thousand"
    got = [(q.text, q.value) for q in quantities(text)]
    assert got == [("4,785", 4785), ("£10,000", 10000), ("1.2 million", 1.2e6), ("six", 6), ("a thousand", 1000)]
    assert quantities("COVID-19 and the F-35 at 12:30") == []


def test_rounding_and_hedges_decide_what_a_number_covers() -> None:
    assert covers(one("over a thousand"), one("1,115"))
    assert covers(one("nearly 30,000"), one("29,348"))
    assert covers(one("more than $43 million"), one("$43.55 million"))
    assert not covers(one("29,348"), one("nearly 30,000"))  # the precise figure is news
    assert not covers(one("30,000"), one("40,000"))
    assert not one("£10,000").same_as(one("£12,000"))


SOURCE = (
    "The Bank of England said on Tuesday that 1,115 firms in Britain had applied for COVID support. "
    "Officials at the U.S. Treasury said 4,785 claims were paid."
)


def test_known_names_and_numbers_are_not_added_details(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    derivative = (
        "The BOE said over a thousand British firms applied for Covid-19 support. "
        "US officials said 4,785 claims were paid, with £10,000 each."
    )
    report = compare(SOURCE, derivative, embedder=fake_embedder)
    texts = {d.text for d in report.added_details if d.kind != DetailKind.PHRASE}
    assert texts == {"£10,000"}


def test_a_changed_number_is_a_changed_fact_with_both_spans(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    source = "Tesla recalled 29,348 Model X cars in the United States over an air bag issue on Friday."
    derivative = "Tesla recalled 39,348 Model X cars in the United States over an air bag issue on Friday."
    report = compare(source, derivative, embedder=fake_embedder)
    (fact,) = [c for c in report.changed_facts if c.kind == FactChange.NUMBER]
    assert (fact.text, fact.source_text) == ("39,348", "29,348")
    assert any(f.kind == FindingKind.CHANGED_FACT and f.severity == "error" for f in report.findings)
    assert report.to_dict()["changed_facts"][0]["source_text"] == "29,348"


def test_flipped_negation_and_dropped_hedge(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    source = "The company said the new plant will not open in Virginia before the end of next year."
    flipped = compare(source, source.replace("will not open", "will open"), embedder=fake_embedder)
    assert [c.kind for c in flipped.changed_facts] == [FactChange.NEGATION]
    hedged = "The storm may reach the coast of Florida on Sunday night, forecasters warned on Saturday."
    flat = compare(hedged, hedged.replace("may reach", "will reach"), embedder=fake_embedder)
    assert FindingKind.HEDGE_DROPPED in [f.kind for f in flat.findings]
    same = compare(source, source, embedder=fake_embedder)
    assert same.changed_facts == ()


def test_a_quotation_given_to_another_speaker(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    source = '"We will rebuild the bridge this year," Mayor Anne Lee said on Monday at the council meeting.'
    derivative = '"We will rebuild the bridge this year," Governor Tom Hart said on Monday at the council meeting.'
    report = compare(source, derivative, embedder=fake_embedder)
    assert FactChange.QUOTE_MISATTRIBUTED in [c.kind for c in report.changed_facts]


def test_a_sentence_split_from_a_longer_one_is_contained_in_it() -> None:
    from attribution.core.classify import _contained
    from attribution.core.records import SentenceMatch
    from attribution.core.text import PreparedText

    source = PreparedText.of(
        "Older adults have a harder time regulating body temperature, and this generally makes them more "
        "susceptible to heat, overexertion and dehydration during the long summer heatwaves, doctors said."
    )
    split = PreparedText.of("This generally makes them more susceptible to heat, overexertion and dehydration.")
    other = PreparedText.of("Hospitals in the region added beds for heat patients and hired more nurses this week.")
    match = SentenceMatch(0, (0,), 0.39, 0.6, 0.58)
    assert _contained(split, 0, match, source)
    assert not _contained(other, 0, match, source)


def test_the_support_model_sees_the_changed_facts(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    source = "Tesla recalled 29,348 Model X cars in the United States over an air bag issue on Friday."
    changed = compare(source, source.replace("29,348", "39,348"), embedder=fake_embedder)
    same = compare(source, source, embedder=fake_embedder)
    assert changed.derivative_sentences[0].evidence.changed_number == 1.0
    assert same.derivative_sentences[0].evidence.changed_number == 0.0
    assert changed.derivative_sentences[0].support < same.derivative_sentences[0].support


def test_a_name_swap_needs_the_same_place_in_the_sentence(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    source = "In 2001, Evan helped found an after-school program named after a student, the supervisor said."
    swapped = compare(source, source.replace("Evan", "Nash"), embedder=fake_embedder)
    assert [(c.text, c.source_text) for c in swapped.changed_facts] == [("Nash", "Evan")]
    elsewhere = compare(
        "The militants ambushed the convoy Saturday near the town of Spinboldak, a spokesman said.",
        "The militants ambushed the convoy near the town of Spinboldak, a spokesman said Sunday.",
        embedder=fake_embedder,
    )
    assert elsewhere.changed_facts == ()  # "said Sunday" is not where "convoy Saturday" stood


def test_a_name_one_word_apart_is_a_swap_and_a_longer_form_is_not(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    source = "The group will be headed by State Department official John S. Wolf, who served in Vietnam and Greece."
    report = compare(source, source.replace("John S. Wolf", "Stanley S. Wolf"), embedder=fake_embedder)
    assert [(c.text, c.source_text) for c in report.changed_facts] == [("Stanley", "John")]
    same_company = compare(
        "Apple's iTunes Music Store has sold over 1 million songs in its first week, the company said.",
        "Apple Computer's new music store sold over 1 million songs in its first week, the company said.",
        embedder=fake_embedder,
    )
    assert same_company.changed_facts == ()


def test_a_renamed_place_is_the_same_place(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    source = "Foxconn will spend $1.6 billion on the 300-acre site close to the Bangalore airport, officials said."
    derivative = source.replace("Bangalore", "Bengaluru")
    knows = compare(source, derivative, embedder=ReadsAlike(fake_embedder, {"Bengaluru": "Bangalore"}))
    assert knows.changed_facts == ()
    assert [d.text for d in knows.added_details if d.kind != DetailKind.PHRASE] == []
    # Spelling alone is not enough: a model that does not put the two names close keeps them apart, and the name
    # in the other's place is a changed fact (reported once: not also an added detail).
    blind = compare(source, derivative, embedder=fake_embedder)
    assert [(c.text, c.source_text) for c in blind.changed_facts] == [("Bengaluru", "Bangalore")]
    assert "Bengaluru" not in [d.text for d in blind.added_details]


def test_attribution_moved_to_the_next_sentence_is_not_dropped(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    source = "Foxconn plans to invest up to $1 billion to expand a factory in southern India, two sources said."
    flat = "Foxconn plans to invest up to $1 billion to expand a factory in southern India."
    dropped = compare(source, flat, embedder=fake_embedder)
    assert [c.kind for c in dropped.changed_facts] == [FactChange.ATTRIBUTION_DROPPED]
    moved = compare(source, flat + " The plant makes iPhones, sources said.", embedder=fake_embedder)
    assert FactChange.ATTRIBUTION_DROPPED not in [c.kind for c in moved.changed_facts]


def test_a_number_in_a_loose_retelling_needs_the_same_words_on_both_sides() -> None:
    from attribution.checks.facts import _same_slot

    source = "The review took hundreds of scientists eight years to compile."
    (eight,) = quantities(source)
    text = "Humans caused virtually all heating over the last 200 years."
    (two_hundred,) = quantities(text)
    assert _same_slot(text, two_hundred, source, [eight], close=True) is eight
    assert _same_slot(text, two_hundred, source, [eight], close=False) is None
    edited = source.replace("eight", "nine")
    assert _same_slot(edited, quantities(edited)[0], source, [eight], close=False) is eight


def test_a_flipped_sentence_with_the_same_words_is_compared_whatever_its_cosine() -> None:
    from attribution.checks.facts import _changes
    from attribution.core.records import SentenceMatch
    from attribution.core.text import PreparedText

    source = PreparedText.of(
        "The agent filed the lawsuit on Friday in the District Court for the District of Columbia."
    )
    derivative = PreparedText.of(
        "The lawsuit was not filed on Friday in the District Court for the District of Columbia."
    )
    sentence = derivative.sentences[0]
    same_words = SentenceMatch(0, (0,), 0.45, 0.86, 0.5)  # a negation pulls the cosine down, not the words
    assert FactChange.NEGATION in [c.kind for c in _changes(source, derivative, sentence, same_words)]
    loose = SentenceMatch(0, (0,), 0.45, 0.7, 0.5)
    assert _changes(source, derivative, sentence, loose) == []
