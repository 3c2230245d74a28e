"""Fit the confidence calibration of ``newsfix.langid`` on development sentences.

For every backend, runs :func:`newsfix.langid._rank` on the *dev* split of the
Universal Dependencies treebanks used by ``benchmarks/bench_langid.py`` (the
same folder of clones, ``--ud``), and fits a logistic regression

    P(right) = sigmoid(intercept + margin_coef * min(margin, max_margin)
                       + log_letters_coef * log(letters))

where ``margin`` is the gap in nats between the best candidate and the
runner-up. Every sentence with a letter counts (short ones too: paragraphs
can be a single word). The test split is never read. Writes
``src/newsfix/data/langid_calibration.json``.

Usage::

    python scripts/calibrate_langid.py --ud ~/ud
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_langid  # noqa: E402

from newsfix import langid  # noqa: E402

OUT = ROOT / "src" / "newsfix" / "data" / "langid_calibration.json"
MAX_MARGIN = 30.0


def features(ranking: langid._Ranking) -> tuple[float, float, float]:
    return 1.0, min(ranking.margin, MAX_MARGIN), math.log(ranking.letters)


def fit(rows: list[tuple[tuple[float, float, float], int]], steps: int = 50,
        ridge: float = 1e-3) -> list[float]:
    """Logistic regression by Newton's method (three weights, a small ridge)."""
    w = [0.0, 0.0, 0.0]
    for _ in range(steps):
        grad = [0.0, 0.0, 0.0]
        hess = [[ridge if i == j else 0.0 for j in range(3)] for i in range(3)]
        for x, y in rows:
            z = sum(wi * xi for wi, xi in zip(w, x, strict=True))
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            for i in range(3):
                grad[i] += (p - y) * x[i]
                for j in range(3):
                    hess[i][j] += p * (1.0 - p) * x[i] * x[j]
        for i in range(3):
            grad[i] += ridge * w[i]
        step = _solve(hess, grad)
        w = [wi - si for wi, si in zip(w, step, strict=True)]
        if max(abs(s) for s in step) < 1e-9:
            break
    return w


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Solve a 3×3 linear system by Gaussian elimination with pivoting."""
    m = [[*row, bi] for row, bi in zip(a, b, strict=True)]
    n = len(b)
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(n):
            if r != col:
                f = m[r][col] / m[col][col]
                m[r] = [vr - f * vc for vr, vc in zip(m[r], m[col], strict=True)]
    return [m[i][n] / m[i][i] for i in range(n)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ud", type=Path, required=True, help="folder with the UD_* clones")
    parser.add_argument("--limit", type=int, default=1000, help="sentences per language")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    table: dict[str, dict[str, float]] = {}
    for detector in langid.DETECTORS:
        try:
            langid.detect_language("warm up", detector=detector)
        except langid.DetectorUnavailable as exc:
            print(f"skipped {detector}: {exc}")
            continue
        rows = []
        for _, code, sentences in bench_langid.datasets(args.ud, "dev", args.limit):
            for text in sentences:
                ranking = langid._rank(text, detector)
                if ranking is not None:
                    rows.append((features(ranking), int(ranking.logits[0][0] == code)))
        w = fit(rows)
        table[detector] = {"intercept": round(w[0], 4), "margin": round(w[1], 4),
                           "log_letters": round(w[2], 4), "max_margin": MAX_MARGIN,
                           "sentences": len(rows)}
        print(f"{detector}: {len(rows)} sentences, weights {w}")
    args.out.write_text(json.dumps({"fitted_on": "UD dev split (benchmarks/bench_langid.py)",
                                    "detectors": table}, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
