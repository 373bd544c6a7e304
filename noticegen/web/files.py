"""Checks on an uploaded summary before it is kept: type, content, readable text."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from ..errors import ExtractionError
from ..extract import extract

SUMMARY_KINDS = (".docx", ".pdf", ".txt", ".md")
KIND_NAMES = "Word（.docx）、PDF（.pdf）或纯文本（.txt）"


class Refused(Exception):
    """An upload refused, with the message shown to the person who sent it."""


def display_name(name: str) -> str:
    """The file name as shown: its last part only, without control characters, at most 80."""
    name = re.split(r"[\\/]", name or "")[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip(" .")
    return name[:80] or "（无名文件）"


def kind_of(name: str) -> str:
    suffix = Path(display_name(name)).suffix.lower()
    if suffix not in SUMMARY_KINDS:
        shown = f"“{suffix}”" if suffix else "无扩展名"
        hint = "（.doc 请先用 Word 或 WPS 另存为 .docx）" if suffix in (".doc", ".wps") else ""
        raise Refused(f"不支持的文件类型（{shown}）：请上传 {KIND_NAMES} 文件{hint}。")
    return suffix


def sniff(path: Path, kind: str) -> None:
    """Refuse content that is plainly not of the kind its name says."""
    with open(path, "rb") as handle:
        head = handle.read(8192)
    if not head:
        raise Refused("上传的文件是空的，请重新选择文件。")
    if kind == ".docx" and not head.startswith(b"PK\x03\x04"):
        raise Refused("文件不是有效的 Word 文档（.docx），可能已损坏或只是改了扩展名。"
                      "请用 Word 或 WPS 打开后另存为 .docx 再上传。")
    if kind == ".pdf" and not head.lstrip().startswith(b"%PDF"):
        raise Refused("文件不是有效的 PDF 文档，可能已损坏或只是改了扩展名。")
    if kind in (".txt", ".md") and b"\x00" in head and not head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise Refused("文件不是纯文本文件（含有二进制内容）。请上传 .docx、.pdf 或 .txt 文件。")


# what the reader's message says (in English or, with the Chinese interface, in Chinese)
# → the message shown to the unit
_REASONS = (
    (("zip bomb", "压缩炸弹"), "文件解压后远大于其本身（疑似压缩炸弹），已拒收。请上传正常的 Word 文档。"),
    (("too many", "太多"), "文件内部部件过多，不是正常的 Word 文档，已拒收。"),
    (("unsafe part", "不安全的部件"), "文件内部含有不安全的路径，已拒收。请用 Word 或 WPS 另存后再上传。"),
    (("not a valid", "不是有效的", "damaged or cut off", "已损坏或不完整"), "文件不是有效的 Word 文档（.docx），可能已损坏。请用 Word 或 WPS 打开后另存为 .docx 再上传。"),
    (("damaged", "已损坏"), "文件已损坏，无法读取。请用 Word 或 WPS 打开后另存再上传。"),
    (("larger than", "比声明的大"), "文件已损坏，无法读取。请用 Word 或 WPS 打开后另存再上传。"),
    (("no text", "没有找到文字", "没有识别出文字", "没有文字层"),
     "文件中没有找到文字。扫描件需要先做文字识别，请上传 Word 原文件。"),
    (("empty", "文件是空的"), "上传的文件是空的，请重新选择文件。"),
    (("MB, more than", "超出总结应有的大小"), "文件过大（超过 20 MB）。请压缩其中的图片后再上传。"),
)


def read_text(path: Path) -> list[list[str]]:
    """The file's text as ``[[text, location], …]``; refuse what the checker cannot read."""
    try:
        segments = extract(path)
    except ExtractionError as exc:
        raise Refused(_chinese(str(exc))) from None
    except Exception:  # a reader library's own failure on a broken file
        raise Refused("文件已损坏，无法读取。请用 Word 或 WPS 打开后另存再上传。") from None
    return [[s.text, s.location] for s in segments]


def _chinese(message: str) -> str:
    for keys, text in _REASONS:
        if any(key in message for key in keys):
            return text
    return "文件无法读取，请检查后重新上传。"
