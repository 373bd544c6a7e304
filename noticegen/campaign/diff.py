"""A semantic diff of two campaigns: clauses matched by similarity, scores, people, units."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional

from rapidfuzz import fuzz

from ..errors import located
from ..i18n import _
from ..model import Campaign, Clause, Person

REWORDED_AT = 0.6   # clauses at least this similar are the same clause reworded


@dataclass(frozen=True)
class Change:
    """One difference. ``kind``: added, removed, moved, reworded, changed."""

    section: str            # clauses, rubric, people, units, commitments, notice
    kind: str
    where: str
    old: str = ""
    new: str = ""
    similarity: Optional[float] = None

    def __str__(self) -> str:
        if self.kind == "added":
            return "+ " + located(self.where, self.new)
        if self.kind == "removed":
            return "- " + located(self.where, self.old)
        if self.kind == "moved":
            return _("→ {where} moved: {old} → {new}").format(where=self.where, old=self.old,
                                                            new=self.new)
        if self.kind == "reworded":
            old, new = changed_spans(self.old, self.new)
            return _("~ {where} reworded (similarity {similarity:.2f}): {old} ⇒ {new}").format(
                where=self.where, similarity=self.similarity, old=old, new=new)
        return "~ " + located(self.where, f"{self.old} → {self.new}")


def changed_spans(old: str, new: str, context: int = 8) -> tuple[str, str]:
    """The part of each text that differs, with a little context, for showing long texts."""
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    begin = max(0, start - context)
    def cut(text: str) -> str:
        stop = len(text) - max(0, end - context)
        return ("…" if begin else "") + text[begin:stop] + ("…" if stop < len(text) else "")
    return cut(old), cut(new)


def _similarity(a: str, b: str) -> float:
    """Similarity 0–1, rounded down so that only identical texts show 1.00."""
    return math.floor(fuzz.ratio(a, b)) / 100


def _norm(text: str) -> str:
    return "".join(text.split())


def match_clauses(old: list[Clause], new: list[Clause]) -> list[tuple[Optional[Clause], Optional[Clause], float]]:
    """Pairs (old, new, similarity); an unmatched side is None. Exact text first, then the
    most similar pairs above REWORDED_AT."""
    pairs, free_old, free_new = [], list(old), list(new)
    for clause in list(free_old):
        twin = next((c for c in free_new if _norm(c.text) == _norm(clause.text)), None)
        if twin is not None:
            pairs.append((clause, twin, 1.0))
            free_old.remove(clause)
            free_new.remove(twin)
    scored = sorted(((_similarity(_norm(a.text), _norm(b.text)), i, j)
                     for i, a in enumerate(free_old) for j, b in enumerate(free_new)), reverse=True)
    used_old, used_new = set(), set()
    for similarity, i, j in scored:
        if similarity < REWORDED_AT or i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        pairs.append((free_old[i], free_new[j], similarity))
    pairs += [(c, None, 0.0) for i, c in enumerate(free_old) if i not in used_old]
    pairs += [(None, c, 0.0) for j, c in enumerate(free_new) if j not in used_new]
    return pairs


def _clauses(old: Campaign, new: Campaign) -> list[Change]:
    changes = []
    pairs = match_clauses(old.rubric.clauses(), new.rubric.clauses())
    for a, b, similarity in sorted(pairs, key=lambda p: _order(p[1] or p[0])):
        if a is None:
            changes.append(Change("clauses", "added", f"条款{b.id}", new=b.text))
            continue
        if b is None:
            changes.append(Change("clauses", "removed", f"条款{a.id}", old=a.text))
            continue
        if a.id != b.id:
            changes.append(Change("clauses", "moved", f"条款{a.id}", old=a.id, new=b.id))
        if similarity < 1.0:
            changes.append(Change("clauses", "reworded", f"条款{b.id}", a.text, b.text, similarity))
        if a.score != b.score:
            changes.append(Change("clauses", "changed", f"条款{b.id} 分值", f"{a.score:g}", f"{b.score:g}"))
        for field, label in (("departments", "组织实施及考核部门"), ("executors", "执行单位")):
            before, after = getattr(a, field), getattr(b, field)
            if before != after:
                changes.append(Change("clauses", "changed", f"条款{b.id} {label}", "、".join(before),
                                      "、".join(after)))
    return changes


def _order(clause: Clause) -> tuple:
    return tuple(int(p) if p.isdigit() else 0 for p in clause.id.split("."))


def _rubric(old: Campaign, new: Campaign) -> list[Change]:
    changes = []
    old_items = {(c.title, i.title): (f"{c.number}.{i.number}", i.score)
                 for c in old.rubric.categories for i in c.items}
    for category in new.rubric.categories:
        before = next((c for c in old.rubric.categories if c.title == category.title), None)
        if before is None:
            changes.append(Change("rubric", "added", f"类别{category.number}", new=category.title))
        elif before.score != category.score:
            changes.append(Change("rubric", "changed", f"类别{category.number} {category.title} 分值",
                                  f"{before.score:g}", f"{category.score:g}"))
        for item in category.items:
            key = (category.title, item.title)
            if key in old_items and old_items[key][1] != item.score:
                changes.append(Change("rubric", "changed", f"项目{category.number}.{item.number} "
                                      f"{item.title} 分值", f"{old_items[key][1]:g}", f"{item.score:g}"))
    new_titles = {c.title for c in new.rubric.categories}
    changes += [Change("rubric", "removed", f"类别{c.number}", old=c.title)
                for c in old.rubric.categories if c.title not in new_titles]
    return changes


def _roles(campaign: Campaign) -> dict[str, tuple[Person, ...]]:
    roster = campaign.roster
    roles = {"组长": roster.leaders, "副组长": roster.deputies, "成员": roster.members}
    if roster.office:
        roles.update({"办公室主任": roster.office.directors,
                      "办公室副主任": roster.office.deputy_directors,
                      "办公室成员": roster.office.members})
    return roles


def _people(old: Campaign, new: Campaign) -> list[Change]:
    changes = []
    before, after = _roles(old), _roles(new)
    for role in dict.fromkeys([*before, *after]):
        old_people = {p.name: p.post for p in before.get(role, ())}
        new_people = {p.name: p.post for p in after.get(role, ())}
        for name, post in new_people.items():
            if name not in old_people:
                changes.append(Change("people", "added", role, new=f"{name}（{post}）" if post else name))
            elif old_people[name] != post:
                changes.append(Change("people", "changed", f"{role} {name} 职务", old_people[name], post))
        for name, post in old_people.items():
            if name not in new_people:
                changes.append(Change("people", "removed", role, old=f"{name}（{post}）" if post else name))
    return changes


def _units(old: Campaign, new: Campaign) -> list[Change]:
    changes = []
    old_units, new_units = {u.name for u in old.units}, {u.name for u in new.units}
    changes += [Change("units", "added", "执行单位", new=n) for n in sorted(new_units - old_units)]
    changes += [Change("units", "removed", "执行单位", old=n) for n in sorted(old_units - new_units)]
    old_groups = {g.name: g.units for g in old.groups}
    for group in new.groups:
        if group.name in old_groups and old_groups[group.name] != group.units:
            gone = [u for u in old_groups[group.name] if u not in group.units]
            came = [u for u in group.units if u not in old_groups[group.name]]
            changes.append(Change("units", "changed", f"单位组 {group.name}",
                                  "、".join(gone) or "—", "、".join(came) or "—"))
    return changes


def _commitments(old: Campaign, new: Campaign) -> list[Change]:
    changes = []
    before = {c.item: c for c in old.commitments}
    after = {c.item: c for c in new.commitments}
    for item, row in after.items():
        if item not in before:
            changes.append(Change("commitments", "added", f"第{row.no}行", new=item))
            continue
        was = before[item]
        if was.standard != row.standard:
            changes.append(Change("commitments", "changed", f"第{row.no}行 {item} 应兑现标准",
                                  was.standard_text, row.standard_text))
        if was.score != row.score:
            changes.append(Change("commitments", "changed", f"第{row.no}行 {item} 考核分",
                                  f"{was.score:g}", f"{row.score:g}"))
    changes += [Change("commitments", "removed", f"第{c.no}行", old=item)
                for item, c in before.items() if item not in after]
    return changes


NOTICE_FIELDS = [("活动名称", lambda c: c.name), ("活动年度", lambda c: str(c.year)),
                 ("文号", lambda c: str(c.number)), ("成文日期", lambda c: str(c.date)),
                 ("截止日期", lambda c: str(c.deadline)), ("标题", lambda c: c.title),
                 ("主送机关", lambda c: c.recipients), ("发文机关标志", lambda c: c.banner),
                 ("署名", lambda c: c.signature), ("抄送", lambda c: "，".join(c.copy_to)),
                 ("印发机关", lambda c: c.printed_by), ("印发日期", lambda c: str(c.printed_date)),
                 ("报送部门", lambda c: c.submit_to),
                 ("联系人", lambda c: f"{c.contact_name} {c.contact_phone}")]


def _notice(old: Campaign, new: Campaign) -> list[Change]:
    changes = [Change("notice", "changed", label, get(old), get(new))
               for label, get in NOTICE_FIELDS if get(old) != get(new)]
    for index in range(max(len(old.body), len(new.body))):
        a = old.body[index].text if index < len(old.body) else None
        b = new.body[index].text if index < len(new.body) else None
        if a == b:
            continue
        where = f"正文第{index + 1}段"
        if a is None:
            changes.append(Change("notice", "added", where, new=b))
        elif b is None:
            changes.append(Change("notice", "removed", where, old=a))
        else:
            changes.append(Change("notice", "reworded", where, a, b, _similarity(a, b)))
    return changes


SECTIONS = [("notice", "通知"), ("rubric", "考核项目与分值"), ("clauses", "考核条款"),
            ("commitments", "服务承诺兑现情况表"), ("people", "领导小组及办公室"),
            ("units", "执行单位")]


def diff_campaigns(old: Campaign, new: Campaign) -> list[Change]:
    """Every difference between two campaigns, section by section."""
    return [*_notice(old, new), *_rubric(old, new), *_clauses(old, new),
            *_commitments(old, new), *_people(old, new), *_units(old, new)]
