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


@dataclass(frozen=True)
class Calibration:
    """P(the clause is addressed) = sigmoid(bias + weights · features)."""

    weights: tuple[float, ...]
    bias: float
    covered_at: float = 0.5
    partial_at: float = 0.3
    trained_on: tuple[str, ...] = ()

    def probability(self, features: list[float]) -> float:
        z = self.bias + sum(w * x for w, x in zip(self.weights, features))
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))

    def to_json(self) -> str:
        return json.dumps({"weights": [round(w, 5) for w in self.weights],
                           "bias": round(self.bias, 5), "covered_at": self.covered_at,
                           "partial_at": self.partial_at, "trained_on": list(self.trained_on)},
                          ensure_ascii=False, indent=1) + "\n"


@lru_cache(maxsize=1)
def bundled_calibration() -> Optional[Calibration]:
    path = data_path("corpora") / "calibration.json"
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return Calibration(tuple(data["weights"]), data["bias"], data["covered_at"],
                       data["partial_at"], tuple(data.get("trained_on", ())))


def fit(rows: list[tuple[list[float], bool]], *, epochs: int = 3000, rate: float = 0.5,
        l2: float = 1e-3) -> Calibration:
    """Logistic regression by gradient descent (deterministic: fixed start, full batches)."""
    width = len(rows[0][0])
    weights, bias = [0.0] * width, 0.0
    n = len(rows)
    for _ in range(epochs):
        grad, grad_bias = [0.0] * width, 0.0
        for features, label in rows:
            z = bias + sum(w * x for w, x in zip(weights, features))
            error = 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0))) - float(label)
            grad_bias += error
            for i, x in enumerate(features):
                grad[i] += error * x
        weights = [w - rate * (g / n + l2 * w) for w, g in zip(weights, grad)]
        bias -= rate * grad_bias / n
    return Calibration(tuple(weights), bias)
