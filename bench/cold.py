"""Benchmark start-up: each command's wall time from a cold process, against importing click.

    python bench/cold.py [--runs 9]

Every run starts ``python -c 'import click'`` (the floor: a click CLI cannot start
faster) and then each command, one after the other, so that each ratio is taken under
the same load; it prints the medians of the times and of the ratios.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "mengdian-2006"
CLI = "import sys; from noticegen.cli import main; sys.exit(main())"


def commands() -> dict[str, list[str]]:
    summary = next((EXAMPLE / "summaries").glob("*.txt"))
    return {
        "--help": ["--help"],
        "validate": ["validate", str(EXAMPLE / "campaign.yaml")],
        "check (one file)": ["check", str(EXAMPLE / "campaign.yaml"), str(summary),
                             "--format", "json"],
    }


def wall(argv: list[str]) -> float:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    start = time.perf_counter()
    subprocess.run(argv, env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    floor_argv = [sys.executable, "-c", "import click"]
    todo = {name: [sys.executable, "-c", CLI, *argv] for name, argv in commands().items()}
    for argv in [floor_argv, *todo.values()]:    # warm the file cache
        wall(argv)
    floors, times = [], {name: [] for name in todo}
    ratios = {name: [] for name in todo}
    for _ in range(args.runs):
        floor = wall(floor_argv)
        floors.append(floor)
        for name, argv in todo.items():
            seconds = wall(argv)
            times[name].append(seconds)
            ratios[name].append(seconds / floor)
    floor = statistics.median(floors)
    print(f"floor: python -c 'import click'  {floor * 1000:6.0f} ms  (median of {args.runs})")
    for name in todo:
        print(f"noticegen {name:<18} {statistics.median(times[name]) * 1000:6.0f} ms  "
              f"= {statistics.median(ratios[name]):.2f} × floor")


if __name__ == "__main__":
    main()
