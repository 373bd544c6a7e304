"""Commands start with only the libraries they need."""
from __future__ import annotations

import subprocess
import sys

from conftest import EXAMPLE

HEAVY = {"rapidfuzz", "ruamel", "multiprocessing", "concurrent", "docx", "docxtpl", "jinja2",
         "jieba", "opencc", "openpyxl", "pypdf", "lxml", "babel"}


def imported(*argv: str) -> set[str]:
    code = ("import sys\nfrom noticegen.cli import main\n"
            f"try:\n    main({list(argv)!r})\nexcept SystemExit:\n    pass\n"
            "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})), file=sys.stderr)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    return set(proc.stderr.split()) & HEAVY


def test_help_imports_no_heavy_library():
    assert imported("--help") == set()


def test_validate_imports_no_heavy_library():
    assert imported("validate", str(EXAMPLE)) == set()
