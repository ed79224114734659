"""Word rarity in the text's own language (core.wordfrequency): the vocabulary share (core.following)
and the phrase details (checks.phrases) read a German pair in German, not as English in which every
German word is rare; a language wordfreq has no table for counts its words alike."""

from __future__ import annotations

import pytest

from attribution.checks.phrases import find_added_phrases
from attribution.core.following import vocabulary_share
from attribution.core.lexicon import STOP_WORDS, stem
from attribution.core.records import DetailKind
from attribution.core.text import PreparedText
from attribution.core.wordfrequency import frequency_table
from attribution.pipeline import compare
from tests.conftest import FakeEmbedder

SOURCE = """Berlin (dpa) - Die Bundesregierung will die Förderung von Elektroautos im kommenden Jahr deutlich ausweiten.
Wirtschaftsminister Robert Habeck sagte am Montag in Berlin, der Staat werde dafür zusätzlich \
zwei Milliarden Euro bereitstellen.
Die Prämie für den Kauf eines neuen Elektroautos soll auf 6000 Euro steigen.
Kritik kam von der Opposition, die das Programm für zu teuer hält.
Der Verband der Automobilindustrie begrüßte die Pläne und sprach von einem wichtigen Signal für die Branche.
Die neuen Regeln sollen ab dem ersten Januar gelten.
"""
REWRITE = """Die Bundesregierung möchte die Förderung von Elektroautos im nächsten Jahr stark ausbauen.
Wie Wirtschaftsminister Robert Habeck am Montag in Berlin erklärte, will der Staat dafür weitere \
zwei Milliarden Euro zur Verfügung stellen.
Wer ein neues Elektroauto kauft, soll künftig eine Prämie von 6000 Euro bekommen.
Die Opposition kritisierte das Programm als viel zu teuer und verschwenderisch.
Die Autoindustrie lobte dagegen die Pläne als wichtiges Zeichen für ihre gesamte Branche.
Die neuen Regeln gelten ab dem ersten Januar.
"""
UNRELATED = """Der Fußballverein aus München hat am Wochenende sein Spiel gegen Dortmund verloren.
Der Trainer sagte nach dem Spiel, die Mannschaft habe nicht gut genug gespielt.
Die Fans waren sehr enttäuscht und verließen das Stadion früh.
Im kommenden Jahr will der Verein wieder um den Titel spielen.
"""


def test_the_phrase_details_of_a_german_rewrite_are_its_rare_new_words_not_its_everyday_ones() -> None:
    report = compare(SOURCE, REWRITE, embedder=FakeEmbedder())
    assert report.languages is not None and report.languages.derivative == "de"
    phrases = [d.text for d in report.added_details if d.kind is DetailKind.PHRASE]
    # "verschwenderisch" (wasteful) is rare in German (Zipf 2.8) and new, but alone: "und" is a German stop
    # word (core.lexicon.stop_words), so "teuer und verschwenderisch" is no run of content words, and a lone new
    # word is wording, as "expensive and wasteful" is in English. Read as English, every new German word was
    # rare: "nächsten Jahr stark", "Berlin erklärte", "lobte dagegen die" were details too.
    assert phrases == []
    source, rewrite = PreparedText.of(SOURCE), PreparedText.of(REWRITE)
    every = range(len(rewrite.sentences))
    assert "nächsten Jahr stark" in [d.text for d in find_added_phrases(source, rewrite, every, language=None)]
    assert find_added_phrases(source, rewrite, every, language="de") == ()


def test_the_vocabulary_share_weighs_german_words_by_their_german_rarity() -> None:
    source, rewrite, unrelated = (PreparedText.of(t) for t in (SOURCE, REWRITE, UNRELATED))
    # A German football report shares only everyday German words with the story: little, read in German;
    # read as English (a text of unknown language), its "der", "sagte", "kommenden" weighed as rare words.
    assert vocabulary_share(source, unrelated, language="de") < 0.1 < vocabulary_share(source, unrelated)
    assert vocabulary_share(source, rewrite, language="de") > vocabulary_share(source, rewrite)


def test_a_language_without_a_frequency_table_counts_every_word_alike() -> None:
    source, rewrite = PreparedText.of(SOURCE), PreparedText.of(REWRITE)

    def stems(text: PreparedText) -> set[str]:
        words = (w.text for s in text.sentences if s.role.is_story for w in text.words_of(s.index))
        return {stem(w) for w in words if w not in STOP_WORDS and len(w) > 2}

    mine, theirs = stems(rewrite), stems(source)
    unweighted = round(len(mine & theirs) / len(mine), 4)
    assert vocabulary_share(source, rewrite, language="sw") == unweighted  # wordfreq has no Swahili table


@pytest.mark.parametrize(
    ("language", "table"), [("de", "de"), ("da", "da"), ("en", "en"), ("no", "nb"), ("hr", "sh"), (None, "en")]
)
def test_the_frequency_table_of_a_language(language: str | None, table: str) -> None:
    assert frequency_table(language) == table


def test_no_frequency_table_for_a_language_wordfreq_lacks() -> None:
    assert frequency_table("sw") is None  # wordfreq itself would answer from its English table
    assert frequency_table("xx") is None


def test_a_text_in_a_language_whose_tokenizer_is_missing_is_still_audited() -> None:
    # Japanese needs wordfreq's MeCab tokenizer (an extra): without it no table, never an ImportError mid-audit.
    text = "東京の天気は晴れです。明日は雨が降るでしょう。気温は二十度まで上がります。"
    report = compare(text, text, embedder=FakeEmbedder())
    assert report.languages is not None and report.languages.derivative == "ja"


def test_the_html_report_highlights_short_runs_by_their_rarity_in_the_derivatives_language() -> None:
    from attribution.render.html import _runs_that_matter

    report = compare(SOURCE, REWRITE, embedder=FakeEmbedder())
    text = report.derivative.text
    kept = [text[r.derivative_start : r.derivative_end] for r in _runs_that_matter(report)]
    # Read as English, every German run of three to five words held a "rare" word and all six were
    # highlighted ("am Montag in Berlin", "ab dem ersten Januar"); in German only the minister's name is rare.
    assert kept == ["Wirtschaftsminister Robert Habeck"]
