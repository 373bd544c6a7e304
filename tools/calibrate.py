"""Fit the general matcher's calibration on labelled sets; report leave-one-rubric-out figures.

Usage: python tools/calibrate.py CAMPAIGN:FOLDER ... [--write]

Each argument is a labelled folder (labels.json as in README “Labelled sets”) with its
campaign file. For every rubric in turn, the model is fitted on the other rubrics and
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

THRESHOLDS = [round(0.25 + 0.025 * i, 3) for i in range(19)]


def general_checker(campaign: Path, calibration: Calibration | None = None) -> Checker:
    return Checker(load_valid_campaign(campaign), all_clauses=True, cue_phrases=False,
                   calibration=calibration)


def rows_of(checker: Checker, folder: Path) -> list[tuple[list[float], bool]]:
    """(features of each clause's best match, whether the label says it is addressed)."""
    from noticegen.check.general import NO_MATCH
    rules, general = checker.rules, checker.rules.general
    labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    rows = []
    for summary in labels["summaries"]:
        sentences = split_sentences(extract(folder / summary["file"]), rules.plan_section,
                                    rules.problem_section)
        figures = find_figures(checker.campaign, sentences, rules)
        matches = checker.judges.general.places(Text(sentences), figures)
        for clause_id, truth in summary["labels"].items():
            if general.profiles[general.index[clause_id]].commitments and figures:
                continue                      # judged by the figures
            match = matches.get(general.index[clause_id]) or NO_MATCH
            rows.append((match.features(), truth in ADDRESSED))
    return rows


def best_threshold(model: Calibration, rows) -> float:
    def f1(t):
        tp = sum(1 for x, y in rows if y and model.probability(x) >= t)
        fp = sum(1 for x, y in rows if not y and model.probability(x) >= t)
        fn = sum(1 for x, y in rows if y and model.probability(x) < t)
        return 2 * tp / max(2 * tp + fp + fn, 1)
    return max(THRESHOLDS, key=f1)


def fitted(rows, names) -> Calibration:
    model = fit(rows)
    covered_at = best_threshold(model, rows)
    return Calibration(model.weights, model.bias, covered_at, round(covered_at * 0.7, 3), tuple(names))


def main(args: list[str]) -> None:
    write = "--write" in args
    sets = [tuple(a.split(":", 1)) for a in args if a != "--write"]
    checkers = {folder: general_checker(Path(campaign)) for campaign, folder in sets}
    rows = {folder: rows_of(checkers[folder], Path(folder)) for _, folder in sets}
    for _, held_out in sets:
        training = [r for folder, rs in rows.items() if folder != held_out for r in rs]
        model = fitted(training, [f for f in rows if f != held_out])
        campaign = next(c for c, f in sets if f == held_out)
        result = evaluate(general_checker(Path(campaign), model), Path(held_out))
        print(f"{Path(held_out).name} (held out; fitted on the others): " + "; ".join(result.lines()[:3]))
    if write:
        model = fitted([r for rs in rows.values() for r in rs], [Path(f).name for f in rows])
        (ROOT / "corpora" / "calibration.json").write_text(model.to_json(), encoding="utf-8")
        print("written corpora/calibration.json:", model.to_json().replace("\n", " "))


if __name__ == "__main__":
    main(sys.argv[1:])
