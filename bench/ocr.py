"""Benchmark OCR of scanned summaries: RapidOCR against Tesseract (chi_sim).

    python bench/ocr.py [--engines rapidocr,tesseract] [--files 12] [--folder DIR]

The labelled ../shared/eval-dev summaries are set in Word, printed to PDF and scanned
(bench/evalpdf.py: pages rasterised at 150, 200 or 300 dpi, half with a red stamp, most turned
by 0.4–1.2°, put back into image-only PDFs). For each engine it prints
- the character error rate (edit distance over the original's length, whitespace ignored);
- the checker's F1 (addressed vs missing) on the scans, beside the F1 on the .txt originals,
  and how many clause and commitment verdicts equal those on the originals;
- seconds a page (median over files; wall and CPU) and the share of paragraphs marked doubtful.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from rapidfuzz.distance import Levenshtein  # noqa: E402

import evalpdf  # noqa: E402
from noticegen.campaign import load_valid_campaign  # noqa: E402
from noticegen.check.evaluate import evaluate  # noqa: E402
from noticegen.check.runner import Checker  # noqa: E402
from noticegen.extract import extract, ocr  # noqa: E402
from noticegen.extract.pdf import _pypdf  # noqa: E402
from pdf import compare, summary_verdicts, verdicts  # noqa: E402

EXAMPLE = ROOT / "examples" / "mengdian-2006" / "campaign.yaml"


def squeeze(text: str) -> str:
    return "".join(text.split())


def cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), \
        resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", default="rapidocr,tesseract")
    parser.add_argument("--files", type=int, default=12, help="how many summaries (of 12)")
    parser.add_argument("--folder", type=Path, help="reuse (or make) the PDFs here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = args.folder or Path(tmp)
        if not (base / "scan" / "labels.json").exists():
            evalpdf.text_pdfs(base / "text")
            evalpdf.scan_pdfs(base / "text", base / "scan")
        labels = evalpdf.labels()
        labels["summaries"] = labels["summaries"][:args.files]
        chosen = Path(tmp) / "chosen"
        chosen.mkdir()
        for summary in labels["summaries"]:
            name = Path(summary["file"]).with_suffix(".pdf").name
            shutil.copyfile(base / "scan" / name, chosen / name)
            summary["file"] = name
        (chosen / "labels.json").write_text(json.dumps(labels, ensure_ascii=False),
                                            encoding="utf-8")
        originals = {Path(s["file"]).stem: squeeze(evalpdf.original(s)) for s in
                     evalpdf.labels()["summaries"][:args.files]}
        pages = {p.stem: len(_pypdf(p)) for p in chosen.glob("*.pdf")}
        checker = Checker(load_valid_campaign(EXAMPLE), all_clauses=True)
        text_only = Path(tmp) / "txt"
        text_only.mkdir()
        for summary in evalpdf.labels()["summaries"][:args.files]:
            shutil.copyfile(evalpdf.EVAL_DEV / summary["file"], text_only / summary["file"])
        txt_labels = dict(labels, summaries=evalpdf.labels()["summaries"][:args.files])
        (text_only / "labels.json").write_text(json.dumps(txt_labels, ensure_ascii=False),
                                               encoding="utf-8")
        text_f1 = evaluate(checker, text_only).f1
        text_verdicts = verdicts(checker, evalpdf.EVAL_DEV, ".txt")
        print(f"{len(pages)} scanned summaries, {sum(pages.values())} pages; checker F1 on the "
              f".txt originals {text_f1:.3f}; {os.cpu_count()} cores")
        for engine in args.engines.split(","):
            os.environ["NOTICEGEN_OCR"] = engine
            if ocr.engine_name() != engine:
                print(f"{engine}: not installed")
                continue
            errors = chars = 0
            wall, busy, doubtful, paragraphs = [], [], 0, 0
            cache = {}
            for pdf in sorted(chosen.glob("*.pdf")):
                start, cpu0 = time.perf_counter(), cpu()
                segments = cache[pdf.name] = extract(pdf)
                wall.append((time.perf_counter() - start) / pages[pdf.stem])
                busy.append((cpu() - cpu0) / pages[pdf.stem])
                got = squeeze("".join(s.text for s in segments))
                errors += Levenshtein.distance(got, originals[pdf.stem])
                chars += len(originals[pdf.stem])
                paragraphs += len(segments)
                doubtful += sum("可信度低" in s.location for s in segments)
            checker.check_file = lambda path: checker.check_segments(cache[Path(path).name],
                                                                     Path(path))
            f1 = evaluate(checker, chosen).f1
            seen = verdicts_of(checker, chosen)
            ce, ct, fe, ft, de = compare({k: text_verdicts[k] for k in seen}, seen)
            print(f"{engine:9}: CER {errors / chars:.4f}; F1 {f1:.3f} (text {text_f1:.3f}, "
                  f"Δ {f1 - text_f1:+.3f}); same verdicts as the text: clauses {ce}/{ct}, "
                  f"figures {fe}/{ft}, signature dates {de}/{len(seen)}; "
                  f"{statistics.median(wall):.2f} s a page wall, "
                  f"{statistics.median(busy):.2f} s CPU (fastest file {min(wall):.2f} s a page; "
                  f"load average {os.getloadavg()[0]:.1f}); doubtful paragraphs "
                  f"{doubtful}/{paragraphs}")
            del checker.check_file


def verdicts_of(checker: Checker, folder: Path) -> dict:
    found = {}
    for pdf in sorted(folder.glob("*.pdf")):
        found[pdf.stem] = summary_verdicts(checker.check_file(pdf))
    return found


if __name__ == "__main__":
    main()
