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


STORY = (
    "The council approved the harbour budget on Monday after a long debate about the bridge, officials said. "
    "The vote was close and the mayor promised a review of spending next year, the council's statement added."
)


def test_chrome_is_found_by_form_and_position() -> None:
    page = (
        "Council approves harbour budget\n"
        "Justin Sink, Margaret Talev and Ilya Arkhipov\n"
        "4:53 am PDT\n"
        "A sleeping bulldog (Photo by Sarah B on Unsplash)\n"
        "Image 1 of 1\n"
        "Back to Gallery\n"
        f"{STORY}\n"
        "What happens next?\n"
        f"{STORY.replace('Monday', 'Tuesday')}\n"
        "MAYOR FACES CALLS TO RESIGN OVER BRIDGE DELAYS\n"
        f"{STORY.replace('Monday', 'Friday')}\n"
        "Toluse Olorunnipa and Henry Meyer contributed.\n"
        "This report contains material from Bloomberg News, Reuters, and The Associated Press.\n"
        "This post was originally published on this site\n"
        "Connect with us\n"
        "Focus on the big picture.\n"
    )
    got = dict(roles(page))
    assert got["Justin Sink, Margaret Talev and Ilya Arkhipov"] == Role.BYLINE
    assert got["4:53 am PDT"] == Role.CHROME
    assert got["A sleeping bulldog (Photo by Sarah B on Unsplash)"] == Role.CAPTION
    assert not got["Image 1 of 1"].is_story
    assert not got["Back to Gallery"].is_story
    assert got["What happens next?"] == Role.SUBHEAD
    assert got["MAYOR FACES CALLS TO RESIGN OVER BRIDGE DELAYS"] == Role.OTHER_HEADLINE
    assert got["Toluse Olorunnipa and Henry Meyer contributed."] == Role.CREDIT
    assert got["This report contains material from Bloomberg News, Reuters, and The Associated Press."] == Role.CREDIT
    assert not got["This post was originally published on this site"].is_story
    assert not got["Connect with us"].is_story
    assert not got["Focus on the big picture."].is_story
    assert sum(1 for _, role in roles(page) if role == Role.BODY) == 6


def test_what_follows_the_sign_off_is_not_story() -> None:
    page = (
        f"{STORY}\n{STORY}\n(Reporting by Ann Lee; Editing by Bo Ray)\n"
        "Recent Posts\nOther story here\nA teaser for it…\n1 hour ago\n"
    )
    got = roles(page)
    assert [r for _, r in got[-4:]] and all(not r.is_story for _, r in got[-4:])
    assert got[0][1] == Role.BODY


def test_a_line_the_page_repeats_is_furniture() -> None:
    page = f"Back to the list\n{STORY}\nStar InactiveStar InactiveStar InactiveStar InactiveStar Inactive\n{STORY}\n"
    got = dict(roles(page))
    assert got["Star InactiveStar InactiveStar InactiveStar InactiveStar Inactive"] == Role.CHROME


def test_an_ordinary_closing_sentence_stays_story() -> None:
    got = roles(f"{STORY}\nTake insects in the UK.\n")
    assert got[-1][1] == Role.BODY
    assert roles("The team members contributed.\nThey won.")[0][1] == Role.BODY


def test_a_long_block_that_mentions_a_photo_credit_is_story_not_caption() -> None:
    # A whole article pasted as one block: the credit inside it does not make the block a caption.
    block = " ".join(
        [
            "The council opened the new library on Friday after two years of building work.",
            "Hundreds of residents queued outside before the doors opened at nine.",
            '"Photo by the Mayor\'s Office" read the sign beside the portrait in the foyer.',
            "The building holds forty thousand books and a small cafe.",
            "Children's reading sessions will run every Saturday morning.",
        ]
    )
    got = roles(block + "\n")
    assert got and all(role == Role.BODY for _, role in got)
    # A short block with the same credit is still a caption.
    caption = dict(roles("The new library's foyer on Friday. Photo by the Mayor's Office\n\n" + block + "\n"))
    assert caption["The new library's foyer on Friday."] == Role.CAPTION


def test_counters_and_links_are_chrome_by_form_not_by_their_words() -> None:
    page = (
        "Council approves harbour budget\n"
        "Slide 3/12\n"
        "Return to gallery\n"
        f"{STORY}\n"
        "Page 2 of 5\n"
        f"{STORY.replace('Monday', 'Friday')}\n"
        "Find us on the web\n"
    )
    got = dict(roles(page))
    assert got["Slide 3/12"] == Role.CHROME
    assert got["Page 2 of 5"] == Role.CHROME
    assert not got["Return to gallery"].is_story
    assert not got["Find us on the web"].is_story


def test_a_page_labels_word_opening_a_sentence_of_prose_is_story() -> None:
    prose = "Advertising and circulation revenues for the magazine have taken a hit."
    got = dict(roles(f"{prose}\nAdvertising\nRelated: the recall"))
    assert got[prose] == Role.BODY
    assert got["Advertising"] == Role.CHROME
    assert got["Related: the recall"] == Role.CHROME
