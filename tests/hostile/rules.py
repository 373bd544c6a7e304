"""Rule and label files with the wrong shape or with patterns that backtrack for hours."""
from __future__ import annotations

import json
from pathlib import Path

SLOW_PATTERN = "(服+)+$"

RULE_FILES = {
    "nested quantifier": f"- clause: 认真贯彻\n  any:\n    - ['{SLOW_PATTERN}']\n",
    "mapping at top": "clause: 认真贯彻\nany: [[服务]]\n",
    "entry is text": "- 认真贯彻\n",
    "any is text": "- clause: 认真贯彻\n  any: 服务品牌\n",
    "pattern is a number": "- clause: 认真贯彻\n  any:\n    - [95598]\n",
    "exclude is text": "- clause: 认真贯彻\n  any: [[服务]]\n  exclude: 安全\n",
}

LABEL_FILES = {
    "list at top": [],
    "no summaries": {"files": [1, 2]},
    "summary without labels": {"summaries": [{"file": "a.txt"}]},
    "file outside the folder": {"summaries": [{"file": "../../etc/passwd", "labels": {}}]},
    "bad metrics": {"summaries": [{"file": "a.txt", "labels": {}, "metrics": [{"row": 1}]}]},
}


def rule_file(path: Path, case: str) -> Path:
    path.write_text(RULE_FILES[case], encoding="utf-8")
    return path


def labels_folder(folder: Path, case: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a.txt").write_text("自查总结", encoding="utf-8")
    (folder / "labels.json").write_text(json.dumps(LABEL_FILES[case]), encoding="utf-8")
    return folder
