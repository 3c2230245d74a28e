"""Build small but real argostranslate packages at test time.

The tiny nb→en package is a genuine ``.argosmodel``: a SentencePiece model
trained on generated sentences and a CTranslate2 Transformer whose weights are
set from numpy through ctranslate2's spec API (no torch, no training).  Its
weights are chosen by hand so that it translates *word by word*:

* token embeddings are one-hot in the first ``V`` dimensions, position
  encodings live in the last ``P`` dimensions (a custom, zero-mean table);
* every encoder and decoder sub-layer is zero except the decoder's
  cross-attention, whose query and key read only the position dimensions
  (so decoding step ``t`` attends to source position ``t``) and whose value
  reads only the token dimensions (so it copies the source piece);
* the output projection sends each Norwegian piece to its English piece and
  every other piece to itself; the source ends with ``</s>``, which maps to
  ``</s>``, so decoding stops after the last source piece.

``build_copy_model`` is the same construction at any size (dense random codes
instead of one-hot when the vocabulary is larger than the model dimension);
``benchmarks/bench_translate.py`` uses it to get a base-size model whose
output length equals its input length, like a real translator's.
"""

from __future__ import annotations

import io
import json
import random
import shutil
import sys
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np


# Norwegian Bokmål → English, one word each, mostly taken from seed 002.
LEXICON: dict[str, str] = {
    "tilbyr": "offers",
    "møter": "meetings",
    "møte": "meeting",
    "håp": "hope",
    "om": "about",
    "fred": "peace",
    "i": "in",
    "en": "a",
    "et": "a",
    "har": "has",
    "og": "and",
    "til": "to",
    "å": "to",
    "med": "with",
    "krigen": "war",
    "av": "of",
    "fra": "from",
    "er": "is",
    "sa": "said",
    "som": "which",
    "ble": "was",
    "mellom": "between",
    "Russland": "Russia",
    "Ukraina": "Ukraine",
    "tidligere": "former",
    "jeg": "I",
    "Jeg": "I",
    "hadde": "had",
    "kunne": "could",
    "timer": "hours",
    "innen": "within",
    "på": "on",
    "ikke": "not",
    "Dette": "This",
    "dette": "this",
    "situasjonen": "situation",
    "forblir": "remains",
    "kritisk": "critical",
    "landene": "countries",
    "sin": "his",
    "for": "for",
}
ENGLISH_FILLER = ["the", "news", "today", "says", "Trump", "Putin", "Kyiv"]


def generate_sentences(n: int = 400, seed: int = 7) -> list[str]:
    """Return ``n`` generated training sentences, Norwegian and their English."""
    rng = random.Random(seed)
    nb_words = list(LEXICON)
    sentences = []
    for _ in range(n // 2):
        words = [rng.choice(nb_words) for _ in range(rng.randint(3, 9))]
        words += rng.sample(ENGLISH_FILLER, 1)
        rng.shuffle(words)
        sentences.append(" ".join(words) + rng.choice([".", "!", "?", ","]))
        sentences.append(" ".join(LEXICON.get(w, w) for w in words) + ".")
    return sentences


def train_sentencepiece(
    sentences: Iterable[str], out_prefix: Path, vocab_size: int, extra_text: str = ""
) -> Path:
    """Train a unigram SentencePiece model; return the ``.model`` path."""
    import sentencepiece as spm

    corpus = list(sentences)
    # Seed text and every printable ASCII character make all characters known
    # pieces, so nothing in the test documents becomes <unk>.
    corpus += [line for line in extra_text.splitlines() if line.strip()]
    corpus.append(" ".join(chr(c) for c in range(33, 127)))
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(corpus),
        model_writer=model,
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=1.0,
        hard_vocab_limit=False,
        bos_id=1,
        eos_id=2,
        unk_id=0,
        pad_id=-1,
        num_threads=1,
        minloglevel=2,
        normalization_rule_name="identity",
    )
    path = Path(str(out_prefix) + ".model")
    path.write_bytes(model.getvalue())
    return path


def sp_vocabulary(sp_model: Path) -> list[str]:
    """Return the SentencePiece model's pieces, in id order."""
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_file=str(sp_model))
    return [sp.id_to_piece(i) for i in range(sp.get_piece_size())]


def _position_table(length: int, dims: int) -> np.ndarray:
    """Zero-mean, constant-norm position codes whose dot product peaks at t == s."""
    import numpy as np

    pairs = dims // 4
    t = np.arange(length)[:, None]
    freqs = 1.0 / (40.0 ** (np.arange(pairs) / max(pairs - 1, 1)))
    angles = t * freqs[None, :]
    sin, cos = np.sin(angles), np.cos(angles)
    table = np.concatenate([sin, cos, -sin, -cos], axis=1)
    return table.astype(np.float32)


def _import_specs_without_torch() -> Any:
    """Import ``ctranslate2.specs.transformer_spec`` without importing torch.

    ctranslate2's spec module imports torch when it can, which costs over a
    second and is not needed for numpy weights; a ``None`` entry in
    ``sys.modules`` makes that optional import fail fast.
    """
    blocked = "torch" not in sys.modules
    if blocked:
        sys.modules["torch"] = None  # type: ignore[assignment]
    try:
        from ctranslate2.specs import transformer_spec
    finally:
        if blocked:
            del sys.modules["torch"]
    return transformer_spec


def build_copy_model(
    out_dir: Path,
    vocab: list[str],
    mapping: Mapping[str, str],
    *,
    num_layers: int = 1,
    d_model: int | None = None,
    num_heads: int = 1,
    ffn_dim: int = 8,
    pos_dims: int = 16,
    max_length: int = 512,
    noise: float = 0.0,
    quantization: str | None = None,
    seed: int = 0,
) -> Path:
    """Write a CTranslate2 model that maps source piece t to ``mapping[piece]`` at step t.

    With ``d_model`` unset the token part is one-hot (exact); otherwise token
    codes are random unit vectors in ``d_model - pos_dims`` dimensions, which
    still decodes correctly while the vocabulary is much smaller than
    ``exp(d)``.  ``noise`` adds random weights to the otherwise-zero layers,
    which changes no shape and so no cost, only makes them less degenerate.
    """
    import numpy as np

    transformer_spec = _import_specs_without_torch()

    rng = np.random.default_rng(seed)
    v = len(vocab)
    index = {piece: i for i, piece in enumerate(vocab)}
    if d_model is None:
        # One-hot codes on even dimensions only: CPU int8 kernels multiply
        # adjacent column pairs into a saturating int16, so a projection row
        # with two large weights side by side (two pieces mapping to one
        # English piece) would lose its logit.
        tok_dims = 2 * v
        codes = np.zeros((v, tok_dims), np.float32)
        codes[np.arange(v), 2 * np.arange(v)] = 1.0
    else:
        tok_dims = d_model - pos_dims
        codes = rng.standard_normal((v, tok_dims)).astype(np.float32)
        codes /= np.linalg.norm(codes, axis=1, keepdims=True)
    d = tok_dims + pos_dims
    assert d % num_heads == 0
    head_dim = d // num_heads

    spec = transformer_spec.TransformerSpec.from_config(
        (num_layers, num_layers), num_heads, no_final_norm=True
    )

    def rand(*shape: int) -> np.ndarray:
        return (noise * rng.standard_normal(shape)).astype(np.float32)

    def set_ln(ln: object) -> None:
        ln.gamma = np.ones(d, np.float32)  # type: ignore[attr-defined]
        ln.beta = np.zeros(d, np.float32)  # type: ignore[attr-defined]

    def set_lin(lin: object, out_f: int, in_f: int) -> None:
        lin.weight = rand(out_f, in_f)  # type: ignore[attr-defined]
        lin.bias = np.zeros(out_f, np.float32)  # type: ignore[attr-defined]

    def set_ffn(ffn: object) -> None:
        set_ln(ffn.layer_norm)  # type: ignore[attr-defined]
        set_lin(ffn.linear_0, ffn_dim, d)  # type: ignore[attr-defined]
        set_lin(ffn.linear_1, d, ffn_dim)  # type: ignore[attr-defined]

    def set_self_attention(att: object) -> None:
        set_ln(att.layer_norm)  # type: ignore[attr-defined]
        set_lin(att.linear[0], 3 * d, d)  # type: ignore[attr-defined]
        set_lin(att.linear[1], d, d)  # type: ignore[attr-defined]

    positions = np.zeros((max_length, d), np.float32)
    positions[:, tok_dims:] = _position_table(max_length, pos_dims)
    src_emb = np.zeros((v, d), np.float32)
    src_emb[:, :tok_dims] = codes
    for side, emb in ((spec.encoder, src_emb), (spec.decoder, np.zeros((v, d), np.float32))):
        side.scale_embeddings = False
        side.position_encodings.encodings = positions
        if side is spec.encoder:
            side.embeddings[0].weight = emb
        else:
            side.embeddings.weight = emb

    for layer in spec.encoder.layer:
        set_self_attention(layer.self_attention)
        set_ffn(layer.ffn)
    for i, layer in enumerate(spec.decoder.layer):
        set_self_attention(layer.self_attention)
        set_ffn(layer.ffn)
        att = layer.attention
        set_ln(att.layer_norm)
        set_lin(att.linear[0], d, d)
        set_lin(att.linear[1], 2 * d, d)
        set_lin(att.linear[2], d, d)
        if i != len(spec.decoder.layer) - 1:
            continue
        # The decoder state is pos(t) only; layer norm scales it by
        # sqrt(d) / |pos| = sqrt(d / (pos_dims / 2)).  The query gain makes the
        # softmax over source positions one-hot (margin >= 0.45 per unit gain).
        ln_scale = np.sqrt(d / (pos_dims / 2))
        gain = 60.0 * np.sqrt(head_dim) / ln_scale
        q = np.zeros((d, d), np.float32)
        kv = np.zeros((2 * d, d), np.float32)
        # Every head compares positions (one head: the position dimensions of
        # its single slice; several heads: head_dim == pos_dims, one copy each),
        # so every head attends to source position t and copies its token part.
        if num_heads == 1:
            slices = [slice(tok_dims, d)]
        else:
            assert head_dim == pos_dims, "with several heads, head_dim must equal pos_dims"
            slices = [slice(h * head_dim, (h + 1) * head_dim) for h in range(num_heads)]
        for rows in slices:
            q[rows, tok_dims:] = np.eye(pos_dims) * gain
            kv[rows, tok_dims:] = np.eye(pos_dims)  # keys: position part
        kv[d : d + tok_dims, :tok_dims] = np.eye(tok_dims)  # values: token part
        out = np.zeros((d, d), np.float32)
        out[:tok_dims, :tok_dims] = np.eye(tok_dims)
        att.linear[0].weight = q + att.linear[0].weight
        att.linear[1].weight = kv
        att.linear[2].weight = out

    # Output projection: logit(w) = 30 * <code(src piece), sum of codes mapping to w>.
    proj = np.zeros((v, d), np.float32)
    for piece, i in index.items():
        target = mapping.get(piece, piece)
        proj[index.get(target, index["<unk>"]), :tok_dims] += codes[i] * 30.0
    spec.decoder.projection.weight = proj
    spec.decoder.projection.bias = np.zeros(v, np.float32)

    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.config.add_source_eos = True  # the source's </s> is copied to stop decoding
    spec.validate()
    spec.optimize(quantization=quantization)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    spec.save(str(out_dir))
    return out_dir


def piece_mapping(vocab: list[str], lexicon: Mapping[str, str]) -> dict[str, str]:
    """Map the pieces ``▁nb`` to ``▁en`` for every lexicon pair whose both words are pieces."""
    pieces = set(vocab)
    out = {}
    for nb, en in lexicon.items():
        src, dst = "▁" + nb, "▁" + en
        if src in pieces and dst in pieces:
            out[src] = dst
    return out


def write_package(
    folder: Path,
    *,
    from_code: str = "nb",
    to_code: str = "en",
    package_version: str = "1.0",
    argos_version: str = "1.0",
    model_dir: Path,
    sp_model: Path,
    readme: str = "Tiny word-by-word test package built by newsfix's tests.\n",
) -> Path:
    """Lay out an unpacked argos package (metadata.json, model/, sentencepiece.model)."""
    folder.mkdir(parents=True, exist_ok=True)
    metadata = {
        "package_version": package_version,
        "argos_version": argos_version,
        "from_code": from_code,
        "from_name": "Norwegian" if from_code in ("nb", "no") else from_code,
        "to_code": to_code,
        "to_name": "English" if to_code == "en" else to_code,
    }
    (folder / "metadata.json").write_text(json.dumps(metadata, indent=2), "utf-8")
    shutil.copytree(model_dir, folder / "model", dirs_exist_ok=True)
    shutil.copy(sp_model, folder / "sentencepiece.model")
    (folder / "README.md").write_text(readme, "utf-8")
    return folder


def zip_package(folder: Path, out_file: Path) -> Path:
    """Zip an unpacked package folder as ``out_file`` (the folder is the one top entry)."""
    with zipfile.ZipFile(out_file, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            zf.write(path, Path(folder.name) / path.relative_to(folder))
    return out_file


class TinyPackage:
    """A built tiny nb→en package: its ``.argosmodel`` file and how it should translate."""

    def __init__(self, workdir: Path, package_version: str = "1.0", *, flip: bool = False):
        """Build into ``workdir``; ``flip=True`` makes a different model (ALL-CAPS English)."""
        import sentencepiece as spm

        workdir.mkdir(parents=True, exist_ok=True)
        seed_text = ""
        seeds = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"
        for seed in sorted(seeds.glob("*.txt")):
            seed_text += seed.read_text("utf-8") + "\n"
        self.sp_model = train_sentencepiece(
            generate_sentences(), workdir / "tiny_sp", vocab_size=300, extra_text=seed_text
        )
        self.sp = spm.SentencePieceProcessor(model_file=str(self.sp_model))
        self.vocab = sp_vocabulary(self.sp_model)
        mapping = piece_mapping(self.vocab, LEXICON)
        if flip:
            # A visibly different model for "updated package" tests: the
            # lexicon's English words come out as their first piece's
            # Norwegian source (identity), i.e. the package stops translating.
            mapping = {}
        self.mapping = mapping
        model_dir = build_copy_model(workdir / "model", self.vocab, mapping, quantization="int8")
        name = f"translate-nb_en-{package_version.replace('.', '_')}"
        folder = write_package(
            workdir / "pkg" / name,
            package_version=package_version,
            model_dir=model_dir,
            sp_model=self.sp_model,
        )
        self.folder = folder
        self.package_version = package_version
        self.path = zip_package(folder, workdir / f"translate-nb_en-{package_version}.argosmodel")

    def expected(self, sentence: str) -> str:
        """Return the word-by-word translation this package must produce for ``sentence``."""
        pieces = self.sp.encode(sentence, out_type=str)
        return str(self.sp.decode_pieces([self.mapping.get(p, p) for p in pieces]))
