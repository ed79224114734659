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
