"""Measure the checker on a labelled folder (the ../shared/eval-dev format)."""
from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DataError
from .coverage import COVERED, NEGATED
from .runner import Checker

ADDRESSED = {COVERED, NEGATED}


@dataclass
class Evaluation:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    hard_total: int = 0
    hard_accepted: int = 0
    negated_total: int = 0
    negated_found: int = 0
    metric_total: int = 0
    metric_correct: int = 0
    metric_extra: int = 0
    errors: list[str] = field(default_factory=list)   # per-clause disagreements, for reading

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def lines(self) -> list[str]:
        return [
            f"addressed vs missing: precision {self.precision:.3f}, recall {self.recall:.3f}, "
            f"F1 {self.f1:.3f} (tp {self.tp}, fp {self.fp}, fn {self.fn}, tn {self.tn})",
            f"hard negatives accepted: {self.hard_accepted}/{self.hard_total} "
            f"({self.hard_accepted / max(self.hard_total, 1):.1%})",
            f"negation recall: {self.negated_found}/{self.negated_total} "
            f"({self.negated_found / max(self.negated_total, 1):.2f})",
            f"commitment verdicts: {self.metric_correct}/{self.metric_total} correct "
            f"({self.metric_correct / max(self.metric_total, 1):.1%}), {self.metric_extra} reported "
            "that are not labelled",
        ]


MAX_LABELS_BYTES = 16 * 1024 * 1024


def _check_labels(labels, path: Path) -> None:
    """Refuse a labels.json whose structure is not the eval-dev one, naming what is wrong."""
    def wrong(what: str) -> DataError:
        return DataError(f"labels.json: {what}", path=path,
                         hint="each summary needs “file” (a name in this folder) and “labels” "
                              "(clause id → covered/negated/missing), as in ../shared/eval-dev")
    if not isinstance(labels, dict) or not isinstance(labels.get("summaries"), list):
        raise wrong("no “summaries” list")
    for number, summary in enumerate(labels["summaries"], start=1):
        if not isinstance(summary, dict) or not isinstance(summary.get("file"), str) \
                or not isinstance(summary.get("labels"), dict):
            raise wrong(f"summary {number} has no “file” name or no “labels”")
        name = Path(summary["file"])
        if name.is_absolute() or ".." in name.parts:
            raise wrong(f"summary {number}: “{summary['file']}” is not a file in this folder")
        for key in ("hard_negatives", "metrics"):
            entries = summary.get(key, [])
            if not isinstance(entries, list) or not all(
                    isinstance(e, dict) and ("id" in e if key == "hard_negatives"
                                             else {"row", "meets_standard"} <= e.keys())
                    for e in entries):
                raise wrong(f"summary {number}: “{key}” is not a list of the expected entries")


def evaluate(checker: Checker, folder: Path) -> Evaluation:
    labels_path = Path(folder) / "labels.json"
    try:
        with labels_path.open("rb") as handle:  # with a limit: it could be /dev/zero
            data = handle.read(MAX_LABELS_BYTES + 1)
        if len(data) > MAX_LABELS_BYTES:
            raise ValueError(f"larger than {MAX_LABELS_BYTES // 2**20} MB")
        labels = json.loads(data.decode("utf-8"))
    except (OSError, ValueError) as exc:
        raise DataError(f"cannot read the labels: {exc}", path=labels_path,
                        hint="the folder needs a labels.json as in ../shared/eval-dev") from None
    _check_labels(labels, labels_path)
    result = Evaluation()
    if not checker.all_clauses:            # labels cover every clause: judge them all,
        checker = copy.copy(checker)       # without changing the caller's checker
        checker.all_clauses = True
    for summary in labels["summaries"]:
        checked = checker.check_file(Path(folder) / summary["file"])
        if checked.status != "ok":
            result.errors.append(f"{summary['file']}: {checked.error}")
            continue
        verdicts = {c.id: c for c in checked.clauses}
        for clause_id, truth in summary["labels"].items():
            predicted = verdicts[clause_id].status if clause_id in verdicts else "missing"
            said, real = predicted in ADDRESSED, truth in ADDRESSED
            result.tp += said and real
            result.fp += said and not real
            result.fn += real and not said
            result.tn += not said and not real
            if truth == NEGATED:
                result.negated_total += 1
                result.negated_found += predicted == NEGATED
            if said != real or (truth == NEGATED) != (predicted == NEGATED):
                evidence = verdicts[clause_id].evidence if clause_id in verdicts else None
                result.errors.append(f"{summary['file']} {clause_id}: labelled {truth}, "
                                     f"found {predicted} ({(evidence or '')[:60]})")
        for negative in summary.get("hard_negatives", []):
            result.hard_total += 1
            result.hard_accepted += verdicts.get(negative["id"]) is not None and \
                verdicts[negative["id"]].status in ADDRESSED
        found = {m.row: m for m in checked.metrics}
        labelled = {m["row"] for m in summary.get("metrics", [])}
        for metric in summary.get("metrics", []):
            result.metric_total += 1
            got = found.get(metric["row"])
            if got is not None and got.meets_standard == metric["meets_standard"]:
                result.metric_correct += 1
            else:
                result.errors.append(f"{summary['file']} row {metric['row']}: labelled "
                                     f"{metric['meets_standard']}, found "
                                     f"{'nothing' if got is None else got.meets_standard}")
        result.metric_extra += len(set(found) - labelled)
        for row in sorted(set(found) - labelled):
            result.errors.append(f"{summary['file']} row {row}: found but not labelled "
                                 f"({found[row].sentence.original[:50]})")
    return result
