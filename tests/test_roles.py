from attribution.core.records import Role
from attribution.core.roles import assign_roles
from attribution.core.segment import segment


def roles(text: str) -> list[tuple[str, Role]]:
    return [(s.text, s.role) for s in assign_roles(segment(text))]


PAGE = """Storm hits coast, thousands without power

  • Weather
  • Monday, 03 Feb 2025

FILE PHOTO: Waves crash over a sea wall in Brighton, Britain. REUTERS/Jane Roe

LONDON (Reuters) - A storm knocked out power to thousands of homes on Monday, the utility said.

Engineers worked through the night to restore supplies, it added.

(Reporting by John Smith; Editing by Mary Major)

Follow us on our official channel for breaking news!

Read More

Markets rally as rates fall in Europe
Film festival opens with a premiere
"""


def test_page_roles() -> None:
    got = dict(roles(PAGE))
    assert got["Storm hits coast, thousands without power"] == Role.HEADLINE
    assert got["• Weather"] == Role.CHROME
    assert got["• Monday, 03 Feb 2025"] == Role.CHROME
    assert got["FILE PHOTO: Waves crash over a sea wall in Brighton, Britain."] == Role.CAPTION
    assert got["LONDON (Reuters) -"] == Role.DATELINE
    assert got["Engineers worked through the night to restore supplies, it added."] == Role.BODY
    assert got["(Reporting by John Smith; Editing by Mary Major)"] == Role.CREDIT
    assert got["Follow us on our official channel for breaking news!"] == Role.CHROME
    assert got["Read More"] == Role.CHROME
    assert got["Markets rally as rates fall in Europe"] == Role.OTHER_HEADLINE


def test_credit_and_byline_lines() -> None:
    got = dict(roles("The council met on Monday and voted.\nSource: AP\nWritten by Ann Lee\nAdvertisement"))
    assert got["Source: AP"] == Role.CREDIT
    assert got["Written by Ann Lee"] == Role.BYLINE
    assert got["Advertisement"] == Role.CHROME
    assert got["The council met on Monday and voted."] == Role.BODY


def test_a_single_sentence_without_punctuation_is_story() -> None:
    ((_, role),) = roles("Amrozi accused his brother of deliberately distorting his evidence")
    assert role.is_story


def test_agency_boilerplate_is_credit() -> None:
    text = (
        "The senate passed the bill on Tuesday after a long debate, officials said.\n"
        "Copyright 2025 The Associated Press. All rights reserved. This material may not be published.\n"
        "(This story has not been edited by our staff and is auto-generated from a syndicated feed.)\n"
        "(With inputs from Reuters)\n"
    )
    roles = [s.role for s in assign_roles(segment(text))]
    assert roles[0] == Role.BODY
    assert set(roles[1:]) == {Role.CREDIT}


def test_breadcrumbs_are_chrome_and_the_headline_follows() -> None:
    got = roles(
        "Home > World > Europe\nDutch court orders Shell to cut emissions\nA court in The Hague ruled on Tuesday."
    )
    assert [r for _, r in got] == [Role.CHROME, Role.HEADLINE, Role.BODY]
    assert roles("AC/DC tour announced for May\nThe band said so on Monday in a statement.")[0][1] == Role.HEADLINE
