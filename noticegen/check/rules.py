"""Load the checker's data: cue phrases per clause (rules/), synonyms and cues (corpora/).

Everything here is data a user can extend without code; this module compiles it and binds
each rule to the campaign clause whose text it names.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from rapidfuzz import fuzz

from ..errors import RuleError
from ..model import Campaign, Clause, Commitment
from ..resources import data_path, load_data_file
from .likeness import bigrams
from .normalize import normalize
from ..i18n import _


@dataclass
class ClauseRule:
    """Cue phrases of one clause: the optional layer a campaign may add for its rubric."""

    alternatives: list[list[re.Pattern]]
    exclude: Optional[re.Pattern] = None
    commitments: bool = False
    source: str = "rules"

    def __post_init__(self) -> None:
        # necessary conditions, searched once over the whole text to find candidate sentences
        # kept as separate simple patterns: a literal is found at memchr speed, a long
        # alternation is tried character by character
        firsts = [alt[0].pattern for alt in self.alternatives if alt]
        every = [p.pattern for alt in self.alternatives if len(alt) >= 3 for p in alt]
        self.anchor = _parts(firsts)
        self.near_anchor = _parts(every)


def split_alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a regular expression, outer (?:…) removed."""
    parts, depth, start, escaped, in_class = [], 0, 0, False, False
    for i, ch in enumerate(pattern):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
    parts.append(pattern[start:])
    result = []
    for part in parts:
        if part.startswith("(?:") and part.endswith(")") and _balanced(part[3:-1]):
            result += split_alternatives(part[3:-1])
        else:
            result.append(part)
    return result


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text.replace("\\(", "").replace("\\)", ""):
        depth += (ch == "(") - (ch == ")")
        if depth < 0:
            return False
    return depth == 0


_LEADING_NUMBER = re.compile(r"^\\d[+*]?(\(\\\.\\d\+\)\?)?")


def _parts(patterns: list[str]) -> list[re.Pattern]:
    """Simple patterns that every match of ``patterns`` contains. A leading number (\\d+…) is
    dropped: scanning for 工作日 is fast, for a digit followed by 工作日 slow."""
    terms = (t for p in patterns for t in split_alternatives(p) if t)
    return [re.compile(t) for t in dict.fromkeys(_LEADING_NUMBER.sub("", t) or t for t in terms)]


@dataclass
class RowRule:
    """How summaries word one commitment row."""

    no: int
    name: str
    topic: re.Pattern
    qualifier: Optional[re.Pattern]
    unless: Optional[re.Pattern]
    area: Optional[str]
    others: Optional[re.Pattern] = None   # the other rows' topics
    words: frozenset = frozenset()        # a quantity row's (≥20 篇) character pairs


@dataclass
class Rules:
    """Compiled rules for one campaign."""

    clauses: dict[str, ClauseRule]
    rows: list[RowRule]
    areas: dict[str, re.Pattern]
    failure: re.Pattern
    success: re.Pattern
    no_failure: re.Pattern
    negation: re.Pattern
    not_negation: re.Pattern
    plan: re.Pattern
    plan_section: re.Pattern
    problem_section: Optional[re.Pattern] = None
    general: object = None                              # GeneralMatcher
    unbound: list[str] = field(default_factory=list)    # cue entries that name no clause

    def __post_init__(self) -> None:
        self.any_topic = re.compile("|".join(f"(?:{r.topic.pattern})" for r in self.rows))
        # the quantity rows (≥20 篇), and any one of their character pairs
        self.quantity_rows = [row for row in self.rows if row.words]
        pairs = sorted({re.escape(pair) for row in self.quantity_rows for pair in row.words})
        self.any_quantity_pair = re.compile("|".join(pairs)) if pairs else None


def _nested_quantifier(pattern: str) -> bool:
    """True when a repeated group holds a repetition itself, as in ``(服+)+$``: such patterns
    can take hours (catastrophic backtracking) on a line that almost matches."""
    stack, i = [False], 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            i = pattern.find("]", i + 2) + 1 or len(pattern)
            continue
        repeat = re.match(r"[+*]|\{\d*,\d*\}|\{\d{2,}\}", pattern[i + 1:])
        if char == "(":
            stack.append(False)
        elif char == ")" and len(stack) > 1:
            inner = stack.pop()
            if inner and repeat:
                return True
            stack[-1] = stack[-1] or inner or bool(repeat)
        elif char in "+*" or (char == "{" and re.match(r"\{\d*,?\d*\}", pattern[i:])):
            stack[-1] = True
        i += 1
    return False


def _compile(pattern: str, path: Path, line: Optional[int] = None) -> re.Pattern:
    if not isinstance(pattern, str):
        raise RuleError(_("a pattern must be text, not {pattern!r:.60}").format(
            pattern=pattern), path=path, line=line,
                        hint=_("write each pattern as a quoted string"))
    if _nested_quantifier(pattern):
        raise RuleError(_("pattern “{pattern}” repeats a group that repeats itself; it could take "
                          "hours on some texts").format(
            pattern=pattern), path=path, line=line,
                        hint=_("drop the inner or the outer + or *, e.g. 服+$ instead of (服+)+$"))
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise RuleError(_("bad pattern “{pattern}”: {reason}").format(
            pattern=pattern, reason=exc), path=path, line=line,
                        hint=_("patterns are Python regular expressions; escape ( ) [ ] . * + "
                               "?")) from None


def _union(patterns: list[str], path: Path, line: Optional[int] = None) -> Optional[re.Pattern]:
    return _compile("|".join(f"(?:{p})" for p in patterns), path, line) if patterns else None


class _Synonyms:
    def __init__(self, groups: dict, path: Path) -> None:
        self.groups, self.path = groups, path

    def expand(self, concept: str) -> str:
        if concept.startswith("@"):
            name = concept[1:]
            if name not in self.groups:
                raise RuleError(_("unknown synonym group “{concept}”").format(
                    concept=concept), path=self.path,
                                hint=_("define it in corpora/synonyms.yaml"))
            return "|".join(f"(?:{p})" for p in self.groups[name])
        return concept


RULES_BESIDE = "coverage.yaml"   # a campaign's own cue phrases, in the campaign's folder


def rule_files(campaign: Campaign, extra: list[Path] = ()) -> list[Path]:
    """The cue-phrase files for ``campaign``: the one beside its file (``coverage.yaml`` beside
    a ``campaign.yaml``, else ``NAME.coverage.yaml`` beside ``NAME.yaml``), then ``extra``."""
    files = []
    if campaign.source:
        source = Path(campaign.source).resolve()
        beside = source.parent / (RULES_BESIDE if source.name == "campaign.yaml"
                                  else f"{source.stem}.{RULES_BESIDE}")
        if beside.is_file():
            files.append(beside)
    return files + [Path(p) for p in extra if Path(p).resolve() not in {f.resolve() for f in files}]


def _entries(data, path: Path) -> list[dict]:
    """The entries of a coverage rule file, refused with a message when shaped otherwise."""
    def wrong(what: str) -> RuleError:
        return RuleError(_("not a coverage rule file: {what}").format(what=what), path=path,
                         hint=_("a list of entries with “clause:” and “any:” (a list of lists of "
                                "patterns), as in examples/mengdian-2006/coverage.yaml"))
    if data is None:
        return []
    if not isinstance(data, list):
        raise wrong(_("the top level is not a list"))
    for number, entry in enumerate(data, start=1):
        if not isinstance(entry, dict):
            raise wrong(_("entry {number} is not a mapping").format(number=number))
        alternatives, exclude = entry.get("any", []), entry.get("exclude", [])
        if not isinstance(alternatives, list) or not all(
                isinstance(a, list) and all(isinstance(p, str) for p in a) for a in alternatives):
            raise wrong(_("entry {number}: “any” is not a list of lists of patterns").format(
                number=number))
        if not isinstance(exclude, list):
            raise wrong(_("entry {number}: “exclude” is not a list").format(number=number))
    return data


def load_rules(campaign: Campaign, extra: list[Path] = ()) -> Rules:
    """Compile the general matcher's profiles and the cue phrases for ``campaign``'s clauses."""
    corpora, rules_dir = data_path("corpora"), data_path("rules")
    synonyms_path = corpora / "synonyms.yaml"
    synonyms = _Synonyms(dict(load_data_file(synonyms_path) or {}), synonyms_path)
    cues_path = corpora / "cues.yaml"
    cues = load_data_file(cues_path)
    clause_rules: dict[str, ClauseRule] = {}
    unbound: list[str] = []
    clause_texts = [(c, normalize(c.text)) for c in campaign.rubric.clauses()]
    for path in rule_files(campaign, extra):
        entries = _entries(load_data_file(path), path)
        for number, entry in enumerate(entries):
            lines = getattr(entries, "lines", None)      # a LineList knows each entry's line
            line = lines[number] if lines and number < len(lines) else None
            clause = _bind(clause_texts, str(entry.get("clause", "")))
            if clause is None:
                unbound.append(_("{path}: “{clause}” names no clause of the rubric").format(
                    path=path, clause=entry.get('clause', '')))
                continue
            alternatives = [[_compile(synonyms.expand(str(c)), path, line) for c in alt]
                            for alt in entry.get("any", [])]
            clause_rules[clause.id] = ClauseRule(
                alternatives, _union([str(p) for p in entry.get("exclude", [])], path, line),
                bool(entry.get("commitments", False)), source=str(path))
    commitments_path = rules_dir / "commitments.yaml"
    commitments = load_data_file(commitments_path)
    return Rules(
        clauses=clause_rules,
        rows=_rows(campaign, commitments, commitments_path),
        areas={k: _compile(v, commitments_path) for k, v in commitments["areas"].items()},
        failure=_compile(commitments["failure"], commitments_path),
        success=_compile(commitments["success"], commitments_path),
        no_failure=_compile(commitments["no_failure"], commitments_path),
        negation=_union(list(cues["negation"]), cues_path),
        not_negation=_union(list(cues["not_negation"]), cues_path),
        plan=_union(list(cues["plan"]), cues_path),
        plan_section=_union(list(cues["plan_section"]), cues_path),
        problem_section=_union(list(cues.get("problem_section", [])), cues_path),
        general=general_matcher(campaign),
        unbound=unbound,
    )


def general_matcher(campaign: Campaign):
    """The general matcher for ``campaign``'s rubric (profiles cached per rubric text)."""
    from .general import GeneralMatcher
    from .profiles import campaign_profiles
    from .lexicon import generic_words
    clauses, topics = campaign_profiles(campaign)
    return GeneralMatcher(clauses, topics, generic_words())


def _bind(clauses: list[tuple[Clause, str]], start: str) -> Optional[Clause]:
    """The clause whose (normalised) text begins like ``start``, tolerating small edits
    between years."""
    if not start:
        return None
    wanted = normalize(start)
    best, best_score = None, 0.0
    for clause, text in clauses:
        score = fuzz.partial_ratio(wanted, text[:len(wanted) + 10])
        if score > best_score:
            best, best_score = clause, score
    return best if best_score >= 85 else None


_COUNTED = re.compile(r"(情况|次数|案件|数量|件数|户数|人数|起数|总数|数)$")
_FAILURE_NAME = re.compile(r"(件数|次数|户数|起数|人次|个数|数)$")
_FAILURE_WORD = re.compile(r"未|超|逾|违|实际|发生")  # labels that name a failure, not a topic
_QUANTITY_NAME = re.compile(r"(数量|总数|个数|件数|人数|次数|期数|篇数|数)$")
_RATE = re.compile(r"[\u4e00-\u9fff]{2,4}率$")


_WITHIN = re.compile(r"\d+(?:\.\d+)?\s*(?:分钟|小时|个?工作日|个?自然日|天|日|个月)(?:之?内|以内)?")
_HAN4 = re.compile(r"[\u4e00-\u9fff]{4}")
_ON_TIME = re.compile(r"按期|按时|按承诺|按规定|及时|准时|限时|当日|当天")
_AREA_WORD = re.compile(r"^(特殊边远地区|边远地区|城市地区|农村地区|城市|城区|市区|农村|乡镇)")
_ARRIVAL = "到达|到场|到现场|赶到|抵达"


def general_topic(item: str, variants: dict | None = None) -> str:
    """How a summary may name a commitment row no rule describes: the item itself, the item
    without a trailing 情况/次数/案件, its rate (回访满意率, 满意率), its quoted names, and
    for a row with a time limit (城区故障报修45分钟内到达现场, 信访举报按期办结) what comes
    before the limit, without the area (故障报修, 信访举报); and each of these with a part
    replaced by one of its ``variants`` (抢修 → 报修)."""
    item = normalize(item)
    terms = {item, _COUNTED.sub("", item), *(quoted or bracketed for quoted, bracketed
                                             in re.findall(r"“([^”]{2,10})”|（([^）]{2,10})）", item))}
    rate = _RATE.search(item)
    if rate:
        terms |= {rate.group(0), item[-3:]}
    limit = _WITHIN.search(item) or _ON_TIME.search(item)
    if limit:
        head = _AREA_WORD.sub("", re.sub(r"(提前|按时|按期|不超过|不超|在)$", "", item[:limit.start()]))
        terms |= {head}
        if _HAN4.fullmatch(head[-4:]):
            terms |= {head[-4:], head[-2:] + head[-4:-2]}     # 申请用电 is also 用电申请
        who, done = re.sub(r"(客户|用户)$", "", head), item[limit.end():]
        if len(who) >= 2 and _HAN4.fullmatch(done):           # 居民客户…装表接电: 居民装表接电
            terms |= {who + d for d in [done, *(variants or {}).get(done, ())]}
    for part, others in (variants or {}).items():
        terms |= {t.replace(part, other) for t in terms if part in t for other in others}
    return "|".join(re.escape(t) for t in sorted(terms, key=lambda t: (-len(t), t)) if len(t) >= 2)


def general_row(commitment: Commitment, variants: dict | None = None,
                shared: frozenset = frozenset(), own_limits: frozenset = frozenset()) -> dict:
    """The rule entry for a commitment row no rule describes: its topic (with, for a count
    row, the row's own labels for what is counted and what failed: 行风类投诉件数, 审核差错次数,
    and a time limit no other row has, ``own_limits``: 30分钟), the area its item names
    (城区 …, for rows kept apart by area), for arrival rows the word of arrival, and for a
    rate whose ending other rows share (``shared``: 合格率) the words before it."""
    normal = normalize(commitment.item)
    entry: dict = {"topic": general_topic(commitment.item, variants)}
    total = _COUNTED.sub("", normalize(commitment.total_label or ""))
    if commitment.standard.is_count and len(total) >= 3:
        entry["topic"] += "|" + re.escape(total)
    failed = _FAILURE_NAME.sub("", normalize(commitment.failure_label or ""))
    if commitment.standard.is_count and len(failed) >= 3 and not _FAILURE_WORD.match(failed):
        entry["topic"] += "|" + re.escape(failed)      # 审核差错 of 审核差错次数 names the row
    limit = _WITHIN.search(normal)
    if commitment.standard.is_count and limit and _limit(limit) in own_limits:
        # no other row has this time limit: 30分钟 names 城区…求助30分钟内响应
        within = re.escape(_limit(limit))            # as a limit: 30分钟内, 超过30分钟
        entry["topic"] += f"|(?<![\\d.]){within}(?:之?内|以内)|超(?:过|出)了?{within}"
    area = _AREA_WORD.search(normal)
    if area:
        word = area.group(1)
        entry["area"] = "remote" if "边远" in word else "rural" if word in ("农村", "农村地区", "乡镇") \
            else "urban"
    if limit and re.search(_ARRIVAL, normal[limit.end():]):
        entry["qualifier"] = _ARRIVAL
    rate = _RATE.search(normal)
    if rate and normal[-3:] in shared and len(rate.group(0)) > 3:
        # 合格率 ends two rows: the sentence must also say which (考试 or 检验)
        entry.setdefault("qualifier", re.escape(rate.group(0)[:-3]))
    return entry


def _limit(match: re.Match) -> str:
    """The time limit of a row's item without 内/以内 (30分钟)."""
    return re.sub(r"之?内|以内", "", match.group(0))


def _rows(campaign: Campaign, data, path: Path) -> list[RowRule]:
    rows = []
    entries = [(normalize(r["item"]), r) for r in data["rows"]]
    endings = Counter(normalize(c.item)[-3:] for c in campaign.commitments
                      if _RATE.search(normalize(c.item)))
    shared = frozenset(ending for ending, count in endings.items() if count > 1)
    limits = Counter(_limit(m) for c in campaign.commitments if (m := _WITHIN.search(normalize(c.item))))
    own_limits = frozenset(limit for limit, count in limits.items() if count == 1)
    for commitment in campaign.commitments:
        item = normalize(commitment.item)
        scored = [(fuzz.ratio(name, item[:len(name)]), r) for name, r in entries]
        score, entry = max(scored, key=lambda pair: pair[0], default=(0, None))
        if score < 90:
            entry = general_row(commitment, data.get("variants"), shared, own_limits)
        rows.append(RowRule(
            commitment.no, commitment.item, _compile(entry["topic"], path),
            _compile(entry["qualifier"], path) if entry.get("qualifier") else None,
            _compile(entry["unless"], path) if entry.get("unless") else None,
            entry.get("area"),
            words=frozenset(bigrams(_QUANTITY_NAME.sub("", item)))
            if commitment.standard.is_quantity else frozenset()))
    for row in rows:
        other = {r.topic.pattern for r in rows if r.topic.pattern != row.topic.pattern}
        row.others = re.compile("|".join(f"(?:{p})" for p in sorted(other))) if other else None
    return rows
