"""The calibrated verdict of the general matcher: a logistic model over what a match shows.

``corpora/calibration.json`` holds the weights, fitted on labelled sets of several rubrics
by ``tools/calibrate.py`` (see there); without it the matcher's fixed thresholds decide.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from ..resources import data_path

# what the model weighs, in the order of its weights (GeneralRule.features)
FEATURES = ("score", "strong", "lead", "off_topic", "concrete", "window", "support", "eligible",
            "fill", "context", "nearby", "cosine", "shared", "subject")


@dataclass(frozen=True)
class Calibration:
    """P(the clause is addressed) = sigmoid(bias + weights · features)."""

    weights: tuple[float, ...]
    bias: float
    covered_at: float = 0.5
    partial_at: float = 0.3
    trained_on: tuple[str, ...] = ()
    features: tuple[str, ...] = FEATURES

    def probability(self, features: list[float]) -> float:
        z = self.bias + sum(w * x for w, x in zip(self.weights, features))
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))

    def to_json(self) -> str:
        return json.dumps({"features": list(self.features),
                           "weights": [round(w, 5) for w in self.weights],
                           "bias": round(self.bias, 5), "covered_at": self.covered_at,
                           "partial_at": self.partial_at, "trained_on": list(self.trained_on)},
                          ensure_ascii=False, indent=1) + "\n"


@lru_cache(maxsize=1)
def bundled_calibration() -> Optional[Calibration]:
    path = data_path("corpora") / "calibration.json"
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data.get("features", ())) != FEATURES:
        return None                   # fitted on other features: the fixed thresholds decide
    return Calibration(tuple(data["weights"]), data["bias"], data["covered_at"],
                       data["partial_at"], tuple(data.get("trained_on", ())))


def fit(rows: list[tuple[list[float], bool]], *, l2: float = 1e-2, steps: int = 25) -> Calibration:
    """Logistic regression with an L2 penalty (per row) by Newton's method: deterministic,
    and the same optimum whatever the scale of the features."""
    width = len(rows[0][0]) + 1                      # the last weight is the bias
    weights = [0.0] * width
    penalty = l2 * len(rows)
    for _ in range(steps):
        gradient = [penalty * w for w in weights[:-1]] + [0.0]
        hessian = [[0.0] * width for _ in range(width)]
        for i in range(width - 1):
            hessian[i][i] = penalty
        for features, label in rows:
            x = list(features) + [1.0]
            z = sum(w * v for w, v in zip(weights, x))
            p = 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))
            error, curvature = p - float(label), p * (1.0 - p)
            for i, xi in enumerate(x):
                gradient[i] += error * xi
                row, cx = hessian[i], curvature * xi
                for j in range(i, width):
                    row[j] += cx * x[j]
        for i in range(width):
            for j in range(i):
                hessian[i][j] = hessian[j][i]
        step = _solve(hessian, gradient)
        weights = [w - d for w, d in zip(weights, step)]
        if max(abs(d) for d in step) < 1e-7:
            break
    return Calibration(tuple(weights[:-1]), weights[-1])


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """x with matrix · x = vector (Gaussian elimination with partial pivoting)."""
    n = len(vector)
    rows = [list(r) + [v] for r, v in zip(matrix, vector)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(rows[r][col]))
        rows[col], rows[pivot] = rows[pivot], rows[col]
        lead = rows[col][col] or 1e-12
        for r in range(col + 1, n):
            factor = rows[r][col] / lead
            if factor:
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[col])]
    solution = [0.0] * n
    for r in range(n - 1, -1, -1):
        solution[r] = (rows[r][n] - sum(rows[r][c] * solution[c] for c in range(r + 1, n))) / (rows[r][r] or 1e-12)
    return solution
