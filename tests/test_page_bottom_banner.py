"""A sign-up box at the bottom of a page ("Newsletter" / "Only the best. We promise.") is chrome, not added story."""

from attribution.core.records import Role
from attribution.core.roles import assign_roles
from attribution.core.segment import segment

STORY = (
    "The council approved the harbour budget on Monday after a long debate about the bridge, officials said. "
    "Work on the new quay will start in spring and take two years, the mayor told reporters.\n\n"
    "Residents have asked for a ferry link to the island since the old one closed.\n\n"
)


def roles(text: str) -> dict[str, Role]:
    return {s.text.strip(): s.role for s in assign_roles(segment(text))}


def test_a_tagline_under_chrome_at_the_bottom_is_chrome() -> None:
    got = roles(STORY + "Newsletter\n\nOnly the best. We promise.\n")
    assert got["Newsletter"] == Role.CHROME
    assert got["Only the best."] == Role.CHROME
    assert got["We promise."] == Role.CHROME
    assert got["Residents have asked for a ferry link to the island since the old one closed."] == Role.BODY


def test_a_last_paragraph_with_a_claim_or_alone_stays_story() -> None:
    # A figure, a quotation or a longer sentence in it, or no chrome above it: story.
    for last in (
        "Only 12 came. We promise.",
        "“It is over. We won.”",
        "Only the best. We promise to rebuild the quay.",
    ):
        got = roles(STORY + "Newsletter\n\n" + last + "\n")
        assert all(role.is_story for text, role in got.items() if text in last), last
    got = roles(STORY + "Only the best. We promise.\n")
    assert got["Only the best."].is_story and got["We promise."].is_story
