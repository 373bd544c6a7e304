"""Scans and photos read by OCR: pictures of text drawn with Pillow and a Noto CJK font."""
from __future__ import annotations

import glob

import pytest

from noticegen.errors import ExtractionError
from noticegen.extract import extract, ocr

PIL = pytest.importorskip("PIL")
from PIL import Image, ImageDraw, ImageFont  # noqa: E402

FONTS = sorted(glob.glob("/usr/share/fonts/**/NotoSansCJK-Regular.ttc", recursive=True)
               + glob.glob("/usr/share/fonts/**/NotoSerifCJK-Regular.ttc", recursive=True))
needs_font = pytest.mark.skipif(not FONTS, reason="fonts-noto-cjk not installed")
needs_ocr = pytest.mark.skipif(ocr.engine_name() is None, reason="no OCR engine installed")
LINES = ["二、规范服务行为", "营业厅设立行风监督员86名，", "城区供电可靠率达到99.93%。"]


def page(lines=LINES, angle: float = 0.0, stamp: bool = False) -> Image.Image:
    image = Image.new("RGB", (1000, 110 + 90 * len(lines)), "white")
    draw = ImageDraw.Draw(image, "RGBA")
    font = ImageFont.truetype(FONTS[0], 40)
    for n, line in enumerate(lines):
        draw.text((60, 60 + 90 * n), line, fill="black", font=font)
    if stamp:
        draw.ellipse([560, 40, 800, 280], outline=(220, 30, 30, 170), width=8)
    return image.rotate(angle, expand=True, fillcolor="white") if angle else image


def joined(segments) -> str:
    return "".join(s.text for s in segments).replace(" ", "")


@needs_font
@needs_ocr
@pytest.mark.parametrize("suffix, angle, stamp", [(".png", 0, False), (".jpg", 1.0, True)])
def test_picture_read_by_ocr(tmp_path, suffix, angle, stamp):
    path = tmp_path / f"scan{suffix}"
    page(angle=angle, stamp=stamp).save(path)
    segments = extract(path)
    assert "行风监督员86名" in joined(segments)
    assert "可靠率达到99.93%" in joined(segments)
    assert {s.location.split("（")[0] for s in segments} == {"第1页"}
    assert all(s.location.startswith("第1页（识别") for s in segments)


@needs_font
@needs_ocr
def test_multipage_tif_and_scanned_pdf(tmp_path):
    first, second = page(LINES[:2]), page(LINES[2:] + ["第二页的内容。"])
    first.save(tmp_path / "scan.tif", save_all=True, append_images=[second])
    first.save(tmp_path / "scan.pdf", save_all=True, append_images=[second], resolution=150)
    for name in ("scan.tif", "scan.pdf"):
        segments = extract(tmp_path / name)
        assert segments[0].location.startswith("第1页（识别")
        assert segments[-1].location.startswith("第2页（识别")
        assert "第二页的内容" in segments[-1].text


@needs_font
@pytest.mark.skipif(not ocr._has_tesseract(), reason="tesseract chi_sim not installed")
def test_tesseract_engine(tmp_path, monkeypatch):
    monkeypatch.setenv("NOTICEGEN_OCR", "tesseract")
    page().save(tmp_path / "scan.png")
    assert "监督员86名" in joined(extract(tmp_path / "scan.png"))


def test_doubtful_lines_are_marked_and_quoted():
    texts = [("一、规范服务行为", 0.99), ("（一）在各乡镇聘请人大代表、政协委员和村干部担任行", 0.97),
             ("风监督员86名，每季度召开一次座谈会听取意见。", 0.98),
             ("（二）设立投诉电话和意见箱，对客户的每一件投诉做到", 0.99),
             ("件件有回音，全年受理投诉12件，办结12件，办结", 0.41),
             ("率100%。", 0.96)]
    lines = [ocr.Line(text, score, 40 * n, 40 * n + 30, 10) for n, (text, score) in
             enumerate(texts)]
    segments = ocr.segments([(2, lines)], "rapidocr")
    assert [s.location for s in segments] == ["第2页（识别）"] * 2 + ["第2页（识别，可信度低）"]
    assert segments[1].text == texts[1][0] + texts[2][0]
    assert segments[2].note == "识别可信度低：“件件有回音，全年受理投诉12件，办结12件，办结”（0.41）"


def test_pieces_of_one_line_are_joined_left_to_right():
    merged = ocr._merge([ocr.Line("监督员86名，", 0.9, 12, 40, 300),
                         ocr.Line("设立行风", 0.95, 10, 42, 10),
                         ocr.Line("第二行。", 0.9, 60, 90, 10)])
    assert [(m.text, m.confidence) for m in merged] == [("设立行风监督员86名，", 0.9),
                                                        ("第二行。", 0.9)]


def test_no_ocr_engine_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(ocr, "engine_name", lambda: None)
    Image.new("RGB", (200, 100), "white").save(tmp_path / "scan.png")
    Image.new("RGB", (200, 100), "white").save(tmp_path / "scan.pdf")
    for name in ("scan.png", "scan.pdf"):
        with pytest.raises(ExtractionError, match="no OCR engine is installed") as error:
            extract(tmp_path / name)
        assert str(error.value).startswith(str(tmp_path / name))
        assert "noticegen[ocr]" in str(error.value)


def test_not_a_picture(tmp_path):
    path = tmp_path / "photo.jpg"
    path.write_text("这不是图片", encoding="utf-8")
    with pytest.raises(ExtractionError, match="not a readable picture"):
        extract(path)


@needs_font
@pytest.mark.skipif(not ocr._has_rapidocr(), reason="RapidOCR not installed")
def test_doubtful_line_read_again_without_the_red_stamp(tmp_path):
    import numpy as np
    from PIL import ImageChops
    stamp = Image.new("RGB", (1000, 290), "white")
    ImageDraw.Draw(stamp).text((260, 120), "办公室专用章", fill=(230, 40, 40),
                               font=ImageFont.truetype(FONTS[0], 70))
    image = ImageChops.multiply(page(["××电业局城区供电营业所", "二〇〇六年十一月十三日"]), stamp)
    picture = np.array(image)[:, :, ::-1].copy()          # as OpenCV holds it: BGR
    doubtful = ocr.Line("二0六年十一月十三日", 0.5, 150, 200, 60)
    [again] = ocr._without_red(picture, [doubtful])
    assert again.text == "二〇〇六年十一月十三日" and again.confidence > 0.9
