"""GB/T 9704-2012 layout numbers, in OOXML units (twips = 1/20 pt, half-points for sizes)."""
from __future__ import annotations

from .lengths import TWIPS_PER_MM, HalfPoints, Twips

mm = Twips.from_mm
MM = TWIPS_PER_MM                 # one millimetre in twips, the tolerance unit of lint


# A4 portrait, 版心 156 × 225 mm
PAGE_WIDTH, PAGE_HEIGHT = 11906, 16838
MARGIN_TOP, MARGIN_BOTTOM = 2098, 1984      # 天头 37 mm, bottom 35 mm
MARGIN_LEFT, MARGIN_RIGHT = 1588, 1474      # 订口 28 mm, right 26 mm
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT       # 8844 twips = 156 mm (height 12756 = 225 mm)
FOOTER_DISTANCE = mm(22)                    # page number 7 mm below the 版心

# 22 lines × 28 characters
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
LINE_PITCH = 579                            # 22 × 579 = 12738 ≤ 12756; 580 gives 21 lines
CHAR_SPACING = -5                           # −0.25 pt: 28 × (16 − 0.25) pt fits 156 mm

# Fonts (East-Asian names as Word/WPS know them; substitutes are mapped for PDF previews)
FONT_TITLE = "方正小标宋简体"   # 小标宋
FONT_BODY = "仿宋_GB2312"
FONT_HEITI = "黑体"
FONT_KAITI = "楷体_GB2312"
FONT_PAGE_NUMBER = "宋体"

# Sizes in half-points
SIZE_TITLE = HalfPoints(44)       # 2号 22 pt
SIZE_BODY = HalfPoints(32)        # 3号 16 pt
SIZE_COLOPHON = HalfPoints(28)    # 4号 14 pt
SIZE_PAGE_NUMBER = HalfPoints(28)
SIZE_BANNER = HalfPoints(72)      # 发文机关标志 36 pt (the standard leaves the size to the issuer)
SIZE_TABLE = HalfPoints(24)       # 小四 12 pt inside tables
BODY_CHAR = SIZE_BODY.em          # 320 twips: one character of body text; indents count in these

RED = "FF0000"
BANNER_SPACE_BEFORE = mm(35) - LINE_PITCH  # top of the 标志 35 mm below the 版心 top
RED_LINE_GAP_PT = 11                       # 红色分隔线 4 mm below the 文号 (border space in pt)
SIGNATURE_RIGHT_CHARS = 4                  # 成文日期 右空四字

# Colophon (版记) rules, in eighths of a point: 0.35 mm ≈ 1 pt, 0.25 mm ≈ 0.75 pt
COLOPHON_OUTER_RULE = 8
COLOPHON_INNER_RULE = 6

# Landscape section for wide tables: the same 版心 turned on its side
LANDSCAPE = dict(width=PAGE_HEIGHT, height=PAGE_WIDTH, top=MARGIN_LEFT, bottom=MARGIN_RIGHT,
                 left=MARGIN_TOP, right=MARGIN_BOTTOM)

TITLE_CHARS_PER_LINE = 20                   # 156 mm ÷ 22 pt
