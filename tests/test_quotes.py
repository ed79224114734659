import pytest

from attribution.checks.quotes import check_quotes, find_quotations
from attribution.core.records import QuoteStatus
from attribution.core.text import PreparedText

SOURCE = (
    'The minister said the plan "will destabilise the region for years" and called it reckless. '
    "He added that talks would resume in March. 'Offensive action' was promised."
)


def status(derivative: str) -> QuoteStatus:
    (quote,) = check_quotes(PreparedText.of(derivative), PreparedText.of(SOURCE))
    return quote.status


def test_finds_straight_curly_and_single_quotations() -> None:
    text = "He said “one two” and \"three four\" and ‘five six’ but not Korea’s or rock 'n' roll."
    spans = [text[q.start : q.end] for q in find_quotations(text)]
    assert spans == ["one two", "three four", "five six"]


@pytest.mark.parametrize(
    ("derivative", "expected"),
    [
        ("The plan “will destabilise the region for years,” he said.", QuoteStatus.MATCHES),
        ("The plan “will destabilize the region for years,” he said.", QuoteStatus.MATCHES),
        ("The plan “will destabilise the whole region for decades,” he said.", QuoteStatus.ALTERED),
        ("He said “talks would resume in March.”", QuoteStatus.UNQUOTED_IN_SOURCE),
        ("He called it “a grave provocation.”", QuoteStatus.NOT_IN_SOURCE),
        ("He called it “reckless plan.”", QuoteStatus.NOT_IN_SOURCE),
    ],
)
def test_quote_status(derivative: str, expected: QuoteStatus) -> None:
    assert status(derivative) == expected


def test_quote_offsets_point_into_both_texts() -> None:
    derivative = "The plan “will destabilise the region for years,” he said."
    (quote,) = check_quotes(PreparedText.of(derivative), PreparedText.of(SOURCE))
    assert derivative[quote.start : quote.end] == quote.text == "will destabilise the region for years"
    assert SOURCE[quote.source_start : quote.source_end] == "will destabilise the region for years"


def _status_of(source: str, derivative: str) -> list[str]:
    from attribution.checks.quotes import check_quotes
    from attribution.core.text import PreparedText

    return [str(q.status) for q in check_quotes(PreparedText.of(derivative), PreparedText.of(source))]


def test_a_spun_quotation_is_altered_not_invented() -> None:
    source = 'The governor said: "We will not hesitate to raise interest premiums on the banks this year."'
    spun = 'The governor said: "We shall never be reluctant to transform interest premiums on banks."'
    assert _status_of(source, spun) == ["altered"]
    invented = 'The governor said: "Our economy is the strongest it has ever been."'
    assert _status_of(source, invented) == ["not_in_source"]


def test_a_short_quotation_with_one_word_changed_is_altered() -> None:
    source = 'He called it "a serious military provocation" on Monday. Officials cited its "hostile nature".'
    assert _status_of(source, 'He called it "a grave military provocation".') == ["altered"]
    assert _status_of('It was a "serious military provocation".', 'It was a "grave military provocation".') == [
        "altered"
    ]
    assert _status_of(source, 'They cited its "hostile policy".') == ["not_in_source"]


def test_a_quotation_with_every_word_swapped_is_altered_where_its_sentence_retells_one_with_a_quotation() -> None:
    from attribution import compare
    from tests.test_derivation import MeaningEmbedder

    source = (
        'The mayor said the humanitarian situation was "severe" as troops entered the city.\n\n'
        "Residents gathered in the square to greet the soldiers with flowers.\n"
    )
    spun = 'The mayor stated the humanitarian scenario was "intense" as troopers entered the town.\n'
    twins = {spun.strip(): source.splitlines()[0].strip()}  # a model that reads both as saying the same
    (quote,) = compare(source, spun, embedder=MeaningEmbedder(twins)).quotes
    assert quote.status is QuoteStatus.ALTERED
    assert source[quote.source_start : quote.source_end] == "severe"
    # A longer quotation in other words is invented, wherever it stands.
    long = 'The mayor said the humanitarian situation was "worse than anything we feared" as troops entered.\n'
    (quote,) = compare(source, long, embedder=MeaningEmbedder({long.strip(): source.splitlines()[0].strip()})).quotes
    assert quote.status is QuoteStatus.NOT_IN_SOURCE
    # The same quotation in a sentence that says something else is invented.
    other = 'The mayor said the water supply was "intense" this week.\n'
    (quote,) = compare(source, other, embedder=MeaningEmbedder({})).quotes
    assert quote.status is QuoteStatus.NOT_IN_SOURCE


def test_a_straight_quotation_nested_in_a_straight_one_is_paired_inside_it() -> None:
    text = 'She said, "Critics call it a "total failure" of policy." Then "like "bold," "new" and "fair." That is all."'
    spans = [(text[q.start : q.end], q.nested) for q in find_quotations(text)]
    assert spans == [
        ('Critics call it a "total failure" of policy', False),
        ("total failure", True),
        ('like "bold," "new" and "fair." That is all', False),
        ("bold", True),
        ("new", True),
        ("fair", True),
    ]


def test_single_marks_inside_double_ones_are_a_nested_quotation() -> None:
    text = "“Nothing ‘menacing’ about it,” he said, and ‘alone’ it stood."
    spans = [(text[q.start : q.end], q.nested) for q in find_quotations(text)]
    assert spans == [("Nothing ‘menacing’ about it", False), ("menacing", True), ("alone", False)]


def test_an_unclosed_mark_leaves_the_paragraph_paired_flat() -> None:
    # The first quotation never closes: "They ... us." is the second one, not a quotation nested in it.
    text = 'He said "we will win. "They cannot stop us," he added.\n\nNext "one" here.'
    spans = [(text[q.start : q.end], q.nested) for q in find_quotations(text)]
    assert spans == [("we will win", False), ("one", False)]


def test_a_nested_quotation_is_found_in_a_source_quotation_or_its_text() -> None:
    source = (
        '"People see more than the stereotypical "menacing predator" narrative," she says. '
        '"We saw positive words, like "majestic" and "beautiful." Fear persists." Sharks look calm in photographs.'
    )
    derivative = (
        "“People see more than the stereotypical ‘menacing predator’ narrative,” she said. "
        "“We saw positive words, like ‘majestic’ and ‘beautiful.’ Fear persists.” "
        "“Sharks ‘look calm’ in photographs,” and ‘awful’ she said."
    )
    assert _status_of(source, derivative) == [
        "matches",  # the outer quotation, its nested marks read as part of it
        "matches",  # menacing predator
        "matches",
        "matches",  # majestic
        "matches",  # beautiful
        "unquoted_in_source",  # the outer quotation, not quoted in the source, still says so
        "matches",  # look calm: nested, its words in the source's text
        "not_in_source",  # awful, not nested, not in the source
    ]


def test_a_quotation_left_open_at_a_line_end_holds_no_nested_one() -> None:
    # News style reopens a quotation on each line without closing it: a mark that opens a line is the
    # quotation's end, and one whose outer quotation is still open at the line's end is paired flat.
    text = 'He said: "If they mean it, they speak out.\n"It is not enough to say "reform" in private," he said.'
    spans = find_quotations(text)
    assert not any(q.nested for q in spans)
    assert "If they mean it, they speak out" in [text[q.start : q.end] for q in spans]
    text = 'She said "we say "no" to it.\nThen he left." And that was all.'
    assert not any(q.nested for q in find_quotations(text))
