"""Find the commitment figures a summary reports and compare them with their standards."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ..model import Campaign
from .likeness import bigrams
from .rules import RowRule, Rules
from .normalize import normalize
from .sentences import Sentence

_PERCENT = re.compile(r"(\d+(?:\.\d+)?)%")
_STANDARD_BEFORE = re.compile(r"(?:≥|>=|＞|>|≤|<=|不低于|不少于|不高于|不超过|标准为?|目标为?)\s*$")
_PIECES = re.compile(r"[，。；：]")
_FAILED_COUNT = re.compile(r"(?:另有|其中有|其中|有|仅有|尚有)(\d+)(?:次|户次|户|个|件|起|座|条)")
_COUNT_AFTER = re.compile(r"[^，。；\d]{0,4}?(\d+)(?:户次|次|户|个|件|起|座|条|例)")
_COUNT_BEFORE = re.compile(r"(?<![\d.])(\d+)(?:户次|次|户|个|件|起|座|条|例)(?!\d)")
_ZERO_AFTER = re.compile(r"(?:均|都|全年)?(?:为|是)?(?:零|0(?![.\d]))")
_LAST_YEAR = "去年|上年|上一年|前年"
_OPENS_IN_THE_PAST = re.compile(rf"^(?:{_LAST_YEAR}|(\d{{4}})年(?!\d))")
_LABEL_COUNT = re.compile(r"(件数|次数|户数|个数|数)$")
_DONE_OF = re.compile(r"(\d+)个?[^，。]{0,6}中，有(\d+)个(?:做到|达到|实现)")
# a quantity (≥20 篇): a number of things done, not a change (增加5篇) nor a share (5%)
_AMOUNT = re.compile(r"(?<![\d.增加减少提高下降多少])(\d+|[一二两三四五六七八九十]{1,3})\s*"
                     r"(篇|件|期|人次|人|名|项|个|次|场|部|条|支|家|批|门|本|幅|集)(?![\d%])")
_NONE_DONE = re.compile(r"为零|是零|为0(?![.\d])|挂零|空白|一(篇|件|期|个|项|次|人)(也|都)?(没有|未)")
_LAST_YEAR_BEFORE = re.compile(rf"(?:{_LAST_YEAR}|同期)(?:的|是|为)?\s*$")
_TELLS_THE_PAST = re.compile(rf"^(?:{_LAST_YEAR}|同比|比去年|较去年)")
_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2}
_PARTS = re.compile(r"[^，；。：]+")
SHORT_PART = 10           # a part this short with a number goes on about the row before it
QUANTITY_MATCH = 0.3      # the share of a quantity row's character pairs a part must show


@dataclass(frozen=True)
class FigureResult:
    """One commitment row as a summary reports it."""

    row: int
    name: str
    value: str
    standard: str
    meets_standard: bool
    sentence: Sentence


def _passages(sentences: list[Sentence]) -> list[list[Sentence]]:
    """Sentences grouped with the ones that continue them (其中…, 另有…)."""
    groups: list[list[Sentence]] = []
    for sentence in sentences:
        if sentence.continues and groups:
            groups[-1].append(sentence)
        else:
            groups.append([sentence])
    return groups


def _area(text: str, rules: Rules) -> str:
    for area in ("remote", "rural", "urban"):
        if rules.areas[area].search(text):
            return area
    return "urban"


def _applies(row: RowRule, passage_text: str, before: str, rules: Rules) -> bool:
    if row.qualifier is not None and not row.qualifier.search(passage_text):
        return False
    if row.unless is not None and row.unless.search(passage_text):
        return False
    return row.area is None or _area(before, rules) == row.area


def _percent(row: RowRule, sentence: Sentence, rules: Rules, campaign_row):
    for match in row.topic.finditer(sentence.text):
        start = sentence.text.rfind("，", 0, match.start()) + 1
        if not _applies(row, sentence.text, sentence.text[start:match.end()], rules):
            continue
        value = _PERCENT.search(sentence.text, match.end())
        while value and (_STANDARD_BEFORE.search(sentence.text, 0, value.start())
                         or _LAST_YEAR_BEFORE.search(sentence.text, 0, value.start())):
            value = _PERCENT.search(sentence.text, value.end())   # the standard, or last year's
        if value and value.start() - match.end() <= 12:
            number = float(value.group(1))
            return f"{value.group(1)}%", campaign_row.standard.meets(number)
    return None


def _failures(text: str, rules: Rules) -> Optional[int]:
    """Number of failures a passage reports, 0 when it says there were none, None if silent."""
    text = rules.no_failure.sub("✓", text)
    done = _DONE_OF.search(text)
    if done:
        return max(0, int(done.group(1)) - int(done.group(2)))
    failures = [m for m in rules.failure.finditer(text)
                if not text.startswith("的", m.end())]   # 超过时限的由…督办: a rule, not a failure
    if failures:
        for failure in failures:
            told = _COUNT_AFTER.match(text, failure.end())     # 超时到达2次, 超时0户
            if told:
                return int(told.group(1))
            before = _COUNT_BEFORE.search(text, _part_start(text, failure.start()), failure.start())
            if before:                                         # 5次因道路施工超过30分钟
                return int(before.group(1))
        counts = list(_FAILED_COUNT.finditer(text))
        for match, following in zip(counts, counts[1:] + [None]):
            # the failure told after this count and before the next one is its own
            if rules.failure.search(text, match.end(), following.start() if following else len(text)):
                return int(match.group(1))
        return 1
    if rules.success.search(text):
        return 0
    return None


def _part_start(text: str, at: int) -> int:
    """Where the comma-delimited part holding position ``at`` begins."""
    return max((m.end() for m in _PIECES.finditer(text, 0, at)), default=0)


def _count(row: RowRule, passage: list[Sentence], rules: Rules, failure_label: str = ""):
    """Failures the passage reports for a count row, and the sentence that tells them. The
    number right after what the row's failure label counts is the number of failures
    (有效投诉2件 for 有效投诉件数, 查实有责1件 for 查实有责件数)."""
    passage_text = "".join(s.text for s in passage)
    counted_as = _LABEL_COUNT.sub("", failure_label)        # 有效投诉, 查实有责
    found: list[tuple[int, Sentence]] = []
    topic_seen = False
    for sentence in passage:
        match = row.topic.search(sentence.text)
        if match is None and sentence.continues and topic_seen \
                and not (row.others and row.others.search(sentence.text)):
            told = sentence.text             # 其中有3次… goes on about the topic before it
        elif match is not None and _applies(row, passage_text, passage_text[
                :passage_text.find(sentence.text) + match.end()], rules):
            topic_seen = True       # from the start of the topic's part: 未发生…案件 counts
            told = sentence.text if sentence.continues else \
                sentence.text[_part_start(sentence.text, match.start()):]
        else:
            continue
        at = told.find(counted_as) if len(counted_as) >= 2 else -1
        counted = _COUNT_AFTER.match(told, at + len(counted_as)) if at >= 0 else None
        if counted:
            failures = int(counted.group(1))                             # 查实有责1件
        elif (at >= 0 and _ZERO_AFTER.match(told, at + len(counted_as))) or \
                (match is not None and _ZERO_AFTER.match(sentence.text, match.end())):
            failures = 0                                     # 审核差错为零, 无证上岗为零
        else:
            failures = _failures(told, rules)
        if failures is not None:
            found.append((failures, sentence))
    if not found:
        return None
    failures, sentence = max(found, key=lambda f: f[0])
    return failures, sentence


def _chinese_number(text: str) -> int:
    """二十三 → 23, 七 → 7 (the numbers summaries spell out are small)."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return _DIGITS.get(tens, 1) * 10 + _DIGITS.get(ones, 0)
    return _DIGITS.get(text, 0)


def _quantities(rules: Rules, sentences: list[Sentence]) -> dict[int, tuple[int, str, Sentence]]:
    """Row → (number done, its unit, sentence) for the quantity rows (≥20 篇). A part of a sentence
    tells a row's number when it shows enough of the row's name, more than of any other
    quantity row's (省级以上媒体刊发报道23篇 is 省级以上媒体发稿数量, not 内部媒体发稿数量);
    a part with a number but no name goes on about the row named before it in the sentence
    (举办培训班，去年5期，今年8期). Parts telling last year are passed over."""
    found: dict[int, tuple[int, str, Sentence]] = {}
    rows, any_pair = rules.quantity_rows, rules.any_quantity_pair
    if any_pair is None:
        return found
    for sentence in sentences:
        if not any_pair.search(sentence.text):
            continue
        named: Optional[RowRule] = None
        for part in _PARTS.findall(sentence.text):
            grams = bigrams(part)
            fits = sorted(((len(row.words & grams.keys()) / len(row.words), row) for row in rows
                           if len(row.words & grams.keys()) >= 2),
                          key=lambda fit: -fit[0])
            if fits and fits[0][0] >= QUANTITY_MATCH and (len(fits) == 1 or fits[1][0] < fits[0][0]):
                named = fits[0][1]
            elif len(part) > SHORT_PART:
                named = None               # only a short part (今年8期) goes on about it
            if named is None or named.no in found or _TELLS_THE_PAST.match(part):
                continue
            amount = next((a for a in _AMOUNT.finditer(part)          # not 去年的5期
                           if not _LAST_YEAR_BEFORE.search(part, 0, a.start())), None)
            if amount:
                found[named.no] = (_chinese_number(amount.group(1)), amount.group(2), sentence)
            elif _NONE_DONE.search(part):
                found[named.no] = (0, "", sentence)
    return found


def _tells_an_earlier_year(text: str, year: int) -> bool:
    """A sentence opening with 去年 or an earlier year (2023年，我所发生有效投诉2件) tells
    the past, not the campaign's figures."""
    opening = _OPENS_IN_THE_PAST.match(text)
    return bool(opening) and (opening.group(1) is None or int(opening.group(1)) < year)


def find_figures(campaign: Campaign, sentences: list[Sentence], rules: Rules) -> list[FigureResult]:
    """Every commitment row the summary reports a figure for, in row order."""
    rows = {c.no: c for c in campaign.commitments}
    results: dict[int, FigureResult] = {}
    usable = [s for s in sentences if not s.heading and not s.in_plan
              and not _tells_an_earlier_year(s.text, campaign.year)]
    for no, (amount, unit, sentence) in _quantities(rules, usable).items():
        commitment = rows[no]
        results[no] = FigureResult(no, commitment.item, f"{amount}{unit}", commitment.standard_text,
                                   commitment.standard.meets(amount), sentence)
    for passage in _passages(usable):
        if not any(rules.any_topic.search(s.text) for s in passage):
            continue
        for row in rules.rows:
            if row.no in results or row.words:
                continue
            commitment = rows[row.no]
            if not commitment.standard.is_count:
                for sentence in passage:
                    percent = _percent(row, sentence, rules, commitment)
                    if percent:
                        results[row.no] = FigureResult(row.no, row.name, percent[0],
                                                       commitment.standard_text, percent[1], sentence)
                        break
            else:
                counted = _count(row, passage, rules, normalize(commitment.failure_label or ""))
                if counted:
                    failures, sentence = counted
                    value = "全部达标" if failures == 0 else f"{failures}次未达标"
                    results[row.no] = FigureResult(row.no, row.name, value,
                                                   f"{commitment.failure_label or '未达标数'}为0",
                                                   failures == 0, sentence)
    return [results[n] for n in sorted(results)]
