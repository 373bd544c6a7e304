"""Fit the general matcher's calibration on labelled sets; report leave-one-rubric-out figures.

Usage: python tools/calibrate.py CAMPAIGN:FOLDER ... [--write]

Each argument is a labelled folder (labels.json as in README “Labelled sets”) with its
campaign file. For every rubric in turn (folders naming the same campaign file are one
rubric), the model is fitted on the other rubrics and
measured on it (the general matcher alone, cue phrases off): those are the figures to quote
for a rubric nobody tuned on. With --write the model fitted on all of them is written to
corpora/calibration.json.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import json  # noqa: E402

from noticegen.campaign import load_valid_campaign  # noqa: E402
from noticegen.check.calibration import Calibration, fit  # noqa: E402
from noticegen.check.coverage import Text  # noqa: E402
from noticegen.check.evaluate import ADDRESSED, evaluate  # noqa: E402
from noticegen.check.figures import find_figures  # noqa: E402
from noticegen.check.runner import Checker  # noqa: E402
from noticegen.check.sentences import split_sentences  # noqa: E402
from noticegen.extract import extract  # noqa: E402

THRESHOLDS = [round(0.25 + 0.025 * i, 3) for i in range(23)]
HARD_NEGATIVE_COST = 0.2


def general_checker(campaign: Path, calibration: Calibration | None = None) -> Checker:
    return Checker(load_valid_campaign(campaign), all_clauses=True, cue_phrases=False,
                   calibration=calibration)


def rows_of(checker: Checker, folder: Path) -> list[tuple[list[float], bool, bool]]:
    """(features of each clause's best match, whether the label says it is addressed,
    whether the summary holds a hard negative for it)."""
    from noticegen.check.general import NO_MATCH
    rules, general = checker.rules, checker.rules.general
    labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    clauses = {clause.id: clause for clause in checker.campaign.rubric.clauses()}
    rows = []
    for summary in labels["summaries"]:
        sentences = split_sentences(extract(folder / summary["file"]), rules.plan_section,
                                    rules.problem_section)
        figures = find_figures(checker.campaign, sentences, rules)
        matches = checker.judges.general.places(Text(sentences))
        hard = {negative["id"] for negative in summary.get("hard_negatives", [])}
        for clause_id, truth in summary["labels"].items():
            if general.profiles[general.index[clause_id]].commitments and figures:
                continue                      # judged by the figures
            match = matches.get(general.index[clause_id]) or NO_MATCH
            features = checker.judges.general.features(clauses[clause_id], match, sentences)
            rows.append((features, truth in ADDRESSED, clause_id in hard))
    return rows


def best_threshold(model: Calibration, rows) -> float:
    """The threshold with the best F1, less HARD_NEGATIVE_COST for each hard negative
    accepted (a share): a clause credited for its words in another context misleads more
    than one overlooked."""
    scored = [(model.probability(x), y, hard) for x, y, hard in rows]
    hard_total = max(sum(1 for _, _, hard in scored if hard), 1)

    def value(t):
        tp = sum(1 for p, y, _ in scored if y and p >= t)
        fp = sum(1 for p, y, _ in scored if not y and p >= t)
        fn = sum(1 for p, y, _ in scored if y and p < t)
        accepted = sum(1 for p, _, hard in scored if hard and p >= t)
        return 2 * tp / max(2 * tp + fp + fn, 1) - HARD_NEGATIVE_COST * accepted / hard_total
    return max(THRESHOLDS, key=value)


def fitted(rows, names) -> Calibration:
    model = fit([(x, y) for x, y, _ in rows])
    covered_at = best_threshold(model, rows)
    return Calibration(model.weights, model.bias, covered_at, round(covered_at * 0.7, 3), tuple(names))


def main(args: list[str]) -> None:
    write = "--write" in args
    sets = [tuple(a.split(":", 1)) for a in args if a != "--write"]
    checkers = {folder: general_checker(Path(campaign)) for campaign, folder in sets}
    rows = {folder: rows_of(checkers[folder], Path(folder)) for _, folder in sets}
    for campaign, held_out in sets:       # folders of the same rubric are held out together
        training = [r for c, folder in sets if c != campaign for r in rows[folder]]
        model = fitted(training, [Path(f).name for c, f in sets if c != campaign])
        result = evaluate(general_checker(Path(campaign), model), Path(held_out))
        print(f"{Path(held_out).name} (held out; fitted on the other rubrics): "
              + "; ".join(result.lines()[:3]))
    if write:
        model = fitted([r for rs in rows.values() for r in rs], [Path(f).name for f in rows])
        (ROOT / "corpora" / "calibration.json").write_text(model.to_json(), encoding="utf-8")
        print("written corpora/calibration.json:", model.to_json().replace("\n", " "))


if __name__ == "__main__":
    main(sys.argv[1:])
