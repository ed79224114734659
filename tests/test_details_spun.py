"""Added details on rewrites the details were not tuned on (fixtures/gold/fresh): swapped words, titles, title case."""

from __future__ import annotations

from attribution import compare
from tests.conftest import FakeEmbedder

SOURCE = (
    "North Korea fired a ballistic missile off its east coast on Monday, South Korea's military said.\n\n"
    "Villagers waited on the road to greet and kiss Ukrainian soldiers as they poured into the city.\n\n"
    "Governor Glenn Youngkin said election officials received suspicious packages in five states.\n"
)


def details(derivative: str) -> list[str]:
    return [d.text for d in compare(SOURCE, derivative, embedder=FakeEmbedder()).added_details]


def test_a_word_swapped_for_a_rare_synonym_is_wording_but_a_word_slipped_in_is_a_detail() -> None:
    found = details(
        "North Korea fired an intercontinental ballistic missile off its east coast on Monday, "
        "South Korea's military said.\n\n"
        "Villagers waited on the road to greet and kiss Ukrainian infantrymen as they poured into the city.\n"
    )
    assert "intercontinental ballistic missile" in found  # no source word stands where it stands
    assert not [d for d in found if "infantrymen" in d]  # it takes the place of "soldiers"


def test_a_title_written_short_belongs_to_its_name() -> None:
    found = details(
        "Gov. Youngkin said election officials received suspicious packages in five states.\n\n"
        "Dr. Bruce Ivins, an army scientist, once mailed such letters.\n"
    )
    assert "Dr. Bruce Ivins" in found and "Dr" not in found
    assert not [d for d in found if "Youngkin" in d]  # "Gov. Youngkin" is the source's "Governor Glenn Youngkin"


def test_capitals_in_a_title_case_headline_are_no_names() -> None:
    found = details(
        "Election Officials in Five States Receive Suspicious Packages From Tesla\n\n"
        "Governor Glenn Youngkin said election officials received suspicious packages in five states.\n"
    )
    assert found == ["Tesla"]  # the one word the texts never write in lower case


def test_a_date_written_another_way_is_the_same_date_and_no_changed_fact() -> None:
    source = "Lee Enterprises reported earnings for the quarter ended September 30, it said on Nov 18."
    same = compare(
        source, "Lee Enterprises reported earnings for the quarter ended Sept. 30, it said.", embedder=FakeEmbedder()
    )
    assert not same.changed_facts and not same.added_details
    other = compare(source, "Lee Enterprises reported earnings on November 1, it said.", embedder=FakeEmbedder())
    assert [d.text for d in other.added_details] == ["November"]  # November 1 is not the source's Nov 18
    moved = compare(
        source, "Lee Enterprises reported earnings for the quarter ended October 30.", embedder=FakeEmbedder()
    )
    assert [(c.text, c.source_text) for c in moved.changed_facts] == [("October", "September")]


def test_a_day_of_the_month_is_no_count() -> None:
    source = "Lee Enterprises reported earnings for the quarter ended September 30 in its 77 markets."
    found = details_of(
        source, "Lee Enterprises reported earnings for the quarter ended September 30 in its 30 markets."
    )
    assert found == ["30"]  # the source's 30 is a date's day, not 30 of anything


def details_of(source: str, derivative: str) -> list[str]:
    return [d.text for d in compare(source, derivative, embedder=FakeEmbedder()).added_details]
