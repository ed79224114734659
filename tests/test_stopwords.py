"""Stop words in the text's language (core.lexicon.stop_words): a German or French pair's shared function
words ("der", "und", "le", "et") are no shared content; English reads exactly the list it always did."""

from __future__ import annotations

import pytest

from attribution.core.lexicon import STOP_WORDS, content_stems, stop_words
from attribution.core.records import DetailKind
from attribution.core.sentence_evidence import novelty
from attribution.core.text import PreparedText
from attribution.pipeline import compare
from tests.conftest import SEED_DERIVATIVE, SEED_SOURCE, FakeEmbedder

GERMAN_SOURCE = """Hamburg (dpa) - Die Stadt Hamburg hat am Dienstag den neuen Containerterminal im Hafen eröffnet.
Nach Angaben des Senats kostete der Bau rund 300 Millionen Euro und dauerte vier Jahre.
Der Terminal soll jährlich bis zu zwei Millionen Container abfertigen.
Umweltverbände kritisieren die Vertiefung der Elbe, die für den Betrieb nötig ist.
"""
GERMAN_REWRITE = """Hamburg hat am Dienstag im Hafen einen neuen Containerterminal eröffnet.
Der Bau dauerte nach Angaben des Senats vier Jahre und kostete rund 300 Millionen Euro.
Der Bürgermeister sprach mit den Anwohnern über die Pläne für das Wochenende und die Sperrungen.
"""
FRENCH_SOURCE = """Lyon (AFP) - Le maire de Lyon a présenté lundi le projet de construction d'un nouveau stade \
dans la banlieue est de la ville.
Selon la mairie, les travaux doivent commencer au printemps et durer trois ans.
Le coût total est estimé à 250 millions d'euros, financés en partie par la région.
L'opposition municipale dénonce un projet trop cher et demande un référendum local.
"""
FRENCH_REWRITE = """Le maire de Lyon a présenté lundi le projet de construction d'un stade pharaonique dans la \
banlieue est de la ville.
D'après la mairie, les travaux commenceront au printemps et dureront trois ans.
Le coût total est estimé à 250 millions d'euros, que la région financera en partie.
Les élus de l'opposition jugent le projet trop cher et réclament un référendum local.
Pour les habitants du quartier, c'est une chance qu'il ne faut pas laisser passer, dit-on sur le marché.
"""


def test_english_and_an_unidentified_language_read_the_english_list_unchanged() -> None:
    assert stop_words(None) is STOP_WORDS
    assert stop_words("en") is STOP_WORDS
    assert len(STOP_WORDS) == 144 and {"the", "said", "'s", "via"} <= STOP_WORDS and "der" not in STOP_WORDS
    source, derivative = PreparedText.of(SEED_SOURCE.read_text()), PreparedText.of(SEED_DERIVATIVE.read_text())
    report = compare(SEED_SOURCE.read_text(), SEED_DERIVATIVE.read_text(), embedder=FakeEmbedder())
    assert report.languages is not None and report.languages.derivative == "en"
    assert novelty(source, derivative, "en") == novelty(source, derivative)
    assert content_stems(list(derivative.words), "en") == content_stems(list(derivative.words))


def test_a_language_with_no_list_reads_the_english_one() -> None:
    assert stop_words("sw") is STOP_WORDS  # stop-words has no Swahili list
    assert stop_words("xx") is STOP_WORDS


def test_another_languages_list_is_added_to_the_english_one() -> None:
    german, french = stop_words("de"), stop_words("fr")
    assert german > STOP_WORDS and french > STOP_WORDS  # English names and quotations in foreign news
    assert {"der", "und", "für", "über", "daß", "dass"} <= german
    assert {"le", "et", "dans", "pour", "est"} <= french
    assert stop_words("no") >= {"og", "ikke"}  # fastText's "no" reads the Bokmål list
    assert "containerterminal" not in german and "stade" not in french


def test_an_elided_french_function_word_is_a_stop_word_and_an_elided_noun_is_not() -> None:
    french = stop_words("fr")
    assert {"qu'il", "c'est", "d'un", "n'est", "l'a", "s'est"} <= french
    assert "l'économie" not in french and "d'euros" not in french
    assert "c'est" not in stop_words("de")  # only a language whose list writes elisions


def test_german_function_words_shared_with_the_source_are_no_shared_content() -> None:
    source, rewrite = PreparedText.of(GERMAN_SOURCE), PreparedText.of(GERMAN_REWRITE)
    # The mayor's sentence shares "der", "den", "die", "für", "und", "mit" with the story and nothing else.
    added = 2
    assert novelty(source, rewrite, "de")[added] == 1.0
    assert novelty(source, rewrite)[added] < 0.75  # read with the English list, its function words were shared
    report = compare(GERMAN_SOURCE, GERMAN_REWRITE, embedder=FakeEmbedder())
    assert report.languages is not None and report.languages.derivative == "de"
    assert report.derivative_sentences[added].evidence.novel == 1.0
    assert "der" not in content_stems(list(rewrite.words_of(added)), "de")


def test_french_function_words_leave_a_phrase_detail_and_the_novel_share() -> None:
    report = compare(FRENCH_SOURCE, FRENCH_REWRITE, embedder=FakeEmbedder())
    assert report.languages is not None and report.languages.derivative == "fr"
    phrases = [d.text for d in report.added_details if d.kind is DetailKind.PHRASE]
    # With the English list "d'un" was a content word and the detail read "d'un stade pharaonique".
    assert "stade pharaonique" in phrases and not any(p.startswith("d'un") for p in phrases)
    source, rewrite = PreparedText.of(FRENCH_SOURCE), PreparedText.of(FRENCH_REWRITE)
    # The last sentence shares "pour", "les", "c'est", "qu'il", "sur", "le" with the story, no content word.
    assert novelty(source, rewrite, "fr")[4] == 1.0 > novelty(source, rewrite)[4]
    # "pharaonique" is the one new content word of the first sentence, among fewer words counted.
    assert novelty(source, rewrite, "fr")[0] > novelty(source, rewrite)[0] > 0


@pytest.mark.parametrize("language", ["de", "fr"])
def test_a_language_is_read_once(language: str) -> None:
    assert stop_words(language) is stop_words(language)  # built once per language (functools.cache)
