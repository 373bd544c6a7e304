"""Hash every output of a fixed set of commands, to prove a refactoring changed none of them.

    python tools/outhash.py record BEFORE.json
    python tools/outhash.py compare BEFORE.json

The commands: build the bundled example, build it with 200 and 1000 extra units, import
the built notice, lint --format json (and lint --fix) every .docx under ../shared/lint-real-dev,
check --format json (with --xlsx and --feedback) on ../shared/eval-dev2, and diff --docx of
the example against its 200-unit copy. Every file written and every stdout is hashed;
``compare`` prints the names that differ and exits 1 if any does.
"""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLE = ROOT / "examples" / "mengdian-2006" / "campaign.yaml"


def big_campaign(folder: Path, units: int) -> Path:
    """The example campaign with ``units`` extra units in every group (as bench/build.py)."""
    from ruamel.yaml import YAML
    yaml = YAML(typ="rt")
    data = yaml.load(EXAMPLE.read_text("utf-8"))
    names = [f"第{i:03d}供电所" for i in range(1, units + 1)]
    for name in names:
        data["units"].append({"name": f"××电业局{name}", "short": name})
    for group in data["groups"]:
        data["groups"][group].extend(names)
    path = folder / f"big{units}" / "campaign.yaml"
    path.parent.mkdir(parents=True)
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)
    return path


def run(hashes: dict, tmp: Path, name: str, *args) -> None:
    """Run the CLI with ``args`` in ROOT; record its exit code and the hash of its stdout
    (the temporary folder's name replaced, it differs per run)."""
    done = subprocess.run([sys.executable, "-m", "noticegen.cli", *map(str, args)], cwd=ROOT,
                          capture_output=True)
    stdout = done.stdout.replace(str(tmp).encode(), b"<tmp>").replace(str(ROOT).encode(), b"<checkout>")
    hashes[f"{name} [stdout]"] = f"rc={done.returncode} " + hashlib.sha256(stdout).hexdigest()


def hash_tree(hashes: dict, tmp: Path, folder: Path) -> None:
    """Record the hash of every file under ``folder``, named relative to ``tmp``."""
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            hashes[path.relative_to(tmp).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()


def outputs() -> dict:
    hashes: dict = {}
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        run(hashes, tmp, "build example", "build", EXAMPLE, "-o", tmp / "example")
        for units in (200, 1000):
            campaign = big_campaign(tmp / "src", units)
            run(hashes, tmp, f"build {units}", "build", campaign, "-o", tmp / f"units{units}")
        notice = next((tmp / "example").rglob("通知.docx"))
        run(hashes, tmp, "import", "import", notice, "-o", tmp / "imported" / "campaign.yaml")
        run(hashes, tmp, "diff", "diff", EXAMPLE, tmp / "src" / "big200" / "campaign.yaml",
            "--docx", tmp / "diff" / "diff.docx")
        docs = sorted((SHARED / "lint-real-dev").rglob("*.docx"))
        for i, doc in enumerate(docs):
            rel = doc.relative_to(SHARED).as_posix()
            run(hashes, tmp, f"lint {rel}", "lint", "--format", "json", doc)
            run(hashes, tmp, f"lint --fix {rel}", "lint", "--fix", doc, "-o", tmp / "fixed" / f"{i:02d}.docx")
        dev2 = SHARED / "eval-dev2"
        run(hashes, tmp, "check eval-dev2", "check", dev2 / "campaign.yaml", dev2, "--format", "json",
            "--xlsx", tmp / "check" / "tracking.xlsx", "--feedback", tmp / "check" / "feedback")
        for folder in sorted(tmp.iterdir()):
            if folder.name != "src":
                hash_tree(hashes, tmp, folder)
    return hashes


def main(argv: list[str]) -> int:
    mode, path = argv
    hashes = outputs()
    if mode == "record":
        Path(path).write_text(json.dumps(hashes, ensure_ascii=False, indent=1), "utf-8")
        print(f"{len(hashes)} outputs recorded")
        return 0
    before = json.loads(Path(path).read_text("utf-8"))
    differ = sorted(k for k in before.keys() | hashes.keys() if before.get(k) != hashes.get(k))
    for key in differ:
        print(f"DIFFERENT {key}: {before.get(key)} -> {hashes.get(key)}")
    print(f"{len(before)} before, {len(hashes)} after, {len(differ)} different")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
