"""Benchmark `noticegen build`: the example package plus letters for many units.

    python bench/build.py [--units 200] [--runs 5]

Each run builds the package from scratch (load, validate, render, write) and then, in the
same process and under the same load, times making the documents in memory only, and
the two floors inside a document: running
the compiled templates alone (render floor) and zipping the finished parts alone (zip
floor, the static parts already deflated). It prints medians over the runs, per
document, with the floors beside the build time, and the naive approach (a fresh
docxtpl template per document) on a sample.
"""
from __future__ import annotations

import argparse
import io
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from docxtpl import DocxTemplate
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from noticegen.campaign import load_valid_campaign  # noqa: E402
from noticegen.render.build import build_many  # noqa: E402
from noticegen.render.context import letter_context, notice_context  # noqa: E402
from noticegen.render.package import (ATTACHMENT_FILES, TEMPLATE_FILES, TemplateSet,  # noqa: E402
                                      letter_names)
from noticegen.render.sandbox import environment  # noqa: E402
from noticegen.resources import template_dir  # noqa: E402
from noticegen.safezip import read_members  # noqa: E402
from noticegen.zipwrite import Deflated, zip_bytes  # noqa: E402

NAIVE_SAMPLE = 20


def render_naive(path: Path, context: dict) -> bytes:
    """Load and render a fresh template per document, as docxtpl does by default."""
    template = DocxTemplate(path)
    template.render(context, environment(), autoescape=True)
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


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


def jobs(campaign, templates: TemplateSet) -> list[tuple[str, object, dict]]:
    """(output path, template, context) for every document of the package."""
    context = notice_context(campaign)
    todo = [("通知.docx", templates["notice"], context)]
    todo += [(name, templates[key], context) for key, name in ATTACHMENT_FILES.items()]
    letters = letter_names(campaign)
    todo += [(letters[u.name], templates["letter"], letter_context(campaign, u, context))
             for u in campaign.units if u.name in letters]
    return todo


def in_memory(todo, campaign) -> float:
    """Seconds to make every document's bytes (render, fix-ups, zip), without loading or writing."""
    properties = dict(title=campaign.title, author=campaign.organ, date=campaign.date,
                      subject=campaign.name)
    start = time.perf_counter()
    for _, template, context in todo:
        template.render(context, properties=properties)
    return time.perf_counter() - start


def render_floor(todo) -> float:
    """Seconds to run the compiled templates of every document, nothing else."""
    start = time.perf_counter()
    for _, template, context in todo:
        for _head, compiled, _tail, _source in template._parts.values():
            compiled.render(context)
    return time.perf_counter() - start


def zip_floor(todo, folder: Path) -> float:
    """Seconds to zip every document's finished parts, static parts deflated already."""
    members = []
    for rel, template, _ in todo:
        parts = read_members(rel, (folder / rel).read_bytes())
        members.append({name: packed if isinstance(packed, Deflated) else parts[name]
                        for name, packed in template.packed.items()})
    start = time.perf_counter()
    for parts in members:
        zip_bytes(parts)
    return time.perf_counter() - start


def naive(todo) -> float:
    """Seconds per document with a fresh docxtpl template each time, on a sample."""
    folder = template_dir()
    sample = todo[:NAIVE_SAMPLE]
    start = time.perf_counter()
    for _, template, context in sample:
        render_naive(folder / template.name, context)
    return (time.perf_counter() - start) / len(sample)


def one_run(source: Path, out: Path, templates: TemplateSet) -> dict[str, float]:
    start = time.perf_counter()
    [outcome] = list(build_many([source], out))
    wall = time.perf_counter() - start
    if outcome.error:
        raise SystemExit(f"build failed: {outcome.error}")
    campaign = load_valid_campaign(source)
    todo = jobs(campaign, templates)
    count = len(todo)
    return {"documents": count, "build": wall / count, "memory": in_memory(todo, campaign) / count,
            "render": render_floor(todo) / count,
            "zip": zip_floor(todo, outcome.result.folder) / count, "naive": naive(todo)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        source = synthetic_campaign(tmp, args.units)
        templates = TemplateSet()
        runs = [one_run(source, tmp / f"out{i}", templates) for i in range(args.runs)]
    count = runs[0]["documents"]

    def median(key: str) -> float:
        return statistics.median(r[key] for r in runs)

    def ratio(key: str) -> float:
        return statistics.median(r["build"] / r[key] for r in runs)

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{count} documents ({args.units + 10} units), median of {args.runs} runs, "
          f"peak RSS {peak:.0f} MiB")
    print(f"full build    {median('build') * count:6.2f} s   {median('build') * 1000:5.2f} ms/document")
    print(f"in memory     {median('memory') * 1000:14.2f} ms/document  (build = {ratio('memory'):.1f}×; "
          "the rest is loading and writing files)")
    print(f"render floor  {median('render') * 1000:14.2f} ms/document  (build = {ratio('render'):.1f}×)")
    print(f"zip floor     {median('zip') * 1000:14.2f} ms/document  (build = {ratio('zip'):.1f}×)")
    both = statistics.median(r["build"] / (r["render"] + r["zip"]) for r in runs)
    print(f"both floors   {(median('render') + median('zip')) * 1000:14.2f} ms/document  "
          f"(build = {both:.1f}×)")
    print(f"naive docxtpl {median('naive') * 1000:14.2f} ms/document  (build = "
          f"{statistics.median(r['build'] / r['naive'] for r in runs):.2f}×, "
          f"sample of {NAIVE_SAMPLE})")


if __name__ == "__main__":
    main()
