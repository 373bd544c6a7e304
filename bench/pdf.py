"""Benchmark PDF summaries: poppler's pdftotext against pypdf.

    python bench/pdf.py [--files 100] [--jobs 2] [--folder DIR]

Makes the labelled ../shared/eval-dev summaries into text PDFs (bench/evalpdf.py), then
- compares every clause verdict and commitment verdict of the PDFs read by pdftotext, by
  pypdf and of the original .txt files, with the checker's F1 for each;
- times extraction per file (median of 5 runs over the 12 files) and a `check` of
  ``--files`` PDFs (copies of the 12) with each reader (median of 3).
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import evalpdf  # noqa: E402
from noticegen.campaign import load_valid_campaign  # noqa: E402
from noticegen.check.evaluate import evaluate  # noqa: E402
from noticegen.check.runner import Checker, check_summaries  # noqa: E402
from noticegen.extract import extract, pdf  # noqa: E402

EXAMPLE = ROOT / "examples" / "mengdian-2006" / "campaign.yaml"
POPPLER = pdf._pdftotext


def use(reader: str) -> None:
    """Read PDFs with ``pdftotext`` or with ``pypdf`` (as where poppler is missing)."""
    pdf._pdftotext = POPPLER if reader == "pdftotext" else (lambda path: None)


def verdicts(checker: Checker, folder: Path, suffix: str) -> dict:
    found = {}
    for summary in evalpdf.labels()["summaries"]:
        name = Path(summary["file"]).with_suffix(suffix).name
        result = checker.check_file(folder / name)
        found[Path(name).stem] = summary_verdicts(result)
    return found


def summary_verdicts(result) -> tuple[dict, dict, object]:
    """Clause statuses, commitment verdicts and the date read under the signature."""
    return ({c.id: c.status for c in result.clauses},
            {m.row: m.meets_standard for m in result.figures},
            result.deadline.date if result.deadline else None)


def compare(a: dict, b: dict) -> tuple[int, int, int, int, int]:
    """(clause verdicts equal, clause verdicts, figure verdicts equal, figure verdicts,
    signature dates equal)."""
    ce = ct = fe = ft = de = 0
    for stem in a:
        de += a[stem][2] == b[stem][2]
        for cid in a[stem][0]:
            ct += 1
            ce += a[stem][0][cid] == b[stem][0].get(cid)
        for row in set(a[stem][1]) | set(b[stem][1]):
            ft += 1
            fe += a[stem][1].get(row) == b[stem][1].get(row)
    return ce, ct, fe, ft, de


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--folder", type=Path, help="reuse (or make) the text PDFs here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.folder or Path(tmp) / "text"
        if not (folder / "labels.json").exists():
            evalpdf.text_pdfs(folder)
        pdfs = sorted(folder.glob("*.pdf"))
        pages = sum(len(pdf._pypdf(p)) for p in pdfs)
        checker = Checker(load_valid_campaign(EXAMPLE), all_clauses=True)
        text = verdicts(checker, evalpdf.EVAL_DEV, ".txt")
        print(f"text originals: F1 {evaluate(checker, evalpdf.EVAL_DEV).f1:.3f}")
        small = Path(tmp) / "small"
        evalpdf.text_pdfs(small, size=12)
        for label, where in ((f"16 pt, {pages} pages", folder), ("12 pt", small)):
            print(f"{len(pdfs)} labelled PDF summaries set in {label}:")
            seen = {}
            for reader in ("pdftotext", "pypdf"):
                use(reader)
                seen[reader] = verdicts(checker, where, ".pdf")
                f1 = evaluate(checker, where).f1
                ce, ct, fe, ft, de = compare(text, seen[reader])
                print(f"  {reader:9}: F1 {f1:.3f}; same as the .txt originals: clauses {ce}/{ct}, "
                      f"figures {fe}/{ft}, dates {de}/{len(text)}")
            ce, ct, fe, ft, de = compare(seen["pdftotext"], seen["pypdf"])
            print(f"  pdftotext vs pypdf: clauses {ce}/{ct} equal, figures {fe}/{ft}, "
                  f"dates {de}/{len(text)}")
        many = Path(tmp) / "many"
        many.mkdir()
        files = []
        for n in range(args.files):
            files.append(many / f"summary-{n:03d}.pdf")
            shutil.copyfile(pdfs[n % len(pdfs)], files[-1])
        for reader in ("pdftotext", "pypdf"):
            use(reader)
            runs = []
            for _ in range(5):
                start = time.perf_counter()
                for p in pdfs:
                    extract(p)
                runs.append((time.perf_counter() - start) / len(pdfs))
            per_file = statistics.median(runs)
            walls = []
            for _ in range(3):
                start = time.perf_counter()
                results = list(check_summaries(EXAMPLE, files, workers=args.jobs))
                walls.append(time.perf_counter() - start)
                assert all(r.status == "ok" for r in results)
            print(f"{reader:9}: extract {per_file * 1000:.1f} ms a file "
                  f"({per_file / (pages / len(pdfs)) * 1000:.1f} ms a page); check of "
                  f"{len(files)} PDFs with {args.jobs} processes {statistics.median(walls):.2f} s "
                  f"(median of 3; load average {os.getloadavg()[0]:.1f})")
        use("pdftotext")


if __name__ == "__main__":
    main()
