"""Tables loaded once per machine: the on-disk caches give exactly what the sources give."""

from __future__ import annotations

import marshal
from collections.abc import Iterator
from pathlib import Path

import pytest
import wordfreq

from newsfix import langdetect_profiles, langid, lexicon, wordfreq_cache
from newsfix.evidence import _read_bigrams, _read_pos
from newsfix.rules import spin
from newsfix.rules.english import _foreign

WORDS = ("haus", "Straße", "maison", "l'état", "aujourd'hui", "rządu", "2019", "10.000",
         "über-", "kyiv", "johnson", "qqqzzzx", "", "  ", "New York", "déjà vu", "ja", "og",
         "ﬁnance", "ÉCOLE", "3,5%", "co-operation", "naïve", "Ærø")


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache directory for the module: each language's index is built once."""
    return tmp_path_factory.mktemp("newsfix-cache")


@pytest.fixture
def cache(shared_cache: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("NEWSFIX_CACHE_DIR", str(shared_cache))
    wordfreq_cache.clear()
    yield shared_cache
    wordfreq_cache.clear()


@pytest.mark.parametrize("lang", ["de", "fr", "pl", "nb"])
def test_indexed_zipf_is_wordfreqs(cache: Path, lang: str) -> None:
    got = [wordfreq_cache.zipf_frequency(w, lang) for w in WORDS]
    assert got == [wordfreq.zipf_frequency(w, lang) for w in WORDS]
    assert any(z > 0 for z in got) and any(z == 0 for z in got)
    assert list(cache.glob(f"wordfreq-*-{lang}.sqlite3")), "the index was not written"


def test_zipf_without_cache_is_wordfreqs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSFIX_CACHE_DIR", "off")
    wordfreq_cache.clear()
    try:
        assert wordfreq_cache._connection("de") is None
        assert wordfreq_cache.zipf_frequency("haus", "de") == wordfreq.zipf_frequency("haus", "de")
    finally:
        wordfreq_cache.clear()


def test_unwritable_cache_falls_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("NEWSFIX_CACHE_DIR", str(blocker / "cache"))
    wordfreq_cache.clear()
    try:
        assert wordfreq_cache.zipf_frequency("maison", "fr") == \
            wordfreq.zipf_frequency("maison", "fr")
        assert lexicon.cached_table("t", [], lambda: {"a": 1}) == {"a": 1}
    finally:
        wordfreq_cache.clear()


@pytest.mark.parametrize(("key", "sources", "build"), [
    ("bigrams", ["spin_bigrams.tsv.gz"], _read_bigrams),
    ("evidence-pos", ["en_pos.tsv.gz"], _read_pos),
    ("spin-synonym-tiers", ["spin_synonyms.tsv.gz"], spin._read_synonym_tiers),
    ("dictionary-de", ["bilingual/de_en.tsv.gz"], lambda: _foreign._read_dictionary("de")),
    ("langid-variants", ["langid_variants.tsv.gz"], langid._read_variants),
])
def test_cached_tables_equal_their_sources(cache: Path, key: str, sources: list[str],
                                           build: object) -> None:
    assert callable(build)
    fresh = build()
    assert lexicon.cached_table(key, sources, build) == fresh  # built and written
    files = list(cache.glob(f"{key}-*.marshal"))
    assert len(files) == 1
    assert lexicon.cached_table(key, sources, lambda: pytest.fail("not read back")) == fresh


def test_cached_table_rebuilds_a_damaged_file(cache: Path) -> None:
    assert lexicon.cached_table("damaged", ["en_pos.tsv.gz"], lambda: (1, 2)) == (1, 2)
    (path,) = cache.glob("damaged-*.marshal")
    path.write_bytes(b"\x00garbage")
    assert lexicon.cached_table("damaged", ["en_pos.tsv.gz"], lambda: (3, 4)) == (3, 4)
    assert marshal.loads(path.read_bytes()) == (3, 4)


def test_cached_table_is_rebuilt_when_its_reader_changes(cache: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A reader edited under the same key gets its own table, not the one the old code built."""
    import importlib
    import sys

    module = tmp_path / "nf_reader_probe.py"
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(sys, "dont_write_bytecode", True)  # no stale .pyc within one second
    for version in (1, 22):
        module.write_text("from newsfix import lexicon\n\n"
                          "def table():\n"
                          "    return lexicon.cached_table('reader-probe', ['en_pos.tsv.gz'],\n"
                          f"                                lambda: {{'version': {version}}})\n")
        importlib.invalidate_caches()
        import nf_reader_probe
        probe = importlib.reload(nf_reader_probe)
        assert probe.table() == {"version": version}
        assert probe.table() == {"version": version}  # read back from the cache


def test_cached_table_without_its_source_is_just_built(cache: Path) -> None:
    assert lexicon.cached_table("absent", ["bilingual/xx_en.tsv.gz"], lambda: {"x": 1}) == {"x": 1}
    assert not list(cache.glob("absent-*"))


def test_cache_dir_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSFIX_CACHE_DIR", "off")
    assert lexicon.cache_dir() is None
    monkeypatch.delenv("NEWSFIX_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere")
    assert lexicon.cache_dir() == Path("/somewhere/newsfix")


def test_spin_and_evidence_share_one_bigram_table() -> None:
    from newsfix import evidence

    assert spin.bigrams() is evidence._bigrams()
    assert spin.bigrams()["1st", "and"] == 675070  # the first row of the TSV is a row


def _child_zipf(word: str) -> float:
    return wordfreq_cache.zipf_frequency(word, "de")


def test_a_forked_worker_opens_its_own_index(cache: Path) -> None:
    import multiprocessing
    import os

    parent = wordfreq_cache.zipf_frequency("haus", "de")
    assert (os.getpid(), "de") in wordfreq_cache._CONNECTIONS
    with multiprocessing.get_context("fork").Pool(1) as pool:
        assert pool.map(_child_zipf, ["haus", "zeitung"]) == [
            parent, wordfreq.zipf_frequency("zeitung", "de")]


def test_a_rebuilt_table_replaces_the_stale_file(cache: Path) -> None:
    stale = cache / "pruned-0123.marshal"
    stale.write_bytes(marshal.dumps({"old": 1}))
    assert lexicon.cached_table("pruned", ["en_pos.tsv.gz"], lambda: {"new": 2}) == {"new": 2}
    assert not stale.exists() and len(list(cache.glob("pruned-*.marshal"))) == 1


def test_cached_exonyms_are_the_gazetteers(cache: Path) -> None:
    _foreign.exonyms.cache_clear()
    try:
        assert _foreign.exonyms() == _foreign._read_exonyms()  # built, then written
        _foreign.exonyms.cache_clear()
        assert list(cache.glob("exonyms-*.marshal"))
        assert _foreign.exonyms() == _foreign._read_exonyms()  # read back
    finally:
        _foreign.exonyms.cache_clear()


@pytest.mark.parametrize("lang", ["en", "de", "nb", "fi"])
def test_indexed_frequency_is_the_lists_entry(cache: Path, lang: str) -> None:
    entries = wordfreq.get_frequency_dict(lang)
    words = [w for w in WORDS if w] + list(entries)[:50] + list(entries)[-50:]
    got = [wordfreq_cache.frequency(w, lang) for w in words]
    assert got == [entries.get(w, 0.0) for w in words]
    assert any(f > 0 for f in got) and any(f == 0 for f in got)
    assert list(cache.glob(f"wordfreq-*-{lang}.sqlite3")), "the index was not written"


def test_frequency_without_cache_is_the_lists_entry(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSFIX_CACHE_DIR", "off")
    wordfreq_cache.clear()
    try:
        assert wordfreq_cache.frequency("haus", "de") == wordfreq.get_frequency_dict("de")["haus"]
    finally:
        wordfreq_cache.clear()


def _probabilities(factory: object, text: str) -> str:
    detector = factory.create()  # type: ignore[attr-defined]
    detector.seed = 0
    detector.append(text)
    return repr(detector.get_probabilities())


def test_lazy_langdetect_profiles_are_langdetects(cache: Path) -> None:
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    eager = DetectorFactory()
    eager.load_profile(PROFILES_DIRECTORY)
    built = langdetect_profiles.load_factory()  # builds the index
    assert list(cache.glob("langdetect-*-profiles.sqlite3"))
    lazy = langdetect_profiles.load_factory()  # reads it
    assert isinstance(lazy.word_lang_prob_map, langdetect_profiles.LazyProbabilities)
    assert lazy.langlist == eager.langlist == built.langlist
    texts = ["Regjeringen la fram statsbudsjettet for neste år i dag.",
             "Die Regierung will das Gesetz noch in diesem Jahr ändern.",
             "Or more if you have drinks.", "Kommentare (0)", "Quellen",
             "Le nom de la commune en catalan est El Voló, dit le maire."]
    for text in texts:
        assert _probabilities(lazy, text) == _probabilities(eager, text)
    some = next(iter(eager.word_lang_prob_map))
    assert lazy.word_lang_prob_map[some] == eager.word_lang_prob_map[some]
    assert "qqqzzz" not in lazy.word_lang_prob_map
    with pytest.raises(KeyError):
        lazy.word_lang_prob_map["qqqzzz"]


def test_detect_block_is_langdetects() -> None:
    """newsfix's array version of langdetect's sampling gives its probabilities to the bit."""
    from pathlib import Path

    factory = langid._langdetect_factory()
    root = Path(__file__).resolve().parents[1] / "fixtures"
    texts = ["Regjeringen la fram statsbudsjettet for neste år i dag.", "Quellen",
             "Kommentare (0)", "Or more if you have drinks.", "Привет, мир", "東京都", "a"]
    for path in sorted(root.glob("*/*.txt"))[:12]:
        paragraphs = [p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
        texts += paragraphs[:4]
    for text in texts:
        ours, theirs = factory.create(), factory.create()
        for d in (ours, theirs):
            d.seed = langid._SEED
            d.append(text)
        langid._detect_block(ours)
        theirs._detect_block()
        assert ours.langprob == theirs.langprob, text
    empty = factory.create()
    empty.append("123 456")
    with pytest.raises(Exception, match="No features"):
        langid._detect_block(empty)


def test_langdetect_profiles_without_cache_are_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSFIX_CACHE_DIR", "off")
    factory = langdetect_profiles.load_factory()
    assert type(factory.word_lang_prob_map) is dict and len(factory.langlist) == 55


@pytest.mark.parametrize("lang, words", [
    ("tr", ["İstanbul", "ışık", "istanbul", "Iğdır", "2019", "qqqzzz"]),
    ("fr", ["l'état", "aujourd'hui", "qu'il", "l'qqqzzz"]),
    ("it", ["l'anno", "dell'unione", "c'è"]),
])
def test_indexed_word_frequency_is_wordfreqs(cache: Path, lang: str, words: list[str]) -> None:
    got = [wordfreq_cache.word_frequency(w, lang) for w in words]
    assert got == [wordfreq.word_frequency(w, lang) for w in words]
    assert any(f > 0 for f in got)
    assert list(cache.glob(f"wordfreq-*-{lang}.sqlite3")), "the index was not written"
