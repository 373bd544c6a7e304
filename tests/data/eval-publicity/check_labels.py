#!/usr/bin/env python3
"""Sanity checks for the publicity set (labels.json + p01..p10.txt).

Run with plain python3 from anywhere:  python3 check_labels.py [DIR]
Exits 1 if any check fails; prints a per-file summary table.
"""
import json
import os
import re
import sys

HERE = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
MIN_CHARS, MAX_CHARS = 1200, 3500          # Chinese characters (CJK ideographs)
VALUES = {"covered", "negated", "missing"}
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
COPY_WARN_LEN = 8                           # warn if a summary shares this many chars with a rubric clause
# proper names (campaign, norms, slogans, meeting) that a real summary may quote verbatim
PROPER_NAMES = ["“讲好电网故事”宣传思想文化工作竞赛", "宣传思想文化工作竞赛", "讲好电网故事", "宣传工作任务目标完成情况表",
                "《××电力报》", "“电力开放日”", "“最美供电人”", "电力开放日", "最美供电人"]


def strip_names(t, mark):
    for name in PROPER_NAMES:
        t = t.replace(name, mark)   # different marks for summary and rubric, so they never match
    return t

errors, warnings = [], []


def err(msg):
    errors.append(msg)


def longest_common_substring(a, b):
    best, prev = 0, [0] * (len(b) + 1)
    for ca in a:
        cur = [0] * (len(b) + 1)
        for j, cb in enumerate(b, 1):
            if ca == cb:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best


labels = json.load(open(os.path.join(HERE, "labels.json"), encoding="utf-8"))
rubric = json.load(open(os.path.join(HERE, labels["rubric"]), encoding="utf-8"))
ids = [leaf["id"] for leaf in rubric["leaves"]]
if len(ids) != 25:
    err(f"rubric has {len(ids)} leaves, expected 25")
COMMITMENT_CLAUSE = "1.4.1"                # the clause that refers to 附件3
N_ROWS = 6
rubric_text = {leaf["id"]: leaf["text"] for leaf in rubric["leaves"]}

rows = []
seen_units = set()
for s in labels["summaries"]:
    f, enc = s["file"], s.get("encoding", "utf-8")
    path = os.path.join(HERE, f)
    if not os.path.isfile(path):
        err(f"{f}: file missing")
        continue
    try:
        text = open(path, "rb").read().decode(enc)          # strict decode
    except UnicodeDecodeError as e:
        err(f"{f}: does not decode as {enc}: {e}")
        continue
    nchars = len(HAN.findall(text))
    if not MIN_CHARS <= nchars <= MAX_CHARS:
        err(f"{f}: {nchars} Chinese characters, outside {MIN_CHARS}-{MAX_CHARS}")
    if s["unit"] in seen_units:
        err(f"{f}: unit {s['unit']} repeated")
    seen_units.add(s["unit"])

    lab = s["labels"]
    if set(lab) != set(ids):
        err(f"{f}: labelled ids differ from rubric: missing {sorted(set(ids) - set(lab))}, extra {sorted(set(lab) - set(ids))}")
    for i, v in lab.items():
        if v not in VALUES:
            err(f"{f}: {i} has bad value {v!r}")

    def check_quote(kind, q):
        if not q or q not in text:
            err(f"{f}: {kind} quote not found verbatim: {q!r}")

    ev = s.get("evidence", {})
    for i, v in lab.items():
        if v != "missing" and i not in ev:
            err(f"{f}: {i} is {v} but has no evidence quote")
    for i, q in ev.items():
        if lab.get(i) == "missing":
            err(f"{f}: evidence given for {i}, which is labelled missing")
        check_quote(f"evidence {i}", q)

    for h in s.get("hard_negatives", []):
        if lab.get(h["id"]) != "missing":
            err(f"{f}: hard negative for {h['id']}, which is not labelled missing")
        check_quote(f"hard_negative {h['id']}", h["quote"])

    for m in s.get("metrics", []):
        if not (isinstance(m["row"], int) and 1 <= m["row"] <= N_ROWS):
            err(f"{f}: metric row {m['row']!r} not in 1..{N_ROWS}")
        if not isinstance(m["meets_standard"], bool):
            err(f"{f}: metric row {m['row']} meets_standard is not a bool")
        check_quote(f"metric row {m['row']}", m["quote"])
    ms = s.get("metrics", [])
    if ms and lab.get(COMMITMENT_CLAUSE) == "missing":
        err(f"{f}: reports commitment figures but {COMMITMENT_CLAUSE} is labelled missing")
    if ms:
        want = "negated" if not any(m["meets_standard"] for m in ms) else "covered"
        if lab.get(COMMITMENT_CLAUSE) != want:
            err(f"{f}: {COMMITMENT_CLAUSE} is {lab.get(COMMITMENT_CLAUSE)}, but the figures say {want}")

    # soft check: the summaries should paraphrase, not copy, the rubric
    for i, rt in rubric_text.items():
        n = longest_common_substring(strip_names(text, "\u0001"), strip_names(rt, "\u0002"))
        if n >= COPY_WARN_LEN:
            warnings.append(f"{f}: shares a {n}-char run with rubric clause {i}")

    c = sum(v == "covered" for v in lab.values())
    n_ = sum(v == "negated" for v in lab.values())
    mi = sum(v == "missing" for v in lab.values())
    rows.append((f, nchars, c, n_, mi, len(s.get("hard_negatives", [])), len(s.get("metrics", []))))

header = ("file", "chars", "#covered", "#negated", "#missing", "#hard_neg", "#metrics")
widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
fmt = "  ".join("{:<%d}" % w if k == 0 else "{:>%d}" % w for k, w in enumerate(widths))
print(fmt.format(*header))
for r in rows:
    print(fmt.format(*r))
tot = [sum(r[k] for r in rows) for k in range(1, 7)]
print(fmt.format("TOTAL", *tot))

for w in warnings:
    print("WARNING:", w)
if errors:
    for e in errors:
        print("ERROR:", e)
    sys.exit(1)
print(f"OK: {len(rows)} summaries, all checks passed")
