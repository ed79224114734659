"""Capitalised words that name nobody new: a job title alone, a state written short beside a place the source
puts in that state, a title-case heading's verb with a number; and a share the derivative keeps is no changed fact."""

from attribution import compare
from attribution.checks.details import find_added_details
from attribution.core.quantities import quantities
from attribution.core.records import FactChange
from attribution.core.text import PreparedText
from attribution.core.usstates import state_abbreviated


def details(source: str, derivative: str) -> list[str]:
    return [d.text for d in find_added_details(PreparedText.of(source), PreparedText.of(derivative))]


def test_a_job_title_alone_is_no_name_but_the_person_holding_it_is() -> None:
    source = "The retailer will open a fulfillment center, creating hundreds of jobs."
    derivative = "“We are thrilled,” said Sam Sato, President and CEO. The Chief Executive Officer spoke on site."
    assert details(source, derivative) == ["Sam Sato"]


def test_a_state_written_short_after_a_place_is_the_state_the_source_names() -> None:
    source = "PepsiCo will expand its plant in the City of Tucker, its largest in Georgia."
    assert details(source, "PepsiCo will expand its plant in Tucker, Ga. It is its largest.") == []
    assert details(source, "PepsiCo opened a warehouse in Commerce, GA last year.") == ["Commerce"]
    # A state the source never names is new, and so is an abbreviation that follows no place.
    assert details("PepsiCo will expand its plant in the City of Tucker.", "It expands in Tucker, Ga.") == ["Ga"]
    assert state_abbreviated("Ga.") == "georgia" and state_abbreviated("N.H.") == "new hampshire"
    assert state_abbreviated("Gb") == ""


def test_a_title_case_headings_verb_before_a_number_is_no_name() -> None:
    source = "Duluth Trading will build a facility, creating jobs in Georgia."
    derivative = "Duluth Trading Creating 300+ Jobs In Georgia\n\nThe facility will create more than 300 new jobs."
    got = details(source, derivative)
    assert not any("Creating" in t for t in got)
    assert "300" in got or "more than 300" in got


def test_percent_and_the_sign_are_one_share() -> None:
    (word,), (sign,) = quantities("at around 17 percent"), quantities("at around 17%")
    assert (word.value, word.unit) == (sign.value, sign.unit) == (17, "%")
    assert word.same_as(sign)
    assert details("Joy came second at around 17%.", "Joy came second, at around 17 percent.") == []


def test_a_share_the_derivative_keeps_elsewhere_is_not_changed_into_another(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    source = (
        "Lead author Dr. Brianna Le Busque says fear was the most prevalent emotional response, followed by joy at "
        "around 17%. Two thirds of responses were classified as neutral."
    )
    derivative = (
        "Le Busque says fear was the most prevalent emotional response, at roughly 30 percent of responses. "
        "Joy followed, at around 17 percent."
    )
    report = compare(source, derivative, embedder=fake_embedder)
    assert [c for c in report.changed_facts if c.kind == FactChange.NUMBER] == []
    # Where the derivative drops the source's share, the one it states in its place is a change.
    changed = compare(source, source.replace("17%", "30%"), embedder=fake_embedder)
    assert [(c.text, c.source_text) for c in changed.changed_facts if c.kind == FactChange.NUMBER] == [("30%", "17%")]
