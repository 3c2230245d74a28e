"""English in newsfix.langid: the certainly-English check, English as a candidate, and
what is in no language (file names, dotted identifiers). Issue 12 (English >= 99.5%:
a wrong label on English turns on translation) and issue 15 (skip the backend).

Sentences here are written for the tests, not taken from any benchmark.
"""

from __future__ import annotations

import pytest

from newsfix import langid
from newsfix.langid import clearly_english, detect_language


def test_distinctive_english_words_are_derived_from_the_word_lists() -> None:
    leads = langid._english_leads()
    assert leads["the"] >= langid.ENGLISH_LEAD and leads["which"] >= langid.ENGLISH_LEAD
    # frequent English words that are frequent elsewhere too: Polish/Czech "to",
    # Danish "is" and "at", Nordic "by", German "die" and "am"
    for shared in ("to", "is", "at", "by", "die", "am", "in"):
        assert leads.get(shared, 0.0) < langid.ENGLISH_LEAD, shared


@pytest.mark.parametrize("text", [
    "The minister said the new rules would take effect before the end of the year.",
    "Most of the people who were there had never seen anything like it.",
    "Or more if you have drinks.",
    "What would you do with them?",
])
def test_plain_english_is_certain(text: str) -> None:
    assert clearly_english(text)
    guess = detect_language(text)
    assert guess.code == "en" and guess.confidence == langid.ENGLISH_FAST_CONFIDENCE


@pytest.mark.parametrize("text", [
    "Die Regierung will das Gesetz noch in diesem Jahr ändern.",  # 'die', 'will', 'in'
    "Hun sa at det er en god plan for byen.",  # Danish/Norwegian 'at', 'by'
    "To jest dobry plan dla miasta.",  # Polish 'to'
    "He, he, he.",  # Nynorsk laughter: one word, three times
    "Han spilte «Born to Run» på konserten i går.",  # an English title inside Norwegian
    "«Highway To The Danger Zone»",  # a Title Case quotation alone
    "Le président a dit que the show must go on, selon Le Monde.",
])
def test_other_languages_and_quoted_titles_are_not_certain(text: str) -> None:
    assert not clearly_english(text)


def test_english_joins_the_candidates_when_its_words_dominate() -> None:
    # langdetect alone calls this Indonesian with probability 1.0
    text = "Thanks again, Maria Kowalski"
    code, _ = max(langid._scores_langdetect(text), key=lambda item: item[1])
    assert code == "id"
    assert langid._mostly_english(text)
    assert detect_language(text).code == "en"
    # a Norwegian sentence with one English word does not bring English in
    assert not langid._mostly_english("Han kjøpte en ny laptop i går.")
    assert detect_language("Han kjøpte en ny laptop i går.").code == "nb"


@pytest.mark.parametrize("text", [
    "quarterly_report_final.pdf",
    "budget.xlsx << File: budget.xlsx >>",
    "comp.lang.python, alt.animals.cat",
    "see nrk.no",
    "- BUDGET.XLS << File: BUDGET.XLS >>",  # an upper-case extension
    "- ACME - Draft(memo7-3-02).doc",  # glued to what comes before it
])
def test_file_and_host_names_carry_no_language(text: str) -> None:
    stripped = langid._ADDRESS_RE.sub(" ", text)
    assert sum(ch.isalpha() for ch in stripped) <= len("File see")


@pytest.mark.parametrize("text", [
    "U.S. officials said the talks would resume.",
    "Das gilt z.B. für Kinder.",
    "The vote ended.Next came the count.",  # a missing space is not a file name
    "Prices rose 3.5 percent.",
])
def test_abbreviations_and_numbers_are_kept(text: str) -> None:
    assert langid._ADDRESS_RE.sub(" ", text) == text


def test_english_around_names_is_a_candidate() -> None:
    # the backend reads the names (Dutch, at full confidence); the other words are English
    text = "Ibsen, Hjalmar Ibsen, we met on the plane."
    assert langid._mostly_english(text) and detect_language(text).code == "en"
    # names alone, or one English word among them, are no English
    assert not langid._mostly_english("Sigrid Undset Hjalmar Wentz Torvald")
    assert not langid._mostly_english("Sigrid Undset and Hjalmar Wentz")
    # a candidate only: Norwegian words that English also lists do not make English win
    assert detect_language("Han bor i Oslo med Hjalmar Wentz.").code == "nb"


def test_english_but_for_its_names_is_english() -> None:
    # langdetect reads the names as Dutch
    text = "Yesterday Sanne Visser beat Joost Bakker in Utrecht."
    code, _ = max(langid._scores_langdetect(text), key=lambda item: item[1])
    assert code == "nl" and not clearly_english(text)
    assert detect_language(text).code == "en"
    # the names are more frequent in the Nordic word lists than in English: with them
    # counted, Norwegian wins the vocabulary; without them, English does
    text = "Karin Sundqvist replied to Lars Eriksson."
    ll = langid.vocabulary_log_likelihoods(text, ["en", "no", "sv"])
    assert max(ll, key=ll.__getitem__) != "en"
    assert detect_language(text).code == "en"


def test_names_and_foreign_names_are_left_out_of_the_english_words() -> None:
    nordic = ["no", "da", "sv"]
    # Karin starts the sentence and is common English, but far more common in Nordic lists
    assert langid._english_words("Karin Sundqvist replied to Lars Eriksson.", nordic) == [
        "replied", "to"]
    # a title-case heading: its common English words are words
    assert langid._english_words("Berlin's Widening Rift", ["de"]) == ["widening", "rift"]
    # one word left must be distinctively English, and a lower-case foreign word rules
    # English out
    assert langid._english_words("Fritz Oberhauser answered:", ["de"]) == ["answered"]
    assert langid._english_words("Fritz Oberhauser, hello:", ["de"]) is None
    assert langid._english_words("Then Hanne Berg og Per Lie came.", nordic) is None


@pytest.mark.parametrize(("text", "code"), [
    ("Gestern schlug Sanne Visser Joost Bakker in Utrecht.", "de"),
    ("Gisteren versloeg Sanne Visser Joost Bakker in Utrecht.", "nl"),
    ("Karin Sundqvist svarade Lars Eriksson.", "sv"),
    ("Ivar Aasen og Knud Knudsen skreiv om det.", "nn"),
    ("Le président Macron a parlé avec Olaf Scholz à Berlin.", "fr"),
])
def test_other_languages_around_the_same_names_keep_their_language(text: str, code: str) -> None:
    assert detect_language(text).code == code


def test_one_distinctive_english_word_among_names_is_english() -> None:
    text = "Anyway, Grzegorz Brzęczyszczykiewicz."
    code, _ = max(langid._scores_langdetect(text), key=lambda item: item[1])
    assert code == "pl" and detect_language(text).code == "en"
    # a common word that is not distinctively English is not enough
    assert langid._english_words("Hello, Grzegorz Brzęczyszczykiewicz.", ["pl"]) is None
    assert detect_language("Pozdrawiam, Wojciech Przybylski.").code == "pl"
    assert detect_language("Hilsen Ingvild Fjærestad").code == "nb"
