"""Benchmark `noticegen check`: many summaries of about 10,000 characters, and one cold run.

    python bench/check.py [--files 1000] [--chars 10000] [--jobs 2]

Summaries are made by shuffling the sentences of the labelled development summaries
(tests/data/eval-dev, or eval-dev2 with --general) with a fixed seed, so every run checks the same text.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from noticegen.campaign import load_valid_campaign  # noqa: E402
from noticegen.check.runner import Checker, check_summaries  # noqa: E402

EXAMPLE = ROOT / "examples" / "mengdian-2006" / "campaign.yaml"
EVAL_DEV = ROOT / "tests" / "data" / "eval-dev"
EVAL_DEV2 = ROOT / "tests" / "data" / "eval-dev2"


def sentences(folder: Path) -> list[str]:
    labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    found = []
    for summary in labels["summaries"]:
        text = (folder / summary["file"]).read_bytes().decode(summary["encoding"])
        found += [s for s in re.split(r"(?<=[。；！？])|\n", text) if len(s.strip()) > 4]
    return found


def make_summaries(folder: Path, count: int, chars: int, source: Path) -> list[Path]:
    pool, rng, files = sentences(source), random.Random(20061118), []
    for n in range(count):
        parts, size = ["××电业局城区供电营业所\n自查自评总结\n"], 0
        while size < chars:
            sentence = rng.choice(pool)
            parts.append(sentence)
            size += len(sentence)
        parts.append("\n××电业局城区供电营业所\n2006年11月15日\n")
        path = folder / f"summary-{n:04d}.txt"
        path.write_text("".join(parts), encoding="utf-8")
        files.append(path)
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--chars", type=int, default=10000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--general", action="store_true",
                        help="the eval-dev2 rubric, judged by the general matcher alone")
    args = parser.parse_args()
    campaign, source = (EVAL_DEV2 / "campaign.yaml", EVAL_DEV2) if args.general else (EXAMPLE, EVAL_DEV)
    with tempfile.TemporaryDirectory() as tmp:
        files = make_summaries(Path(tmp), args.files, args.chars, source)
        total = sum(len(p.read_text(encoding="utf-8")) for p in files)
        start, cpu = time.perf_counter(), os.times()
        checker = Checker(load_valid_campaign(campaign))
        results = list(check_summaries(checker, files, workers=args.jobs))
        wall = time.perf_counter() - start
        after = os.times()
        used = (after.user - cpu.user + after.children_user - cpu.children_user)
        assert len(results) == len(files) and all(r.status == "ok" for r in results)
        print(f"batch: {len(files)} summaries, {total / 1e6:.1f} M characters, {args.jobs} processes: "
              f"{wall:.2f} s wall, {len(files) / wall:.0f} summaries/s, CPU {used:.1f} s "
              f"({used / wall:.1f} cores busy)")
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"peak RSS of a worker process: {peak:.0f} MiB")
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "noticegen.cli", "check", str(campaign),
                               str(files[0]), "--format", "json"], capture_output=True, cwd=ROOT)
        cold = time.perf_counter() - start
        print(f"cold `noticegen check` of one file: {cold:.2f} s wall (exit {proc.returncode})")


if __name__ == "__main__":
    main()
