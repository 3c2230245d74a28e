"""Throughput of newsfix's Translator against argostranslate on the same package.

Builds (in a temp dir, nothing committed) a base-size argos package: a
SentencePiece unigram model with an 8k vocabulary trained on pseudo-Norwegian
text sampled from wordfreq's Bokmål word list, and a 6+6-layer, d=512,
8-head, FFN 2048 CTranslate2 Transformer (int8, as published argos packages
are) with random weights plus the copy path of ``tests/support/tiny_argos.py``,
so that it emits one token per source token and then ``</s>`` — the output
length of a real translator, which is what decoding cost depends on.  Values
of the weights do not change the cost of CTranslate2's dense kernels.

Then, in one process, on the same package and text, it measures sentences per
second of:

(a) ``newsfix.translate.Translator.translate_paragraphs`` (own splitting,
    batched across paragraphs);
(b) ``argostranslate.translate`` (its ``translate()`` on the text), with its
    sentence splitter replaced by newsfix's for the benchmark only: the
    default MiniSBD splitter would download a model (no network here), and
    replacing it also makes both sides translate the same sentences;
(c) a raw ``ctranslate2.Translator.translate_batch`` on pre-tokenised
    sentences, to show newsfix's own overhead (splitting, SentencePiece,
    provenance objects).

Run:  .venv/bin/python benchmarks/bench_translate.py [--sentences 240] [--repeat 3]
      [--argos-repeat 2]

(b) needs argostranslate with its own dependencies (stanza, hence torch), which
newsfix no longer installs: ``pip install torch --index-url
https://download.pytorch.org/whl/cpu && pip install argostranslate``.  Without
them the benchmark reports (a) and (c) only.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = Path(tempfile.mkdtemp(prefix="newsfix-bench-"))


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# argostranslate reads these once, at import: keep it in the temp dir, offline.
os.environ.update(
    {
        "XDG_DATA_HOME": str(WORK / "data"),
        "XDG_CONFIG_HOME": str(WORK / "config"),
        "XDG_CACHE_HOME": str(WORK / "cache"),
        "ARGOS_PACKAGES_DIR": str(WORK / "packages"),
        "ARGOS_PACKAGE_INDEX": f"http://127.0.0.1:{_closed_port()}/",
        "ARGOS_DEVICE_TYPE": "cpu",
    }
)
sys.path.insert(0, str(ROOT))


def pseudo_norwegian(rng: random.Random, n: int) -> list[str]:
    """Return ``n`` sentences of Bokmål words drawn by frequency (Zipf-like)."""
    import wordfreq

    words = [w for w in wordfreq.top_n_list("nb", 20000) if w.isalpha()]
    weights = [1.0 / (i + 10) for i in range(len(words))]
    out = []
    for _ in range(n):
        ws = rng.choices(words, weights, k=rng.randint(8, 30))
        out.append(ws[0].capitalize() + " " + " ".join(ws[1:]) + rng.choice(".....?!"))
    return out


def build_package(vocab_size: int, layers: int) -> tuple[Path, list[str]]:
    """Build the base-size package in WORK; return its zip path and text for training."""
    from tests.support import tiny_argos

    rng = random.Random(1)
    corpus = pseudo_norwegian(rng, 30000)
    t0 = time.perf_counter()
    sp_model = tiny_argos.train_sentencepiece(corpus, WORK / "sp", vocab_size=vocab_size)
    vocab = tiny_argos.sp_vocabulary(sp_model)
    t1 = time.perf_counter()
    model_dir = tiny_argos.build_copy_model(
        WORK / "model",
        vocab,
        {},
        num_layers=layers,
        d_model=512,
        num_heads=8,
        ffn_dim=2048,
        pos_dims=64,
        max_length=1024,
        noise=0.002,
        quantization="int8",
    )
    t2 = time.perf_counter()
    folder = tiny_argos.write_package(
        WORK / "pkg" / "translate-nb_en-bench", model_dir=model_dir, sp_model=sp_model
    )
    path = tiny_argos.zip_package(folder, WORK / "translate-nb_en-bench.argosmodel")
    size = path.stat().st_size / 1e6
    print(
        f"package: {len(vocab)} pieces, {layers}+{layers} layers d=512; SentencePiece "
        f"{t1 - t0:.1f}s, model {t2 - t1:.1f}s, {size:.1f} MB zipped"
    )
    return path, corpus


def timed(fn, repeat: int) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=240)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--argos-repeat", type=int, default=2)
    parser.add_argument("--layers", type=int, default=6)
    parser.add_argument("--vocab", type=int, default=8000)
    parser.add_argument("--device", default="cpu")
    args = parser.parse_args()

    import ctranslate2

    from newsfix.translate import Translator, models, split_sentences

    package_file, _ = build_package(args.vocab, args.layers)
    models.install_file(package_file)

    rng = random.Random(2)
    sentences = pseudo_norwegian(rng, args.sentences)
    paragraphs = [" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4)]
    n = sum(len(split_sentences(p, "nb")) for p in paragraphs)
    tokens_per_sentence = None
    print(
        f"text: {len(paragraphs)} paragraphs, {n} sentences; cores: {os.cpu_count()}, "
        f"device: {args.device}, ctranslate2 {ctranslate2.__version__}"
    )

    results: dict[str, float] = {}
    outputs: dict[str, object] = {}
    translators = {
        beam: Translator.load("nb", device=args.device, beam_size=beam, batch_size=32)
        for beam in (2, 4)
    }
    translators[2].translate_paragraphs(paragraphs[:2])  # warm-up (model load)

    # (c) raw CTranslate2 with newsfix's options, on pre-split, pre-tokenised sentences.
    loaded = translators[2]._loaded
    flat = [p[s:e] for p in paragraphs for s, e in split_sentences(p, "nb")]
    toks = loaded.sp.encode(flat, out_type=str)
    tokens_per_sentence = statistics.mean(len(t) for t in toks)

    def raw() -> object:
        return loaded.model.translate_batch(
            toks,
            max_batch_size=32,
            beam_size=2,
            return_scores=True,
            replace_unknowns=True,
            max_decoding_length=max(256, 2 * max(map(len, toks)) + 16),
            max_input_length=0,
        )

    # Interleave the engines round by round so that load from other processes
    # on a shared machine hits all of them alike; report medians.
    runs: dict[str, list[float]] = {"newsfix beam=2": [], "newsfix beam=4": [], "raw": []}
    raw_out: object = None
    for _ in range(args.repeat):
        for beam in (2, 4):
            sec, out = timed(lambda t=translators[beam]: t.translate_paragraphs(paragraphs), 1)
            runs[f"newsfix beam={beam}"].append(sec)
            outputs[f"newsfix beam={beam}"] = out
        sec, raw_out = timed(raw, 1)
        runs["raw"].append(sec)
    for name, secs in runs.items():
        results["raw ctranslate2 beam=2" if name == "raw" else name] = n / statistics.median(secs)
    out_len = statistics.mean(len(r.hypotheses[0]) for r in raw_out)  # type: ignore[attr-defined]

    # newsfix's own work outside translate_batch, timed directly (not by difference).
    t = time.perf_counter()
    for _ in range(args.repeat):
        spans = [split_sentences(p, "nb") for p in paragraphs]
        pieces = loaded.sp.encode(
            [p[s:e] for p, sp in zip(paragraphs, spans, strict=True) for s, e in sp], out_type=str
        )
        texts = loaded.sp.decode([r.hypotheses[0] for r in raw_out])  # type: ignore[attr-defined]
    own = (time.perf_counter() - t) / args.repeat
    del pieces, texts

    # (b) argostranslate on the same installed package (newsfix does not need
    # argostranslate; its translate() needs stanza and torch, which `make` skips).
    try:
        from argostranslate import settings
        from argostranslate import translate as argos_translate
    except ImportError as err:
        print(f"argostranslate's translate() cannot be imported ({err}); for (b) install "
              "torch (CPU wheel) then argostranslate with its dependencies")
        for name, rate in results.items():
            print(f"{name:32s} {rate:12.1f}")
        return 0

    class NewsfixSentencizer:
        """Stands in for MiniSBD (which would download a model) in this benchmark only."""

        def split_sentences(self, text: str) -> list[str]:
            return [text[s:e] for s, e in split_sentences(text, "nb")]

    settings.compute_type = "default"  # same compute type as newsfix (the package's int8)
    translation = argos_translate.get_translation_from_codes("nb", "en")
    translation.underlying.sentencizer = NewsfixSentencizer()
    document = "\n".join(paragraphs)
    for beam in (4, 2):
        settings.beam_size = beam
        translation.translate(paragraphs[0])  # warm-up (model load)

        def run_argos() -> str:
            translation.cache = {}  # its paragraph cache would make repeats free
            return str(translation.translate(document))

        sec, out = timed(run_argos, args.argos_repeat)
        label = f"argostranslate beam={beam}" + (" (default)" if beam == 4 else "")
        results[label] = n / sec
        outputs[label] = out

    print(f"tokens per sentence: source {tokens_per_sentence:.1f}, output {out_len:.1f}")
    print(f"{'engine':32s} {'sentences/s':>12s}")
    for name, rate in results.items():
        print(f"{name:32s} {rate:12.1f}")
    nf2 = results["newsfix beam=2"]
    print(
        f"newsfix (beam 2, default) / argostranslate (beam 4, default): "
        f"{nf2 / results['argostranslate beam=4 (default)']:.2f}x"
    )
    print(
        f"newsfix / argostranslate at equal beam 2: "
        f"{nf2 / results['argostranslate beam=2']:.2f}x; at equal beam 4: "
        f"{results['newsfix beam=4'] / results['argostranslate beam=4 (default)']:.2f}x"
    )
    print(
        f"newsfix (beam 2) / raw translate_batch (beam 2): "
        f"{nf2 / results['raw ctranslate2 beam=2']:.2f}x; newsfix's own work (split, "
        f"SentencePiece encode+decode): {own * 1000:.1f} ms = "
        f"{own / (n / results['raw ctranslate2 beam=2']) * 100:.1f}% of the raw call"
    )
    same = [s.text for row in outputs["newsfix beam=2"] for s in row]  # type: ignore[attr-defined]
    copied = sum(a == b for a, b in zip(same, flat, strict=True)) / len(flat)
    print(f"sanity: newsfix output equals its (copied) input for {copied:.0%} of sentences")
    return 0


if __name__ == "__main__":
    sys.exit(main())
