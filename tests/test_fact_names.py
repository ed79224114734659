"""Changed names (checks.fact_names): a garbled or swapped name is a changed fact, a name written another way is not."""

from attribution import compare
from attribution.core.records import DetailKind, FactChange

SOURCE = (
    "We have specific protocols in place, Iowa Secretary of State Paul Pate said after the evacuation of the building."
)


def changed(source: str, derivative: str, embedder) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(c.text, c.source_text) for c in compare(source, derivative, embedder=embedder).changed_facts]


def test_a_surname_spelt_one_letter_off_is_a_changed_fact_not_an_added_name(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    derivative = SOURCE.replace("Iowa Secretary of State Paul Pate", "Paul Bate")
    report = compare(SOURCE, derivative, embedder=fake_embedder)
    assert [(c.kind, c.text, c.source_text) for c in report.changed_facts] == [(FactChange.NAME, "Bate", "Pate")]
    names = [d.text for d in report.added_details if d.kind in (DetailKind.NAME, DetailKind.PLACE)]
    assert "Paul Bate" not in names and "Bate" not in names
    # Alone, as a one-word name, too.
    alone = SOURCE.replace("Iowa Secretary of State Paul Pate", "Bate")
    assert changed(SOURCE, alone, fake_embedder) == [("Bate", "Pate")]


def test_the_same_surname_with_another_given_name(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    derivative = SOURCE.replace("Iowa Secretary of State Paul Pate", "Mark Pate")
    assert changed(SOURCE, derivative, fake_embedder) == [("Mark", "Paul")]


def test_a_name_in_the_slot_of_a_role(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    source = "Both channels have aired videotapes of ex-president Saddam Hussein urging Iraqis to fight the occupation."
    derivative = source.replace("ex-president Saddam", "Mediterranean Airlines Saddam")
    assert changed(source, derivative, fake_embedder) == [("Mediterranean Airlines", "ex-president")]
    # Given names and a title before a one-word name are the same person's.
    court = "He was joined in full by Rehnquist, and in parts by O'Connor and Scalia, the court record shows."
    assert changed(court, court.replace("by O'Connor", "by Justice Sandra Day O'Connor"), fake_embedder) == []


def test_a_name_swapped_where_the_source_names_it_twice(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    source = "Contrary to what PeopleSoft management claims, Oracle intends to fully support PeopleSoft customers."
    derivative = source.replace("PeopleSoft management", "CenterSoft management")
    assert changed(source, derivative, fake_embedder) == [("CenterSoft", "PeopleSoft")]


def test_a_name_of_another_sentence_swapped_in(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    source = (
        "In a statement, Pate said the packages held a harmless white powder and were sent to five states. "
        "Reynolds thanked the hazardous materials teams for their quick work on Monday."
    )
    derivative = "In a statement, Reynolds said the packages held a harmless white powder and were sent to five states."
    assert changed(source, derivative, fake_embedder) == [("Reynolds", "Pate")]
    # A capital for its country is no swap where the rewrite names the country elsewhere.
    tour = (
        "While visiting South Korea last week, Trump repeated his willingness to sit down with Kim Jong Un. "
        "Officials in Seoul welcomed the remarks on Friday."
    )
    rewrite = (
        "While visiting Seoul last week, Trump repeated his willingness to sit down with Kim Jong Un. "
        "Officials in South Korea welcomed the remarks on Friday."
    )
    assert changed(tour, rewrite, fake_embedder) == []


def test_names_written_another_way_are_no_changed_facts(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    rewrites = [
        SOURCE.replace("Paul Pate", "Paul Pate's office, Mr. Pate,"),  # a "Mr." form
        SOURCE.replace("Paul Pate", "P. Pate"),  # an initial
        SOURCE.replace("Paul Pate", "Paul Páte"),  # diacritics
        SOURCE.replace("Iowa Secretary of State", "Iowa's Secretary of State"),  # a possessive
        "Talks with the Kremlin stalled, Volodymyr Zelensky told reporters in Kyiv on Monday evening.",
        "The imam Mohammad Hussein led the prayers at the main mosque in the city on Friday, police said.",
        "Claudia Carrizales de Villa, 34, a citizen of Mexico living in Harlingen, was also arrested Friday.",
        "The Bank of England held rates at 5.25 percent, BOE officials said on Thursday in London.",
    ]
    sources = [
        SOURCE,
        SOURCE,
        SOURCE,
        SOURCE,
        "Talks with the Kremlin stalled, Volodymyr Zelenskiy told reporters in Kyiv on Monday evening.",
        "The imam Muhammad Hussein led the prayers at the main mosque in the city on Friday, police said.",
        "Claudia Carrizales de Villa, 34, a Mexican citizen living in Harlingen, was also arrested Friday.",
        "The Bank of England held rates at 5.25 percent, Bank of England officials said on Thursday in London.",
    ]
    for source, derivative in zip(sources, rewrites, strict=True):
        assert changed(source, derivative, fake_embedder) == [], derivative


def test_a_middle_initial_keeps_a_name_whole(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    from attribution.checks.name_groups import names_in
    from attribution.core.text import PreparedText

    text = PreparedText.of("Gov. Brian P. Kemp said the state would help, retired Adm. Harold W. Gehman Jr. added.")
    assert [" ".join(w.text for w in g) for _, g in names_in(text, 0)] == [
        "gov brian p kemp",
        "adm harold w gehman jr",
    ]
    # So a new middle initial is the same person, and a garbled surname after one still a changed fact.
    source = "Dolores Mahoy, 68, of Colorado Springs, is someone who might be helped by the bill, her lawyer said."
    assert changed(source, source.replace("Dolores Mahoy", "Dolores E. Mahoy"), fake_embedder) == []
    assert changed(source, source.replace("Dolores Mahoy", "Dolores E. Makoy"), fake_embedder) == [("Makoy", "Mahoy")]
