"""Scanned summaries: pictures of pages (.jpg, .png, .tif, or PDF pages without text) read by
OCR, offline on the CPU.

Two engines: RapidOCR (PP-OCR models shipped in its wheel; ``pip install 'noticegen[ocr]'``),
preferred because it reads stamped and skewed scans far more accurately (bench/ocr.py), and
Tesseract with Debian's ``tesseract-ocr-chi-sim``. ``NOTICEGEN_OCR=rapidocr|tesseract`` picks one.
Locations say ``第2页（识别）``; a paragraph with a line the engine was unsure of says
``第2页（识别，可信度低）`` and carries the line in its note.
"""
from __future__ import annotations

import functools
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

from ..errors import ExtractionError
from ..i18n import N_, _
from .segment import Segment
from .lines import page_lines, paragraphs

DPI = 200                       # PDF pages are rasterised at this resolution
MAX_SIDE = 1024                 # RapidOCR finds lines on the page scaled down to this
THREADS = 1                     # per process: spinning threads cost more than they give on
                                # a busy machine, and batches run one process per core
LOW = {"rapidocr": 0.95, "tesseract": 0.60}   # line confidence below which text is doubtful
TIMEOUT = 120                   # seconds for one page
INSTALL_HINT = N_("install OCR (pip install 'noticegen[ocr]', or sudo apt-get install "
                  "tesseract-ocr tesseract-ocr-chi-sim), or ask the unit for the Word file")


@dataclass(frozen=True)
class Line:
    """One line of recognised text, its confidence (0–1) and its box."""

    text: str
    confidence: float
    top: float
    bottom: float
    left: float


def engine_name() -> Optional[str]:
    """The OCR engine to use, or None when none is installed."""
    wanted = os.environ.get("NOTICEGEN_OCR", "").strip().lower()
    for name in ([wanted] if wanted else ["rapidocr", "tesseract"]):
        if name == "rapidocr" and _has_rapidocr():
            return name
        if name == "tesseract" and _has_tesseract():
            return name
    return None


@functools.lru_cache(maxsize=None)
def _has_rapidocr() -> bool:
    import importlib.util
    return importlib.util.find_spec("rapidocr") is not None and \
        importlib.util.find_spec("onnxruntime") is not None


@functools.lru_cache(maxsize=None)
def _has_tesseract() -> bool:
    if not shutil.which("tesseract"):
        return False
    try:
        langs = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True,
                               timeout=20).stdout.split()
    except (OSError, subprocess.SubprocessError):
        return False
    return "chi_sim" in langs


_RAPID = None
BAND = 736          # RapidOCR scales a picture up to this least side: pad bands to it


def _rapid_engine():
    global _RAPID
    if _RAPID is None:
        import logging

        from rapidocr import RapidOCR
        logging.getLogger("RapidOCR").setLevel(logging.ERROR)
        _RAPID = RapidOCR(params={"Global.use_cls": False, "Global.max_side_len": MAX_SIDE,
                                  "Global.log_level": "error",
                                  "EngineConfig.onnxruntime.intra_op_num_threads": THREADS})
    return _RAPID


def _rapidocr(image: Path) -> list[Line]:
    import cv2
    picture = cv2.imread(str(image), cv2.IMREAD_COLOR)
    if picture is None:
        raise ValueError(_("the page picture cannot be read"))
    lines = _merge(_rapid_lines(_rapid_engine()(picture)))
    if any(line.confidence < LOW["rapidocr"] for line in lines) and \
            not (picture[:, :, 0] == picture[:, :, 2]).all():
        lines = _without_red(picture, lines)
    return lines


def _rapid_lines(result, dy: float = 0) -> list[Line]:
    if result.boxes is None:
        return []
    lines = []
    for text, score, box in zip(result.txts, result.scores, result.boxes):
        ys, xs = [p[1] + dy for p in box], [p[0] for p in box]
        lines.append(Line(text, float(score), min(ys), max(ys), min(xs)))
    return lines


def _without_red(picture, lines: list[Line]) -> list[Line]:
    """Doubtful lines read again without the red ink of a stamp over them: from the picture's
    red channel, in which red ink is nearly as light as the paper and black ink stays black. A line
    is replaced only when it reads with more confidence so (red text stays as it was read)."""
    import numpy as np
    red = picture[:, :, 2].copy()
    red[red > 160] = 255        # light red and the paper alike: white
    height, width = red.shape
    out = []
    for line in lines:
        if line.confidence >= LOW["rapidocr"]:
            out.append(line)
            continue
        pad = (line.bottom - line.top) / 3
        top, bottom = int(max(line.top - pad, 0)), int(min(line.bottom + pad, height))
        band = np.full((max(BAND, bottom - top), width, 3), 255, dtype=np.uint8)
        band[:bottom - top] = red[top:bottom, :, None]
        again = [piece for piece in _rapid_lines(_rapid_engine()(band), top)
                 if line.top <= (piece.top + piece.bottom) / 2 <= line.bottom
                 and piece.confidence >= 0.8]
        better = _merge(again)
        if len(better) == 1 and better[0].confidence > line.confidence:
            out.append(better[0])
        else:
            out.append(line)
    return out


def _tesseract(image: Path) -> list[Line]:
    proc = subprocess.run(["tesseract", str(image), "stdout", "-l", "chi_sim", "--psm", "3",
                           "tsv"], capture_output=True, text=True, timeout=TIMEOUT,
                          env=dict(os.environ, OMP_THREAD_LIMIT=os.environ.get(
                              "OMP_THREAD_LIMIT", "1")))
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr.strip()[:200])
    groups: dict[tuple, list[list[str]]] = {}
    for row in proc.stdout.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) == 12 and cells[0] == "5" and cells[11].strip():
            groups.setdefault(tuple(cells[2:5]), []).append(cells)
    lines = []
    for words in groups.values():
        text = ""
        for word in (w[11].strip() for w in words):
            if text and text[-1].isascii() and text[-1].isalnum() and word[0].isascii() \
                    and word[0].isalnum():
                text += " "
            text += word
        tops = [int(w[7]) for w in words]
        bottoms = [int(w[7]) + int(w[9]) for w in words]
        confidence = sum(max(float(w[10]), 0) for w in words) / len(words) / 100
        lines.append(Line(text, confidence, min(tops), max(bottoms), min(int(w[6]) for w in words)))
    return _merge(lines)


def _merge(lines: list[Line]) -> list[Line]:
    """Boxes on one visual line (split by a stamp or a gap) joined, lines top to bottom."""
    merged: list[list[Line]] = []
    for line in sorted(lines, key=lambda l: (l.top + l.bottom) / 2):
        middle = (line.top + line.bottom) / 2
        if merged:
            last = merged[-1]
            top, bottom = min(l.top for l in last), max(l.bottom for l in last)
            if top < middle < bottom:
                last.append(line)
                continue
        merged.append([line])
    out = []
    for group in merged:
        group.sort(key=lambda l: l.left)
        out.append(Line("".join(l.text for l in group), min(l.confidence for l in group),
                        min(l.top for l in group), max(l.bottom for l in group), group[0].left))
    return out


ENGINES: dict[str, Callable[[Path], list[Line]]] = {"rapidocr": _rapidocr,
                                                   "tesseract": _tesseract}


def recognise(image: Path, path: Path) -> tuple[list[Line], str]:
    """The lines of text in a picture file (``path`` names the summary in errors)."""
    name = engine_name()
    if name is None:
        raise ExtractionError(_("the file is a scan and no OCR engine is installed"), path=path,
                              hint=_(INSTALL_HINT))
    try:
        return ENGINES[name](image), name
    except subprocess.TimeoutExpired:
        raise ExtractionError(_("OCR took longer than {seconds} s on a page").format(
                                  seconds=TIMEOUT), path=path,
                              hint=_("ask the unit for the Word file")) from None
    except (RuntimeError, OSError, ValueError) as exc:
        raise ExtractionError(_("OCR failed ({reason})").format(reason=exc), path=path,
                              hint=_("ask the unit for the Word file")) from None


def segments(pages: list[tuple[int, list[Line]]], engine: str) -> list[Segment]:
    """Paragraph segments of recognised pages, located by the page they start on; a paragraph
    with a doubtful line is marked and the line quoted in its note."""
    lines = page_lines([(line.text, (page, line)) for line in page_lines_]
                       for page, page_lines_ in pages)
    found = []
    for text, members in paragraphs(lines):
        page = members[0][0]
        doubtful = [line for _, line in members if line.confidence < LOW[engine]]
        if doubtful:
            note = "识别可信度低：" + "；".join(f"“{l.text}”（{l.confidence:.2f}）" for l in doubtful)
            found.append(Segment(text, f"第{page}页（识别，可信度低）", note))
        else:
            found.append(Segment(text, f"第{page}页（识别）"))
    return found


def read_image(path: Path) -> list[Segment]:
    """A photo or scan: every frame of the picture (a .tif may hold several pages)."""
    try:
        from PIL import Image, ImageOps, UnidentifiedImageError
    except ImportError:
        raise ExtractionError(_("reading pictures needs Pillow and an OCR engine"), path=path,
                              hint=_(INSTALL_HINT)) from None
    pages: list[tuple[int, list[Line]]] = []
    engine = ""
    with tempfile.TemporaryDirectory(prefix="noticegen-ocr-") as tmp:
        try:
            with Image.open(path) as picture:
                frames = getattr(picture, "n_frames", 1)
                if frames > 500:
                    raise ExtractionError(_("{pages} pages, more than a summary has").format(
                                              pages=frames), path=path,
                                          hint=_("check it is the right file"))
                for number in range(frames):
                    picture.seek(number)
                    page = ImageOps.exif_transpose(picture).convert("RGB")
                    page_file = Path(tmp) / f"{number + 1}.ppm"   # quick to write and read
                    page.save(page_file)
                    lines, engine = recognise(page_file, path)
                    pages.append((number + 1, lines))
        except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
            raise ExtractionError(_("not a readable picture ({kind})").format(
                                      kind=type(exc).__name__), path=path,
                                  hint=_("open it in an image viewer and save it again")) from None
    found = segments(pages, engine)
    if not found:
        raise ExtractionError(_("no text recognised in the picture"), path=path,
                              hint=_("ask for a sharper scan or the Word file"))
    return found


def ocr_pdf_pages(path: Path, pages: list[int]) -> list[Segment]:
    """Recognised text of the given (1-based) pages of a PDF, rasterised with pdftoppm."""
    if engine_name() is None:
        raise ExtractionError(_("the PDF has no text layer (a scan?) and no OCR engine is "
                                "installed"), path=path, hint=_(INSTALL_HINT))
    if not shutil.which("pdftoppm"):
        raise ExtractionError(_("reading a scanned PDF needs pdftoppm"), path=path,
                              hint=_("sudo apt-get install poppler-utils"))
    done: list[tuple[int, list[Line]]] = []
    engine = ""
    with tempfile.TemporaryDirectory(prefix="noticegen-ocr-") as tmp:
        for page in pages:
            stem = Path(tmp) / f"p{page}"
            try:
                proc = subprocess.run(["pdftoppm", "-r", str(DPI), "-f", str(page), "-l",
                                       str(page), "-singlefile", str(path), str(stem)],
                                      capture_output=True, timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                raise ExtractionError(_("page {page} took too long to render").format(
                                          page=page), path=path,
                                      hint=_("ask the unit for the Word file")) from None
            image = stem.with_suffix(".ppm")
            if proc.returncode != 0 or not image.is_file():
                raise ExtractionError(_("page {page} cannot be rendered for OCR").format(
                                          page=page), path=path,
                                      hint=_("open it in a PDF reader and print it to PDF again"))
            lines, engine = recognise(image, path)
            done.append((page, lines))
            image.unlink()
    return segments(done, engine)
