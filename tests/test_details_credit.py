from attribution.checks.credit import attribution_in_source, find_credit, find_unnamed_attributions, source_credit_names
from attribution.checks.details import find_added_details
from attribution.core.records import Attribution, DetailKind
from attribution.core.roles import assign_roles
from attribution.core.segment import segment
from attribution.core.text import PreparedText
from attribution.pipeline import compare

SOURCE = (
    "WASHINGTON (AP) — The United Nations said on Tuesday that six people died in the flood in Ohio.\n"
    "Rescuers searched the area.\n"
    "Copyright 2025 The Associated Press. All rights reserved."
)


def details(derivative: str) -> dict[str, DetailKind]:
    return {d.text: d.kind for d in find_added_details(PreparedText.of(SOURCE), PreparedText.of(derivative))}


def test_added_names_numbers_dates_places() -> None:
    got = details(
        "Rescuers from Red Cross searched the Ohio River on Wednesday, where 6 people and 40 dogs died in 2024."
    )
    assert got == {
        "Red Cross": DetailKind.NAME,
        "Ohio River": DetailKind.PLACE,
        "Wednesday": DetailKind.DATE,
        "40": DetailKind.NUMBER,
        "2024": DetailKind.DATE,
    }


def test_known_names_in_other_forms_are_not_added() -> None:
    assert details("The U.N. said on Tuesday that six died in Ohio.") == {}
    assert details("Officials in WASHINGTON said the UN counted 6 dead.") == {}


def test_source_credits_itself_from_its_own_credit_lines() -> None:
    names = source_credit_names(PreparedText.of(SOURCE))
    assert names[:2] == ("AP", "Associated Press")


def test_derivative_credit_formulas() -> None:
    names = ("AP", "Associated Press")
    for text, expected in [
        ("Six died, according to the Associated Press.", "Associated Press"),
        ("Six died. (AP)", "AP"),
        ("Six died, AP reported.", "AP"),
        ("AP also reported that six died.", "AP"),
        ("Six died.\nSource: AP", "AP"),
    ]:
        credit = find_credit(PreparedText.of(text), names)
        assert credit.credited_as == expected, text
        assert text[credit.start : credit.end] == expected
    plain = "Six died after an AP-style storm."
    assert find_credit(PreparedText.of(plain), names).credited_as is None


def test_unnamed_speakers_are_flagged_named_ones_are_not() -> None:
    text = "Analysts say the deal is weak. South Korean officials said it was fine. It is widely believed to fail."
    found = [a.text for a in find_unnamed_attributions(assign_roles(segment(text)))]
    assert found == ["Analysts say", "It is widely believed"]


def test_nouns_passives_and_idioms_are_not_unnamed_speakers() -> None:
    text = (
        "The test includes some questions on probability. The behavior of the people in question was a disgrace. "
        "A camp where 250 people were expected to arrive was evacuated. Critics question the plan. "
        "Officials have said it was safe."
    )
    found = [a.text for a in find_unnamed_attributions(assign_roles(segment(text)))]
    assert found == ["Critics question", "Officials have said"]


def attribution_of(text: str) -> Attribution:
    (found,) = find_unnamed_attributions(assign_roles(segment(text)))
    return found


def test_an_attribution_is_the_sources_when_it_names_speakers_of_the_same_kind() -> None:
    navy = attribution_of("The divers scanned the river bed, a navy official said.")
    assert attribution_in_source(navy, "A navy official on the scene said divers were scanning the river bed.")
    firm = attribution_of("Companies are not confident, the analyst firm said.")
    assert attribution_in_source(firm, "Gartner analysts said that businesses are not yet confident.")
    assert not attribution_in_source(navy, "Police said divers were scanning the river bed.")
    assert not attribution_in_source(navy, "Divers were scanning the river bed.")
    some = attribution_of("Some say the plan will fail.")
    assert not attribution_in_source(some, "Some of the plan will fail.")
    assert attribution_in_source(some, "Critics say the plan will fail.")  # unnamed speakers of its own


def test_a_capitalised_function_word_does_not_name_the_speakers() -> None:
    text = "An official said the road was shut. The analysts say prices will rise. Two diplomats said it failed."
    found = [a.text for a in find_unnamed_attributions(assign_roles(segment(text)))]
    assert found == ["official said", "analysts say", "diplomats said"]
    named = "Pentagon officials said the road was shut. U.S. officials say prices will rise."
    assert find_unnamed_attributions(assign_roles(segment(named))) == ()


def test_an_acronym_spelled_out_and_a_line_of_the_name_alone_credit_the_source() -> None:
    spelled = find_credit(PreparedText.of("PFAS were found in straws, Environmental Health News reported."), ("EHN",))
    assert spelled.credited_as == "Environmental Health News"
    assert find_credit(PreparedText.of("Every Holiday Night the town sings."), ("EHN",)).credited_as is None
    republished = PreparedText.of("The Conversation\n\nDigital nomads want to replace the nation state.\n")
    assert find_credit(republished, ("The Conversation",)).credited_as == "The Conversation"
    mentioned = PreparedText.of("We had a long conversation about nomads and the state.\n")
    assert find_credit(mentioned, ("The Conversation",)).credited_as is None


def test_a_source_named_as_its_domain_is_credited_and_no_added_name(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    source = "Researchers at the university polled 371 people about sharks. Fear was the most common response."
    derivative = (
        "Researchers polled 371 people about sharks, lead author Jane Doe told Phys.org. "
        "Fear was the most common response."
    )
    report = compare(source, derivative, embedder=fake_embedder, source_names=("Phys.org",))
    assert report.credit.credited_as == "Phys.org"
    assert [d.text for d in report.added_details] == ["Jane Doe"]
    # A name inside a longer link is still read as the link: "phys.org.example.com" credits nobody.
    linked = derivative.replace("told Phys.org", "told phys.org.example.com")
    assert compare(source, linked, embedder=fake_embedder, source_names=("Phys.org",)).credit.credited_as is None
