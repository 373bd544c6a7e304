"""Benchmark `noticegen build`: the example package plus letters for 200 units.

    python bench/build.py [--units 200]

Prints the wall time of a full build (load, validate, render, write) and the rendering
time against the naive approach (load and render a fresh docxtpl template per document).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
import resource
from pathlib import Path

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from noticegen.campaign import check_campaign  # noqa: E402
from noticegen.render.build import build_many  # noqa: E402
from noticegen.render.context import letter_context, notice_context  # noqa: E402
from noticegen.render.docx import render_naive  # noqa: E402
from noticegen.render.package import TEMPLATE_FILES, TemplateSet, render_package  # noqa: E402
from noticegen.resources import template_dir  # noqa: E402


def synthetic_campaign(folder: Path, units: int) -> Path:
    """The example campaign with ``units`` extra units, all in every group."""
    yaml = YAML(typ="rt")
    data = yaml.load((ROOT / "examples" / "mengdian-2006" / "campaign.yaml").read_text("utf-8"))
    names = [f"第{i:03d}供电所" for i in range(1, units + 1)]
    for name in names:
        data["units"].append({"name": f"××电业局{name}", "short": name})
    for group in data["groups"]:
        data["groups"][group].extend(names)
    path = folder / "bench" / "campaign.yaml"
    path.parent.mkdir(parents=True)
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        source = synthetic_campaign(tmp, args.units)
        start = time.perf_counter()
        [outcome] = list(build_many([source], tmp / "out"))
        wall = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        if outcome.error:
            raise SystemExit(f"build failed: {outcome.error}")
        documents = len(outcome.result.written)
        print(f"full build: {documents} documents ({args.units + 10} units) in {wall:.2f} s wall, "
              f"peak RSS {peak:.0f} MiB")

        campaign = check_campaign(source)
        start = time.perf_counter()
        templates = TemplateSet()
        render_package(campaign, templates)
        compiled = time.perf_counter() - start

        start = time.perf_counter()
        context = notice_context(campaign)
        folder = template_dir()
        for key in ("notice", "roster", "rubric", "commitments"):
            render_naive(folder / TEMPLATE_FILES[key], context)
        for unit in campaign.units:
            if campaign.clauses_for_unit(unit):
                render_naive(folder / TEMPLATE_FILES["letter"], letter_context(campaign, unit, context))
        naive = time.perf_counter() - start
        print(f"rendering {documents} documents: compiled templates {compiled:.2f} s, "
              f"naive (fresh template per document) {naive:.2f} s, ratio {naive / compiled:.1f}×")


if __name__ == "__main__":
    main()
