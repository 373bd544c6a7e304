"""Write output files atomically, only inside the output folder, never over a user's files.

One overwrite policy for every command (:func:`replace_state`): a file noticegen recorded
writing (a folder's manifest, or the hidden record of single files) and unchanged since may
be replaced; an identical file is left alone; any other existing file is refused, named,
unless --force is given. Nothing is deleted unless recorded and unchanged.
Every path written or deleted here is computed by the program and proved to lie inside
its folder (:func:`inside`); a manifest is data to compare with, never a list of paths.
"""
from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import stat
import tempfile
import unicodedata
from pathlib import Path, PurePosixPath
from typing import Callable, Optional

from .errors import OutputError
from .i18n import N_, _

MANIFEST = "manifest.json"
LETTERS_MANIFEST = "feedback-manifest.json"   # the letters keep their record beside a package's
MAX_MANIFEST_BYTES = 1024 * 1024
MAX_COMPARED_BYTES = 64 * 1024 * 1024     # an existing file larger than this is not one of ours
MAX_NAME_BYTES = 180                      # UTF-8; leaves room for “-2.docx” within 255 bytes
TEMP_PREFIX, TEMP_SUFFIX = ".noticegen-", ".part"
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
             *(f"LPT{i}" for i in range(1, 10))}
_HEX64 = re.compile(r"[0-9a-f]{64}")
_OS_HINTS = {
    errno.ENOSPC: N_("free some disk space and run again"),
    errno.EDQUOT: N_("free some disk space (quota) and run again"),
    errno.EACCES: N_("check the folder's permissions"),
    errno.EPERM: N_("check the folder's permissions"),
    errno.EROFS: N_("the disk is read-only: choose another output folder"),
    errno.ENOTDIR: N_("a file stands where a folder is needed: choose another output path"),
    errno.EEXIST: N_("a file stands where a folder is needed: choose another output path"),
    errno.EISDIR: N_("a folder stands where the file should go: choose another output path"),
    errno.ENAMETOOLONG: N_("use a shorter output path"),
}
_DOING = {"write": N_("cannot write: {reason}"), "read": N_("cannot read: {reason}"),
          "remove": N_("cannot remove: {reason}"), "list": N_("cannot list: {reason}"),
          "build": N_("cannot build: {reason}")}


def safe_filename(name: str, limit: int = 80) -> str:
    """A file name that is safe on Windows, macOS and Linux, whatever ``name`` holds; at most
    ``limit`` characters and :data:`MAX_NAME_BYTES` bytes of UTF-8."""
    text = unicodedata.normalize("NFC", name)
    text = re.sub(r'[<>:"/\\|?*\x00-\x1f\x7f-\x9f\u2028\u2029]', "_", text)
    text = text.strip(" .") or "unnamed"
    if text.split(".")[0].upper() in _RESERVED:
        text = f"_{text}"
    text = text[:limit].encode("utf-8")[:MAX_NAME_BYTES].decode("utf-8", errors="ignore")
    return text.rstrip(" .") or "unnamed"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def os_error(exc: OSError, path: Path | str, doing: str = "write") -> OutputError:
    """An OSError (disk full, permissions, a file where a folder should be) as a user error;
    ``doing`` is write, read, remove, list or build."""
    reason = exc.strerror or str(exc)
    hint = _OS_HINTS.get(exc.errno)
    return OutputError(_(_DOING[doing]).format(reason=reason), path=path,
                       hint=_(hint) if hint else _("check the path and the disk"))


def inside(folder: Path, rel: str) -> Path:
    """``folder/rel``, proved to lie inside ``folder``: a relative path without ``..``, and no
    symbolic link on the way (a link could lead anywhere)."""
    pure = PurePosixPath(rel)
    if (not rel or pure.is_absolute() or "\\" in rel or ":" in rel
            or any(part in ("", ".", "..") for part in pure.parts)):
        raise OutputError(_("refusing to write “{path}”: not a plain path inside the "
                            "folder").format(
            path=rel), path=folder, hint=_("this is a bug; please report it"))
    base = Path(os.path.abspath(folder))
    current = base
    for part in pure.parts:
        current = current / part
        if current.is_symlink():
            raise OutputError(_("is a symbolic link; refusing to write through it"), path=current,
                              hint=_("remove the link or build into another folder"))
    resolved = current.resolve()
    if base.resolve() not in (resolved, *resolved.parents):
        raise OutputError(_("lies outside the output folder"), path=current,
                          hint=_("remove the link or build into another folder"))
    return current


def read_limited(path: Path, limit: int) -> Optional[bytes]:
    """The bytes of a regular file of at most ``limit`` bytes, else None (a link, a device,
    a folder or a larger file is never one of ours)."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise os_error(exc, path, "read") from None
    if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
        return None
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise os_error(exc, path, "read") from None
    return data if len(data) <= limit else None


def digest(path: Path) -> Optional[str]:
    """sha256 of an existing file; None when missing, ``"?"`` when it is not a plain file we
    could have written."""
    if not os.path.lexists(path):
        return None
    data = read_limited(path, MAX_COMPARED_BYTES)
    return "?" if data is None else sha256(data)


def refuse_input(path: Path, sources: tuple = ()) -> None:
    """Raise when ``path`` is one of the input files ``sources`` or a folder: an input is
    never replaced, even with --force."""
    path = Path(path)
    for source in sources:
        if os.path.lexists(path) and os.path.exists(source) and os.path.samefile(path, source):
            raise OutputError(_("the output would replace the input file"), path=path,
                              hint=_("write to another file name"))
    if path.is_dir():
        raise OutputError(_("is a folder, not a file"), path=path, hint=_("name a file to write"))


def _umask() -> int:
    """The process's umask (read by setting it and setting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder, then rename; the file
    gets the mode an ordinary write would give it (0666 less the umask)."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=path.parent)
    except OSError as exc:
        raise os_error(exc, path) from None
    try:
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        if os.path.lexists(tmp):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise os_error(exc, path) from None
        raise


def clean_temporaries(folder: Path, depth: int = 2) -> list[str]:
    """Remove the temporary files an interrupted run left in ``folder`` (and its sub-folders,
    links not followed); return their paths relative to ``folder``."""
    removed = []
    for rel in _files(folder, depth, _is_temporary):
        try:
            os.unlink(inside(folder, rel))
            removed.append(rel)
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise os_error(exc, Path(folder) / rel, "remove") from None
    return removed


_LEGACY_TEMP = re.compile(r"\..+\.(?:docx|json)\.[A-Za-z0-9_]{8}\.part")   # .通知.docx.k3j_x9a2.part


def _is_temporary(name: str) -> bool:
    return (name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)) \
        or bool(_LEGACY_TEMP.fullmatch(name))


def _files(folder: Path, depth: int, wanted: Callable[[str], bool], limit: int = 10000) -> list[str]:
    """Relative paths of the regular files under ``folder`` (no links followed) whose name is
    ``wanted``; at most ``limit`` entries looked at."""
    found: list[str] = []
    pending = [(Path(folder), "", depth)]
    seen = 0
    while pending:
        path, prefix, left = pending.pop()
        try:
            entries = list(os.scandir(path))
        except (FileNotFoundError, NotADirectoryError):
            continue
        except OSError as exc:
            raise os_error(exc, path, "list") from None
        for entry in sorted(entries, key=lambda e: e.name):
            seen += 1
            if seen > limit:
                return sorted(found)
            rel = f"{prefix}{entry.name}"
            if entry.is_dir(follow_symlinks=False) and left > 1:
                pending.append((Path(entry.path), f"{rel}/", left - 1))
            elif entry.is_file(follow_symlinks=False) and wanted(entry.name):
                found.append(rel)
    return sorted(found)


def list_files(folder: Path, depth: int, wanted: Callable[[str], bool]) -> list[str]:
    """Relative paths of the regular files under ``folder`` whose name is ``wanted``."""
    return _files(folder, depth, wanted)


def read_manifest(folder: Path, force: bool = False, name: str = MANIFEST) -> dict:
    """The manifest a previous run left in ``folder`` ({} when there is none).

    Anything that is not a small JSON manifest written by noticegen is refused (it may be
    a user's file of the same name); with ``force`` it is ignored and later replaced.
    """
    path = Path(folder) / name
    if not os.path.lexists(path):
        return {}
    data = read_limited(path, MAX_MANIFEST_BYTES)
    manifest = None
    if data is not None:
        try:
            manifest = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            manifest = None
    if _is_ours(manifest):
        return manifest
    if force:
        return {}
    raise OutputError(_("this manifest was not written by noticegen (or is damaged)"),
                      path=path, hint=_("move it away, write into another folder, or pass --force "
                                        "to replace it"))


def _is_ours(manifest) -> bool:
    if not isinstance(manifest, dict) or manifest.get("tool") != "noticegen":
        return False
    for key in ("outputs", "pdfs"):
        entries = manifest.get(key, {})
        if not isinstance(entries, dict) or not all(
                isinstance(k, str) and isinstance(v, str) and _HEX64.fullmatch(v)
                for k, v in entries.items()):
            return False
    return True


def is_plain_name(rel: str, suffixes: tuple[str, ...] = (".docx",)) -> bool:
    """True for a path the program could have written: safe components, one of ``suffixes``."""
    parts = rel.split("/")
    return (0 < len(parts) <= 3 and rel.endswith(suffixes)
            and all(part and safe_filename(part, limit=255) == part for part in parts))


def replace_state(path: Path, data: bytes, recorded: Optional[str]) -> str:
    """How the one overwrite policy sees writing ``data`` to ``path``: ``new`` (nothing
    there), ``same`` (the file already holds ``data``: left alone), ``ours`` (the bytes
    noticegen recorded when it wrote the file, unchanged since: may be replaced) or
    ``foreign`` (anything else: replaced only with --force)."""
    current = digest(path)
    if current is None:
        return "new"
    if current == sha256(data):
        return "same"
    if current != "?" and recorded == current:
        return "ours"
    return "foreign"


def plan_writes(folder: Path, outputs: dict[str, bytes], force: bool,
                ours: Callable[[str], bool] = is_plain_name,
                manifest: str = MANIFEST) -> tuple[list[str], list[str], list[str]]:
    """Split outputs into (to write, unchanged, stale); refuse to replace files we did not write.

    A file may be replaced when its bytes are the ones the last run recorded in the
    manifest; anything else (edited by hand, put there by someone) needs ``force``. Stale
    files are found by listing the folder (never from the manifest's names): a file is
    removed only when it looks like one of ours and still holds the bytes the manifest
    recorded for it.
    """
    folder = Path(folder)
    recorded = read_manifest(folder, force, manifest).get("outputs", {})
    write, unchanged, foreign = _split(folder, outputs, recorded, force)
    refuse_foreign(folder, foreign)
    stale = [rel for rel in _files(folder, 3, lambda name: True)
             if rel not in outputs and rel in recorded and ours(rel)
             and digest(inside(folder, rel)) == recorded[rel]]
    return write, unchanged, stale


def _split(folder: Path, outputs: dict[str, bytes], recorded: dict[str, str], force: bool,
           locate: Callable[[Path, str], Path] = inside) -> tuple[list[str], list[str], list[str]]:
    """(to write, identical, refused) under the overwrite policy (see :func:`replace_state`)."""
    write, unchanged, foreign = [], [], []
    for rel, data in outputs.items():
        state = replace_state(locate(folder, rel), data, recorded.get(rel))
        if state == "same":
            unchanged.append(rel)
        elif state == "foreign" and not force:
            foreign.append(rel)
        else:
            write.append(rel)
    return write, unchanged, foreign


def foreign_files(folder: Path, outputs: dict[str, bytes], manifest: Optional[str] = None) -> list[Path]:
    """The files writing ``outputs`` into ``folder`` would replace against the overwrite
    policy (without --force), found before anything is written: recorded in ``manifest``
    (a package or letters folder), else in the folder's record of single files."""
    folder = Path(folder)
    if manifest is not None:
        recorded = read_manifest(folder, name=manifest).get("outputs", {})   # refuses another's
        foreign = _split(folder, outputs, recorded, False)[2]
    else:
        foreign = _split(folder, outputs, read_record(folder) or {}, False,
                         lambda f, name: f / name)[2]
    return [folder / rel for rel in foreign]


def refuse_foreign(folder: Optional[Path], foreign: list[str]) -> None:
    """Raise when files noticegen did not write (or that changed since) would be replaced:
    the one refusal of the overwrite policy, the same for every command."""
    if foreign:
        listed = ", ".join(foreign[:5]) + (" …" if len(foreign) > 5 else "")
        raise OutputError(_("would replace {count} file(s) that noticegen did not write or "
                            "that changed since: {files}").format(count=len(foreign), files=listed),
                          path=None if folder is None else
                          Path(folder) / foreign[0] if len(foreign) == 1 else folder, hint=_("move them away, choose another output path, or "
                                              "pass --force to replace them"))


def refuse_foreign_pdfs(folder: Path, names: list[str], force: bool,
                       manifest: str = MANIFEST) -> None:
    """Refuse, before anything is written, PDFs that would replace files the manifest does
    not record with their present bytes."""
    recorded = read_manifest(folder, force, manifest).get("pdfs", {})
    refuse_foreign(folder, [rel for rel in names if not force
                            and (current := digest(inside(folder, rel))) is not None
                            and recorded.get(rel) != current])


def write_manifest(folder: Path, manifest: dict, name: str = MANIFEST) -> None:
    text = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    atomic_write(inside(folder, name), text.encode("utf-8"))


def name_key(name: str) -> str:
    """What makes two file names the same file on Windows and macOS: case and width (full-
    width ``Ａ`` is ``A``) do not count."""
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFC", name)).casefold()


def unique_name(base: str, used: set[str], suffix: str = "") -> str:
    """``base`` (else ``base-2``, ``base-3`` …) + ``suffix``, unlike every name in ``used``
    by :func:`name_key`; the name's key is added to ``used``."""
    name, n = base, 2
    while name_key(name + suffix) in used:
        name, n = f"{base}-{n}", n + 1
    used.add(name_key(name + suffix))
    return name + suffix


# -- single files: the record of what noticegen wrote into a folder ---------------------------

RECORD = ".noticegen.json"   # hidden, so that a folder of summaries does not list it


def read_record(folder: Path) -> Optional[dict[str, str]]:
    """The files noticegen recorded writing into ``folder`` (name → sha256); {} when there is
    no record, None when a file of that name is not ours (then nothing is recorded there)."""
    path = Path(folder) / RECORD
    if not os.path.lexists(path):
        return {}
    data = read_limited(path, MAX_MANIFEST_BYTES)
    try:
        record = json.loads(data.decode("utf-8")) if data is not None else None
    except (UnicodeDecodeError, ValueError, RecursionError):
        record = None
    if not isinstance(record, dict) or record.get("tool") != "noticegen":
        return None
    files = record.get("files")
    if not isinstance(files, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                              and _HEX64.fullmatch(v) for k, v in files.items()):
        return None
    return files


def written_here(top: Path) -> Callable[[Path], bool]:
    """Whether a file under ``top`` is one noticegen wrote there and is unchanged since (a
    feedback letter written into the folder of the summaries): the manifests and records
    of ``top`` and the folders under it name it with its present bytes."""
    records: dict[Path, dict[str, str]] = {}

    def recorded(folder: Path) -> dict[str, str]:
        if folder not in records:
            found: dict[str, str] = {}
            for name in (MANIFEST, LETTERS_MANIFEST):
                try:
                    manifest = read_manifest(folder, force=True, name=name)
                except OutputError:
                    manifest = {}
                found.update(manifest.get("outputs", {}))
                found.update(manifest.get("pdfs", {}))
            found.update(read_record(folder) or {})
            records[folder] = found
        return records[folder]

    def ours(path: Path) -> bool:
        if path.name in (MANIFEST, LETTERS_MANIFEST, RECORD):      # the records themselves
            try:
                return bool(read_manifest(path.parent, name=path.name)) or \
                    read_record(path.parent) not in (None, {})
            except OutputError:
                return False
        for folder in [path.parent, *path.parent.parents]:
            rel = path.relative_to(folder).as_posix()
            sha = recorded(folder).get(rel)
            if sha is not None:
                return digest(path) == sha
            if folder == top:
                break
        return False

    return ours


def write_files(folder: Path, outputs: dict[str, bytes], force: bool = False, *,
                sources: tuple = ()) -> list[str]:
    """Write ``outputs`` (file name → bytes) into ``folder`` under the overwrite policy and
    record them; return the names written (identical files are left alone).

    Nothing is written unless every file may be: a file recorded with its present bytes is
    replaced, an identical one left alone, any other needs ``force``; an input (``sources``)
    is never replaced.
    """
    folder = Path(folder)
    for name in outputs:
        if name_key(name) in (name_key(RECORD), name_key(MANIFEST)):
            raise OutputError(_("“{name}” is the name of noticegen's own record of the files it "
                                "wrote").format(name=name), path=folder / name,
                              hint=_("choose another output file name"))
        refuse_input(folder / name, sources)
    record = read_record(folder)
    write, _identical, foreign = _split(folder, outputs, record or {}, force,
                                        lambda f, name: f / name)
    refuse_foreign(folder, foreign)
    for name in write:
        atomic_write(folder / name, outputs[name])
    if record is not None:
        updated = dict(record, **{name: sha256(data) for name, data in outputs.items()})
        if updated != record:
            text = json.dumps({"tool": "noticegen", "files": updated}, ensure_ascii=False,
                              indent=2, sort_keys=True) + "\n"
            atomic_write(folder / RECORD, text.encode("utf-8"))
    return write


def write_file(path: Path, data: bytes, force: bool = False, *, sources: tuple = ()) -> bool:
    """Write one output file under the overwrite policy (see :func:`write_files`); False when
    an identical file was already there."""
    path = Path(path)
    return bool(write_files(path.parent, {path.name: data}, force, sources=sources))
