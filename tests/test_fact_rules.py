"""The changed-fact rules one by one: each catches its change, and legitimate rewording does not fire."""

from attribution import compare
from attribution.core.records import FactChange
from tests.conftest import ReadsAlike


def kinds(source: str, derivative: str, embedder) -> list[FactChange]:  # type: ignore[no-untyped-def]
    return [c.kind for c in compare(source, derivative, embedder=embedder).changed_facts]


def pairs(source: str, derivative: str, embedder) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(c.text, c.source_text) for c in compare(source, derivative, embedder=embedder).changed_facts]


def test_a_negation_flipped_beside_another_negation(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    # Both sentences negate ("Nobody"); only one negates "happen".
    source = "Nobody really knows what happened except me and the guard, and what he said happened didn't happen."
    derivative = "Nobody really knows what happened except me and the guard, and what he said happened did happen."
    assert kinds(source, derivative, fake_embedder) == [FactChange.NEGATION]
    assert kinds(source, source, fake_embedder) == []


def test_rarely_negates_as_not_does(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    source = "The number of passengers was not known, since ferry operators rarely keep full passenger lists."
    derivative = "The number of passengers was not known, since ferry operators do not keep full passenger lists."
    assert kinds(source, derivative, fake_embedder) == []


def test_a_hedge_made_a_certainty(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    source = "The trooper acknowledged that the escaped inmate could have traveled hundreds of miles from the prison."
    derivative = "The trooper acknowledged that the escaped inmate will be hundreds of miles from the prison."
    assert kinds(source, derivative, fake_embedder) == [FactChange.HEDGE_DROPPED]


def test_united_states_is_no_attribution(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    source = "The 20 master computers are located in the United States, Canada and Korea, Mr. Kuo said."
    derivative = "The 20 master computers were located in the United States, Canada and Korea."
    assert kinds(source, derivative, fake_embedder) == [FactChange.ATTRIBUTION_DROPPED]


def test_an_attribution_that_opens_the_sentence_or_uses_found(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    source = "He said there was no indication, so far, that Gehring used his card for hotels or motels."
    derivative = "There was no indication, so far, that Gehring used his card for hotels or motels."
    assert kinds(source, derivative, fake_embedder) == [FactChange.ATTRIBUTION_DROPPED]
    audit = "MTA officials moved the money to later budgets without notifying the riders or the board, Hevesi found."
    flat = "MTA officials moved the money to later budgets without notifying the riders or the board."
    assert kinds(audit, flat, fake_embedder) == [FactChange.ATTRIBUTION_DROPPED]


def test_a_passive_reporting_verb_attributes_nothing(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    source = "The evacuation went smoothly, although passengers weren't told what was going on, Hunt said."
    derivative = "The evacuation went smoothly, although passengers were not told what was going on."
    assert kinds(source, derivative, fake_embedder) == [FactChange.ATTRIBUTION_DROPPED]


def test_attribution_opening_the_next_paragraph_keeps_it(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    source = (
        "Tesla is recalling more than 321,000 vehicles because tail lights may fail to illuminate, "
        "the company said in a filing made public Saturday."
    )
    derivative = (
        "Tesla is recalling more than 321,000 vehicles because tail lights may fail to illuminate.\n\n"
        "According to a filing made public Saturday, the recall covers some Model 3 and Model Y cars."
    )
    assert FactChange.ATTRIBUTION_DROPPED not in kinds(source, derivative, fake_embedder)


def test_a_number_after_the_same_word_in_a_close_retelling(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    source = "The virus kills roughly 36,000 people in an average year, according to the disease control centers."
    derivative = (
        "The virus kills roughly 72,000 Americans in an average year, according to the disease control centers."
    )
    assert pairs(source, derivative, fake_embedder) == [("72,000", "36,000")]


def test_a_share_is_not_a_count(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    source = "In the first three months of 2003, weekly earnings fell 1.5% -- the biggest drop in more than a decade."
    derivative = (
        "In the first three months of 2003, weekly earnings fell 3.5 percent -- the biggest drop in more than a decade."
    )
    assert pairs(source, derivative, fake_embedder) == [("3.5 percent", "1.5%")]


def test_a_name_with_new_words_in_place_of_some(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    source = "Smugglers in a van chased down a pickup carrying immigrants, said Pinal County Sheriff Roger Vanderpool."
    derivative = "Smugglers in a van chased down a pickup carrying immigrants, said Gila Sheriff Roger Vanderpool."
    assert pairs(source, derivative, fake_embedder) == [("Gila", "Pinal County")]


def test_a_new_name_before_the_same_verb_past_an_adverb(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    source = "Tyco said the loan had not been forgiven, and Swartz repaid it with interest, his lawyer said."
    derivative = (
        "Tyco said the loan had not been forgiven, and Kozlowski fully repaid it with interest, his lawyer said."
    )
    assert pairs(source, derivative, fake_embedder) == [("Kozlowski", "Swartz")]


def test_names_close_through_their_shared_words_are_no_variants(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    source = "The audit would require cancelling a review of the Department of Environmental Quality, she said."
    derivative = "The audit would require cancelling a review of the Court of Environmental Quality, she said."
    assert pairs(source, derivative, ReadsAlike(fake_embedder, {"Court of": "Department of"})) == [
        ("Court", "Department")
    ]


def test_renaming_and_rounding_are_no_changed_facts(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    rewrites = [
        (
            "Mr Abbas said every day without an agreement is an opportunity that was lost.",
            "Mahmoud Abbas said every day without an agreement is an opportunity that was lost.",
        ),
        (
            "Federal Reserve Chairman Alan Greenspan said rates would stay low through the summer.",
            "Fed Chairman Alan Greenspan said rates would stay low through the summer.",
        ),
        (
            "Dolores Mahoy, 68, of Colorado Springs, is someone who might be helped by the bill.",
            "Dolores E. Mahoy, 68, of Colorado Springs, is someone who might be helped by the bill.",
        ),
        (
            "The plant employed 348 workers in 2019, the company said.",
            "The plant employed about 350 workers in 2019, the company said.",
        ),
        (
            "Atlantic Coast will continue its operations as a Delta Connection carrier, the company said.",
            "Atlantic Coast will continue its regional service for Delta Air Lines, the company said.",
        ),
    ]
    for source, derivative in rewrites:
        assert kinds(source, derivative, fake_embedder) == [], derivative
