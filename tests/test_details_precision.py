"""Added details an editor can trust: a name is new once, in any of its forms; numbers a source states another
way are not new; phrases are things, not wording; datelines and credit tails are not story."""

from attribution.checks.details import find_added_details
from attribution.checks.phrases import find_added_phrases
from attribution.core.records import Role
from attribution.core.roles import assign_roles
from attribution.core.segment import segment
from attribution.core.text import PreparedText


def details(source: str, derivative: str) -> list[str]:
    return [d.text for d in find_added_details(PreparedText.of(source), PreparedText.of(derivative))]


def test_a_name_with_an_acronym_inside_it_and_an_abbreviated_title_are_known() -> None:
    source = "The UN secretary general, António Guterres, said Governor Glenn Youngkin had called him on Monday."
    derivative = "United Nations Secretary-General Antonio Guterres said Gov. Glenn Youngkin called him on Monday."
    assert details(source, derivative) == []


def test_a_name_is_new_once_in_any_of_its_forms() -> None:
    source = "North Korea fired a ballistic missile off its east coast on Monday, South Korea's military said."
    derivative = (
        "The launch prompted the U.S. Department of State to comment on Monday. "
        "The United States condemned it, a State Department spokesman said of the US-South Korean drills."
    )
    assert details(source, derivative) == ["U.S. Department of State"]
    # One shared word of three is another name.
    got = details(
        "Americans throw out food, a survey of refrigerators found.",
        ("In a study from Ohio State University, researchers used the State of the American Refrigerator survey."),
    )
    assert got == ["Ohio State University", "State"]  # "State of the American Refrigerator", where it starts


def test_a_number_that_names_a_thing_is_part_of_the_name() -> None:
    source = "Astronomers found a disc around a young star in a nearby galaxy."
    assert details(source, "An illustration depicts the HH 1177 system. HH 1177 is young.") == ["HH 1177"]
    assert details(source, "About 300 astronomers found a disc around a young star.") == ["300"]


def test_numbers_the_source_states_another_way() -> None:
    source = "The panel set out its sixth assessment report, built from millimetre-sized dust particles."
    derivative = "It was the last of six reports. The particles do not exceed 1 millimeter."
    assert details(source, derivative) == []
    assert details(source, "It was the last of seven reports.") == ["seven"]


def test_phrase_details_are_things_not_wording() -> None:
    source = PreparedText.of("The air bag could deploy incorrectly near the border between the two Koreas.")
    derivative = PreparedText.of(
        "The air bag could deploy improperly near the heavily fortified border between the two Koreas."
    )
    got = [d.text for d in find_added_phrases(source, derivative, [0])]
    assert got == ["heavily fortified border"]


def roles(text: str) -> list[tuple[str, Role]]:
    return [(s.text, s.role) for s in assign_roles(segment(text))]


def test_an_agency_dateline_in_any_case_and_a_credit_tail_are_not_story() -> None:
    got = roles(
        "New Delhi, Dec 13 (IANS) Taiwanese contract manufacturer Foxconn has received approval to invest "
        "at least $1 billion more in a plant in India, a media report said on Wednesday.\n"
        "The recall covers nearly 30,000 cars, sending the shares down nearly 3 percent. "
        ", reports News.ro with reference to the Reuters agency.\n"
    )
    assert got[0] == ("New Delhi, Dec 13 (IANS)", Role.DATELINE)
    assert got[1][1] == Role.BODY
    assert got[-1] == (", reports News.ro with reference to the Reuters agency.", Role.CREDIT)
