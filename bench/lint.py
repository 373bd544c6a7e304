"""Benchmark `noticegen lint`: copies of the example's built notice, linted one after another.

    python bench/lint.py [--files 200]

Prints the time per file (wall and CPU) beside the parse floor: opening the .docx and
parsing word/document.xml with lxml, which every lint must do at least.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from noticegen.wordxml.archive import Members  # noqa: E402
from noticegen.lint.runner import lint_file  # noqa: E402
from noticegen.render.build import build_many  # noqa: E402
from noticegen.safezip import parse_xml  # noqa: E402

EXAMPLE = ROOT / "examples" / "mengdian-2006" / "campaign.yaml"


def _timed(paths: list[Path], work) -> tuple[float, float]:
    """(wall, CPU) milliseconds per file."""
    wall, cpu = time.perf_counter(), time.process_time()
    for path in paths:
        work(path)
    return ((time.perf_counter() - wall) * 1000 / len(paths),
            (time.process_time() - cpu) * 1000 / len(paths))


def floor(path: Path) -> None:
    parse_xml(Members(path)["word/document.xml"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        [outcome] = list(build_many([EXAMPLE], tmp / "out"))
        if outcome.error:
            raise SystemExit(f"build failed: {outcome.error}")
        notice = outcome.result.folder / "通知.docx"
        paths = []
        for i in range(args.files):
            paths.append(tmp / f"copy{i:03d}.docx")
            shutil.copyfile(notice, paths[-1])
        findings = sum(len(lint_file(path)) for path in paths[:1])
        lint_wall, lint_cpu = _timed(paths, lint_file)
        floor_wall, floor_cpu = _timed(paths, floor)
        print(f"lint {args.files} copies of the built notice ({notice.stat().st_size // 1024} KiB, "
              f"{findings} findings): {lint_wall:.2f} ms a file wall, {lint_cpu:.2f} ms CPU")
        print(f"parse floor (unzip + parse document.xml): {floor_wall:.2f} ms a file wall, {floor_cpu:.2f} ms CPU")


if __name__ == "__main__":
    main()
