"""Line breaking of titles: balanced lines that break at punctuation and between words."""
from __future__ import annotations

import math

from ..chinese import display_width
from ..wordxml.gbt9704 import TITLE_CHARS_PER_LINE

_NO_LINE_START = set("》”’）〕】、，。；：！？")
_NO_LINE_END = set("《“‘（〔【")


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
