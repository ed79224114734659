"""Changed dates (checks.fact_dates): a weekday, a part of the year or a period's direction stated another way."""

from attribution import compare


def changed(source: str, derivative: str, embedder) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(c.text, c.source_text) for c in compare(source, derivative, embedder=embedder).changed_facts]


def test_another_weekday_in_the_same_place(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    source = "The company will formally announce the new union at a rally in Detroit on Wednesday, officials said."
    derivative = source.replace("Wednesday", "Thursday")
    assert changed(source, derivative, fake_embedder) == [("Thursday", "Wednesday")]
    # In another place it may date another event, or the day the rewrite's reporter asked.
    source = "Representatives for Puretunes could not immediately be reached for comment on the lawsuit Wednesday."
    derivative = "Puretunes representatives could not be located Thursday to comment on the lawsuit against them."
    assert changed(source, derivative, fake_embedder) == []


def test_another_quarter_and_a_period_turned_around(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    source = (
        "That is the highest second-quarter growth rate the chipmaker has seen in 25 years, its finance chief said."
    )
    derivative = source.replace("second-quarter", "third-quarter")
    assert changed(source, derivative, fake_embedder) == [("third-quarter", "second-quarter")]
    assert changed(source, source.replace("second-quarter", "Q2"), fake_embedder) == []
    source = "Thousands of troops from the division's 3rd Brigade began returning home last week, the Army said."
    assert changed(source, source.replace("last week", "next week"), fake_embedder) == [("next week", "last week")]


def test_dates_that_may_differ_with_the_day_of_writing_or_are_names(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    rewrites = [
        # "last month" and "last week" may both be right a few days apart.
        (
            "Thousands of troops from the division's 3rd Brigade began returning home last month, the Army said.",
            "Thousands of troops from the division's 3rd Brigade began returning home last week, the Army said.",
        ),
        # Two weekdays in the source: which one the rewrite kept is not a changed fact.
        (
            "The shares fell on Monday and recovered on Tuesday after the company denied the report, traders said.",
            "The shares recovered on Wednesday after the company denied the report, traders said.",
        ),
        # A weekday in a name.
        (
            "Voters in ten states go to the polls on Super Tuesday to choose the party's nominee, officials said.",
            "Voters in ten states go to the polls on Wednesday to choose the party's nominee, officials said.",
        ),
    ]
    for source, derivative in rewrites:
        assert changed(source, derivative, fake_embedder) == [], derivative
