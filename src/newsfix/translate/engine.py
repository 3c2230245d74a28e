"""Translate sentences with an argostranslate package's CTranslate2 model, in batches.

newsfix does not use argostranslate's translation pipeline: it returns no
sentence boundaries or alignment, collapses whitespace, turns ``_`` into a
space, and (for packages that carry a stanza folder, or without a MiniSBD
model) tries to download sentence-splitter resources, which fails offline.
Instead newsfix splits sentences itself (keeping offsets), encodes them with
the package's SentencePiece model and calls ``ctranslate2.Translator.
translate_batch`` once for all sentences of all paragraphs given.
"""

from __future__ import annotations

import json
import math
import os
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsfix.translate import cache, models
from newsfix.translate.cache import clear_cache
from newsfix.translate.codes import normalize_code
from newsfix.translate.errors import INSTALL_EXTRA, TranslationUnavailable, extra_missing
from newsfix.translate.sentences import split_sentences

_TRUE = {"1", "true", "yes", "on"}
# Sentences handed to CTranslate2 per call; CTranslate2 sorts them by length
# and cuts them into batches of ``batch_size`` itself.  Bounded so a huge
# document does not hold all token lists and results at once.
_CHUNK_SENTENCES = 2048


@dataclass(frozen=True)
class SentenceTranslation:
    """The English translation of one source sentence and where that sentence is.

    ``start``/``end`` are code-point offsets into the paragraph string that
    was given; ``score`` is the model's confidence in 0..1, the geometric
    mean of its token probabilities (``exp`` of CTranslate2's length-normalised
    log-probability).

    >>> SentenceTranslation(0, 5, "Hello.", 0.93).text
    'Hello.'
    """

    start: int
    end: int
    text: str
    score: float


def score_to_confidence(score: float) -> float:
    """Map CTranslate2's length-normalised log-probability to a confidence in 0..1.

    With ``length_penalty=1`` CTranslate2 reports the hypothesis log-probability
    divided by its length, so ``exp(score)`` is the geometric mean probability
    per output token: 1.0 for a certain translation, about 0.5 when the model
    hesitated between two tokens at each step.

    >>> score_to_confidence(0.0), round(score_to_confidence(-0.6931), 3)
    (1.0, 0.5)
    >>> score_to_confidence(float("nan"))
    0.0
    """
    if math.isnan(score):
        return 0.0
    return min(1.0, max(0.0, math.exp(min(score, 0.0))))


def _imports() -> tuple[Any, Any]:
    try:
        import ctranslate2
    except ImportError as err:
        raise extra_missing("ctranslate2") from err
    try:
        import sentencepiece
    except ImportError as err:
        raise extra_missing("sentencepiece") from err
    return ctranslate2, sentencepiece


def resolve_device(device: str = "auto") -> str:
    """Return ``cuda`` or ``cpu``; ``auto`` picks CUDA when CTranslate2 sees a GPU.

    (:meth:`Translator.load` falls back to the CPU when ``auto`` picked a GPU
    that then cannot load the model.)
    """
    if device != "auto":
        return device
    ctranslate2, _ = _imports()
    return "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"


def _fingerprint(path: Path) -> tuple[Any, ...]:
    """Identify a package's files on disk, so an updated package is never served stale."""
    out: list[Any] = []
    for name in ("metadata.json", "model/model.bin", "sentencepiece.model"):
        try:
            st = (path / name).stat()
        except OSError:
            out.append(None)
            continue
        out.append((st.st_mtime_ns, st.st_size, st.st_ino))
    return tuple(out)


@dataclass
class _Loaded:
    model: Any
    sp: Any
    target_prefix: str


def _load_files(path: Path, device: str, compute_type: str) -> _Loaded:
    ctranslate2, sentencepiece = _imports()
    key = (str(path.resolve()), _fingerprint(path), device, compute_type)
    hit = cache.get(key)
    if isinstance(hit, _Loaded):
        return hit
    sp_path = path / "sentencepiece.model"
    if not sp_path.exists():
        raise TranslationUnavailable(
            f"package {path} has no sentencepiece.model (BPE packages are not supported); "
            "install a SentencePiece package with `newsfix models install CODE`"
        )
    try:
        meta = json.loads((path / "metadata.json").read_text("utf-8"))
        model = ctranslate2.Translator(
            str(path / "model"), device=device, compute_type=compute_type
        )
        sp = sentencepiece.SentencePieceProcessor(model_file=str(sp_path))
    except (OSError, RuntimeError, ValueError) as err:
        raise TranslationUnavailable(
            f"package {path} cannot be loaded ({err}); reinstall it with "
            "`newsfix models install CODE`"
        ) from err
    loaded = _Loaded(model, sp, str(meta.get("target_prefix", "") or ""))
    cache.put(key, loaded)  # evicts older versions of this package (same path)
    return loaded


class Translator:
    """Translates paragraphs sentence by sentence with one installed package.

    Use ``Translator.load("nb")`` rather than the constructor: it finds the
    package, reuses an already loaded model when the package on disk has not
    changed, and raises TranslationUnavailable with the fixing command when
    there is no package.
    """

    def __init__(
        self,
        from_code: str,
        to_code: str,
        package_path: Path,
        loaded: _Loaded,
        *,
        device: str,
        beam_size: int,
        batch_size: int,
        version: str = "",
    ) -> None:
        """Wrap a loaded model; prefer :meth:`load`."""
        self.from_code = from_code
        self.to_code = to_code
        self.package_path = package_path
        self.version = version
        self.device = device
        self.beam_size = beam_size
        self.batch_size = batch_size
        self._loaded = loaded

    @classmethod
    def load(
        cls,
        from_code: str,
        to_code: str = "en",
        *,
        device: str = "auto",
        beam_size: int = 2,
        batch_size: int = 32,
        compute_type: str = "default",
        auto_install: bool | None = None,
    ) -> Translator:
        """Return a translator for the installed ``from_code→to_code`` package.

        ``auto_install`` (default: the ``NEWSFIX_AUTO_INSTALL`` environment
        variable) installs a missing package from the index first; without it
        a missing package raises TranslationUnavailable naming the command.
        """
        src, dst = normalize_code(from_code), normalize_code(to_code)
        _imports()
        info = models.find_installed(src, dst)
        if info is None:
            if auto_install is None:
                auto_install = os.environ.get("NEWSFIX_AUTO_INSTALL", "").lower() in _TRUE
            if not auto_install:
                raise TranslationUnavailable(
                    f"no {src}→{dst} translation package is installed "
                    f"(looked in {', '.join(str(d) for d in models.package_dirs())}); "
                    f"install it with `newsfix models install {src} --to {dst}`, or offline "
                    f"with `newsfix models install {src} --to {dst} --from-file "
                    f"translate-{src}_{dst}.argosmodel`, or set NEWSFIX_AUTO_INSTALL=1"
                )
            try:
                info = models.install(src, dst)
            except models.ModelError as err:
                raise TranslationUnavailable(
                    f"no {src}→{dst} translation package is installed and installing it "
                    f"failed: {err}"
                ) from err
        resolved = resolve_device(device)
        try:
            loaded = _load_files(info.path, resolved, compute_type)
        except TranslationUnavailable as err:
            if device != "auto" or resolved != "cuda":
                raise
            # A GPU is visible but unusable (no libcublas.so.12, an old driver):
            # "auto" means "the GPU if it works", so fall back to the CPU.
            warnings.warn(
                f"CTranslate2 sees a CUDA device but cannot use it ({err.__cause__}); "
                "translating on the CPU",
                stacklevel=2,
            )
            resolved = "cpu"
            loaded = _load_files(info.path, resolved, compute_type)
        return cls(
            src,
            dst,
            info.path,
            loaded,
            device=resolved,
            beam_size=beam_size,
            batch_size=batch_size,
            version=info.version,
        )

    def translate_sentences(self, sentences: Sequence[str]) -> list[tuple[str, float]]:
        """Translate already split sentences; return ``(text, confidence)`` for each."""
        if not sentences:
            return []
        sp = self._loaded.sp
        prefix = self._loaded.target_prefix
        out: list[tuple[str, float]] = []
        for lo in range(0, len(sentences), _CHUNK_SENTENCES):
            chunk = list(sentences[lo : lo + _CHUNK_SENTENCES])
            tokens = sp.encode(chunk, out_type=str)
            longest = max(len(t) for t in tokens)
            results = self._loaded.model.translate_batch(
                tokens,
                target_prefix=[[prefix]] * len(tokens) if prefix else None,
                max_batch_size=self.batch_size,
                batch_type="examples",
                beam_size=self.beam_size,
                return_scores=True,
                replace_unknowns=True,
                length_penalty=1.0,
                # A translation may be longer than its source; never cut one short.
                max_decoding_length=max(256, 2 * longest + 16),
                max_input_length=0,
            )
            hyps = []
            for result in results:
                hyp = list(result.hypotheses[0])
                if prefix and hyp[:1] == [prefix]:
                    hyp = hyp[1:]
                hyps.append(hyp)
            texts = sp.decode(hyps) if hyps else []
            for text, result in zip(texts, results, strict=True):
                out.append((str(text).strip(), score_to_confidence(result.scores[0])))
        return out

    def translate_paragraphs(self, paragraphs: Sequence[str]) -> list[list[SentenceTranslation]]:
        """Translate each paragraph sentence by sentence, batching across all of them.

        Returns, for each paragraph, its sentences in order with their offsets
        in that paragraph; a paragraph with no text gives an empty list.
        """
        spans = [split_sentences(p, self.from_code) for p in paragraphs]
        flat = [p[s:e] for p, sp in zip(paragraphs, spans, strict=True) for s, e in sp]
        translated = iter(self.translate_sentences(flat))
        out = []
        for sp in spans:
            row = []
            for s, e in sp:
                text, score = next(translated)
                row.append(SentenceTranslation(s, e, text, score))
            out.append(row)
        return out

    def __repr__(self) -> str:
        """Show the pair, version, device and package path."""
        return (
            f"Translator({self.from_code}→{self.to_code} {self.version}, device={self.device}, "
            f"path={str(self.package_path)!r})"
        )


def available_pairs() -> list[tuple[str, str]]:
    """Return the installed ``(from, to)`` pairs; empty when the extra is not installed."""
    try:
        _imports()
    except TranslationUnavailable:
        return []
    return sorted(
        {(normalize_code(p.from_code), normalize_code(p.to_code)) for p in models.list_installed()}
    )


__all__ = [
    "INSTALL_EXTRA",
    "SentenceTranslation",
    "Translator",
    "available_pairs",
    "clear_cache",
    "score_to_confidence",
]
