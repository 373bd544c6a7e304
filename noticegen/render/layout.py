"""GB/T 9704-2012 layout numbers, in OOXML units (twips = 1/20 pt, half-points for sizes)."""
from __future__ import annotations

import math
import unicodedata

MM = 1440 / 25.4  # twips per millimetre


def mm(value: float) -> int:
    """Millimetres to twips, rounded."""
    return round(value * MM)


# A4 portrait, 版心 156 × 225 mm
PAGE_WIDTH, PAGE_HEIGHT = 11906, 16838
MARGIN_TOP, MARGIN_BOTTOM = 2098, 1984      # 天头 37 mm, bottom 35 mm
MARGIN_LEFT, MARGIN_RIGHT = 1588, 1474      # 订口 28 mm, right 26 mm
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT       # 8844 twips = 156 mm
TEXT_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM     # 12756 twips = 225 mm
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
SIZE_TITLE = 44       # 2号 22 pt
SIZE_BODY = 32        # 3号 16 pt
SIZE_COLOPHON = 28    # 4号 14 pt
SIZE_PAGE_NUMBER = 28
SIZE_BANNER = 72      # 发文机关标志 36 pt (the standard leaves the size to the issuer)
SIZE_TABLE = 24       # 小四 12 pt inside tables

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
_NO_LINE_START = set("》”’）〕】、，。；：！？")
_NO_LINE_END = set("《“‘（〔【")


def display_width(text: str) -> float:
    """Width in characters of the body font: CJK and full-width 1, others ½."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.5 for ch in text)


# Words of notice titles a line should not break inside (and may break around)
TITLE_WORDS = (
    "关于", "印发", "通知", "电业局", "供电局", "委员会", "宣传部", "蒙电", "服务", "万家", "工程",
    "竞赛", "评比", "活动", "组织", "领导", "机构", "小组", "办公室", "考核", "内容", "标准",
    "要求", "任务", "目标", "分解", "责任书", "承诺", "兑现", "情况", "名单", "反馈", "意见",
    "自查", "自评", "总结", "优质", "行风", "建设", "实施", "方案", "办法", "细则", "供电",
    "农电", "营销", "单位", "部门", "安全", "生产", "质量", "提升", "创先争优", "为民",
)
_BREAK_AFTER = set("、，；：”》）〕】")
_BREAK_BEFORE = set("“《（〔【")
_LINK_WORDS = set("的及和与")


def _break_costs(text: str, words: tuple[str, ...]) -> list[float]:
    """The cost of a line break before each position of ``text`` (inf where forbidden): free
    at punctuation, cheap around a known word or a linking word, dear inside a word."""
    n = len(text)
    inside, edge = [False] * (n + 1), [False] * (n + 1)
    for word in words:
        start = text.find(word)
        while start >= 0:
            end = start + len(word)
            edge[start] = edge[end] = True
            for i in range(start + 1, end):
                inside[i] = True
            start = text.find(word, start + 1)
    quoted, depth = [False] * (n + 1), 0
    for i, ch in enumerate(text):
        quoted[i] = depth > 0
        depth += (ch in "“《") - (ch in "”》")
    costs = []
    for i in range(n + 1):
        if i in (0, n):
            costs.append(0.0)
            continue
        before, after = text[i - 1], text[i]
        if after in _NO_LINE_START or before in _NO_LINE_END or (before + after).isascii():
            costs.append(math.inf)
        elif before in _BREAK_AFTER or after in _BREAK_BEFORE:
            costs.append(0.0)
        elif inside[i]:
            costs.append(8.0 + 3 * quoted[i])
        elif before in _LINK_WORDS or after in _LINK_WORDS or edge[i]:
            costs.append(1.0 + 3 * quoted[i])
        else:
            costs.append(4.0 + 3 * quoted[i])
    return costs


def wrap_balanced(text: str, per_line: float, words: tuple[str, ...] = TITLE_WORDS) -> list[str]:
    """Break ``text`` into the fewest lines of at most ``per_line`` characters, as even as
    possible, preferring breaks at punctuation and between words; never a line of one
    character, nor one starting with closing or ending with opening punctuation."""
    total = display_width(text)
    if total <= per_line:
        return [text]
    if len(text) > MAX_BALANCED or per_line < 2:
        return _wrap_greedy(text, per_line)
    costs = _break_costs(text, words)
    widths = [0.0]
    for ch in text:
        widths.append(widths[-1] + display_width(ch))
    n = len(text)
    for count in range(math.ceil(total / per_line), math.ceil(total / per_line) + 4):
        mean = total / count
        best = {0: (0.0, [0])}               # position → (cost, breaks) with k lines so far
        for _ in range(count):
            step = {}
            for start, (cost, breaks) in best.items():
                for end in range(start + 1, n + 1):
                    width = widths[end] - widths[start]
                    if width > per_line:
                        break
                    if costs[end] == math.inf or (end - start < 2 and n > 1):
                        continue
                    total_cost = cost + (width - mean) ** 2 + 2 * costs[end]
                    if end not in step or total_cost < step[end][0]:
                        step[end] = (total_cost, breaks + [end])
            best = step
        if n in best:
            breaks = best[n][1]
            return [text[a:b] for a, b in zip(breaks, breaks[1:])]
    return _wrap_greedy(text, per_line)


MAX_BALANCED = 400                          # longer texts are wrapped greedily


def _wrap_greedy(text: str, per_line: float) -> list[str]:
    """Full lines, no line starting with closing punctuation (texts too long to balance)."""
    lines, current = [], ""
    for ch in text:
        if current and display_width(current + ch) > per_line and ch not in _NO_LINE_START:
            lines.append(current)
            current = ""
        current += ch
    return lines + [current]


def wrap_title(title: str, per_line: int = TITLE_CHARS_PER_LINE) -> list[str]:
    """Break a title into balanced lines at word boundaries, no orphaned punctuation."""
    return wrap_balanced(title, per_line)
