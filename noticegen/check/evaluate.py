"""Measure the checker on a labelled folder (the ../shared/eval-dev format)."""
from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DataError
from .coverage import COVERED, NEGATED
from .runner import Checker
from .status import ReadStatus, Verdict
from ..i18n import _

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
    figure_total: int = 0
    figure_correct: int = 0
    figure_extra: int = 0
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
            _("addressed vs missing: precision {precision:.3f}, recall {recall:.3f}, F1 {f1:.3f} "
              "(tp {tp}, fp {fp}, fn {fn}, tn {tn})").format(
                precision=self.precision, recall=self.recall, f1=self.f1,
                tp=self.tp, fp=self.fp, fn=self.fn, tn=self.tn),
            _("hard negatives accepted: {accepted}/{total} ({share:.1%})").format(
                accepted=self.hard_accepted, total=self.hard_total,
                share=self.hard_accepted / max(self.hard_total, 1)),
            _("negation recall: {found}/{total} ({share:.2f})").format(
                found=self.negated_found, total=self.negated_total,
                share=self.negated_found / max(self.negated_total, 1)),
            _("commitment verdicts: {correct}/{total} correct ({share:.1%}), {extra} reported that "
              "are not labelled").format(correct=self.figure_correct, total=self.figure_total,
                                     share=self.figure_correct / max(self.figure_total, 1),
                                     extra=self.figure_extra),
        ]


MAX_LABELS_BYTES = 16 * 1024 * 1024


def _check_labels(labels, path: Path) -> None:
    """Refuse a labels.json whose structure is not the eval-dev one, naming what is wrong."""
    def wrong(what: str) -> DataError:
        return DataError(_("labels.json: {what}").format(what=what), path=path,
                         hint=_("each summary needs “file” (a name in this folder) and “labels” "
                                "(clause id → covered/negated/missing), as in ../shared/eval-dev"))
    if not isinstance(labels, dict) or not isinstance(labels.get("summaries"), list):
        raise wrong(_("no “summaries” list"))
    for number, summary in enumerate(labels["summaries"], start=1):
        if not isinstance(summary, dict) or not isinstance(summary.get("file"), str) \
                or not isinstance(summary.get("labels"), dict):
            raise wrong(_("summary {number} has no “file” name or no “labels”").format(
                number=number))
        name = Path(summary["file"])
        if name.is_absolute() or ".." in name.parts:
            raise wrong(_("summary {number}: “{file}” is not a file in this folder").format(
                number=number, file=summary['file']))
        for key in ("hard_negatives", "figures", "metrics"):
            entries = summary.get(key, [])
            if not isinstance(entries, list) or not all(
                    isinstance(e, dict) and ("id" in e if key == "hard_negatives"
                                             else {"row", "meets_standard"} <= e.keys())
                    for e in entries):
                raise wrong(_("summary {number}: “{key}” is not a list of the expected "
                              "entries").format(
                    number=number, key=key))


def labelled_figures_of(summary: dict) -> list:
    """A labelled summary's commitment figures: ``figures``, or ``metrics`` as eval-dev names
    them."""
    return summary.get("figures", summary.get("metrics", []))


def evaluate(checker: Checker, folder: Path) -> Evaluation:
    labels_path = Path(folder) / "labels.json"
    try:
        with labels_path.open("rb") as handle:  # with a limit: it could be /dev/zero
            data = handle.read(MAX_LABELS_BYTES + 1)
        if len(data) > MAX_LABELS_BYTES:
            raise ValueError(_("larger than {size} MB").format(size=MAX_LABELS_BYTES // 2**20))
        labels = json.loads(data.decode("utf-8"))
    except (OSError, ValueError) as exc:
        raise DataError(_("cannot read the labels: {reason}").format(reason=exc), path=labels_path,
                        hint=_("the folder needs a labels.json as in ../shared/eval-dev")) from None
    _check_labels(labels, labels_path)
    result = Evaluation()
    if not checker.all_clauses:            # labels cover every clause: judge them all,
        checker = copy.copy(checker)       # without changing the caller's checker
        checker.all_clauses = True
    for summary in labels["summaries"]:
        checked = checker.check_file(Path(folder) / summary["file"])
        if checked.status != ReadStatus.OK:
            result.errors.append(f"{summary['file']}: {checked.error}")
            continue
        verdicts = {c.id: c for c in checked.clauses}
        for clause_id, truth in summary["labels"].items():
            predicted = verdicts[clause_id].status if clause_id in verdicts else Verdict.MISSING
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
                result.errors.append(_("{file} {clause_id}: labelled {truth}, found {predicted} "
                                       "({evidence})").format(
                    file=summary['file'], clause_id=clause_id, truth=truth, predicted=predicted,
                    evidence=(evidence or '')[:60]))
        for negative in summary.get("hard_negatives", []):
            result.hard_total += 1
            result.hard_accepted += verdicts.get(negative["id"]) is not None and \
                verdicts[negative["id"]].status in ADDRESSED
        found = {m.row: m for m in checked.figures}
        labelled_figures = labelled_figures_of(summary)
        labelled = {m["row"] for m in labelled_figures}
        for metric in labelled_figures:
            result.figure_total += 1
            got = found.get(metric["row"])
            if got is not None and got.meets_standard == metric["meets_standard"]:
                result.figure_correct += 1
            else:
                result.errors.append(_("{file} row {row}: labelled {truth}, found {found}").format(
                    file=summary['file'], row=metric['row'], truth=metric['meets_standard'],
                    found=_("nothing") if got is None else got.meets_standard))
        result.figure_extra += len(set(found) - labelled)
        for row in sorted(set(found) - labelled):
            result.errors.append(_("{file} row {row}: found but not labelled ({sentence})").format(
                file=summary['file'], row=row, sentence=found[row].sentence.original[:50]))
    return result
