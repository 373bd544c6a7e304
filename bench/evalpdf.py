"""Labelled PDF summaries for the benchmarks: the ../shared/eval-dev summaries set in Word
(三号 serif, as units write them), printed to PDF by LibreOffice, and scans of those PDFs.

A scan is each page rasterised by pdftoppm at 150, 200 or 300 dpi, two in three with a red stamp
over the signature and date, half with one on the first page's text, most turned by 0.4–1.2°,
put back into an image-only PDF.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL_DEV = ROOT.parent / "shared" / "eval-dev"
FONT = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"


def labels() -> dict:
    return json.loads((EVAL_DEV / "labels.json").read_text(encoding="utf-8"))


def original(summary: dict) -> str:
    return (EVAL_DEV / summary["file"]).read_bytes().decode(summary["encoding"])


def write_labels(folder: Path, suffix: str) -> None:
    data = labels()
    for summary in data["summaries"]:
        summary["file"] = Path(summary["file"]).with_suffix(suffix).name
    (folder / "labels.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def text_pdfs(folder: Path, size: int = 16) -> list[Path]:
    """One text PDF per labelled summary in ``folder`` (with a labels.json naming them),
    set in ``size`` points (16: 三号, as the 公文 standard has it)."""
    import docx
    from docx.oxml.ns import qn
    from docx.shared import Pt
    folder.mkdir(parents=True, exist_ok=True)
    sources = []
    with tempfile.TemporaryDirectory() as tmp:
        for summary in labels()["summaries"]:
            document = docx.Document()
            style = document.styles["Normal"]
            style.font.size = Pt(size)
            style.font.name = "Noto Serif CJK SC"
            style.element.rPr.rFonts.set(qn("w:eastAsia"), "Noto Serif CJK SC")
            for line in original(summary).splitlines():
                paragraph = document.add_paragraph(line.strip())
                paragraph.paragraph_format.first_line_indent = Pt(2 * size)
            path = Path(tmp) / Path(summary["file"]).with_suffix(".docx").name
            document.save(path)
            sources.append(path)
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless",
                        "--convert-to", "pdf", "--outdir", str(folder), *map(str, sources)],
                       check=True, capture_output=True, timeout=600)
    write_labels(folder, ".pdf")
    return sorted(folder.glob("*.pdf"))


def _stamp(image, index: int, over_end: bool = False):
    """A red round seal with the unit's name: on the text of the page, or over the last lines
    (the signature and date) where units put it."""
    from PIL import ImageDraw, ImageFont, ImageOps
    draw = ImageDraw.Draw(image, "RGBA")
    w, h = image.size
    r = int(w * 0.12)
    if over_end:
        ink = ImageOps.invert(image.convert("L"))
        bottom = ink.getbbox()[3]
        left, _, right, _ = ink.crop((0, bottom - r, w, bottom)).getbbox()
        cx, cy = (left + right) // 2, bottom - r // 2
    else:
        cx, cy = int(w * 0.68), int(h * (0.55 + 0.1 * (index % 3)))
    red = (220, 30, 30, 170)
    draw.ellipse([cx - r, cy - r, cx + r, cy + r], outline=red, width=max(3, r // 18))
    font = ImageFont.truetype(FONT, size=max(12, r // 4))
    draw.text((cx, cy), "××供电局\n办公室", fill=red, font=font, anchor="mm", align="center")
    return image


def scan_pdfs(text_folder: Path, folder: Path) -> list[Path]:
    """Image-only PDFs of the text PDFs in ``text_folder``: various dpi, stamps, rotation."""
    from PIL import Image
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for index, pdf in enumerate(sorted(text_folder.glob("*.pdf"))):
        dpi = (150, 200, 300)[index % 3]
        angle = (0.0, 0.7, -1.2, 0.4)[index % 4]
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(["pdftoppm", "-r", str(dpi), "-gray" if index % 5 == 4 else "-png",
                            str(pdf), f"{tmp}/p"], check=True)
            pages = []
            pages_files = sorted(Path(tmp).glob("p*"))
            for number, page_file in enumerate(pages_files):
                page = Image.open(page_file).convert("RGB")
                if index % 2 == 0 and number == 0:
                    page = _stamp(page, index)
                if index % 3 != 1 and number == len(pages_files) - 1:
                    page = _stamp(page, index, over_end=True)
                if angle:
                    page = page.rotate(angle, resample=Image.BICUBIC, expand=False,
                                       fillcolor="white")
                pages.append(page)
            target = folder / pdf.name
            pages[0].save(target, save_all=True, append_images=pages[1:], resolution=dpi)
            made.append(target)
    write_labels(folder, ".pdf")
    return made


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/evalpdf")
    pdfs = text_pdfs(out / "text")
    scans = scan_pdfs(out / "text", out / "scan")
    print(f"{len(pdfs)} text PDFs in {out / 'text'}, {len(scans)} scans in {out / 'scan'}")
