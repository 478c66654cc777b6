"""Reading KB files as untrusted input: bounded, regular files only, YAML without surprises.

A KB folder is written by editors, synced from shares and sometimes by someone careless or
hostile. Whatever it holds, loading must end in a ``path:line: message`` — never a hang (a FIFO
named ``x.md``, a symlink to ``/dev/zero``, a directory symlink to ``..``), never gigabytes of
memory (a 400-byte YAML alias bomb), never a traceback (``updated: 2026-02-30`` makes PyYAML
raise ``ValueError``, not ``YAMLError``). Processes and the YAML side files (phrases, tone rules,
reason codes, scripts) all read through here, so the rules are the same everywhere.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from agent_assist.knowledge.model import Problem

MAX_FILE_BYTES = 2 * 1024 * 1024  # a process is a few KB; 2 MB is a pasted manual, not a process
MARKDOWN_SUFFIX = ".md"  # compared case-insensitively: Windows editors save ``.MD`` too

# libyaml is ~10x faster; the pure-Python loader is the fallback
_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class KBFileError(Exception):
    """A file that cannot be used; ``line`` is 1-based within the file."""

    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line

    def problem(self, path: Path | str, severity: str = "error") -> Problem:
        return Problem(Path(path), self.line, self.message, severity)


# --- bytes -----------------------------------------------------------------------------------
def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _inside(path: Path | str, root: Path | str) -> bool:
    real, base = os.path.realpath(path), os.path.realpath(root)
    return real == base or real.startswith(base.rstrip(os.sep) + os.sep)


def check_file(
    path: Path | str, root: Path | str | None = None, st: os.stat_result | None = None
) -> os.stat_result:
    """The ``stat`` of ``path`` if it may be read: a regular file (symlinks followed only to a
    target inside ``root``) of at most ``MAX_FILE_BYTES``; else :class:`KBFileError`."""
    if root is not None and os.path.islink(path) and not _inside(path, root):
        raise KBFileError("symlink points outside the knowledge folder: not read")
    try:
        found = st or os.stat(path)
    except OSError as exc:
        raise KBFileError(f"cannot read file: {exc.strerror or exc}") from None
    if not stat.S_ISREG(found.st_mode):
        raise KBFileError(f"{_kind(found.st_mode)}, not a file: skipped")
    if found.st_size > MAX_FILE_BYTES:
        raise KBFileError(
            f"file too large ({found.st_size / 1e6:.1f} MB, at most {MAX_FILE_BYTES // 2**20} MB): "
            "skipped; split it into smaller processes"
        )
    return found


def read_file(
    path: Path | str, root: Path | str | None = None, *, checked: bool = False
) -> tuple[bytes, os.stat_result]:
    """The bytes of a KB file and its ``stat``, checked with :func:`check_file` before opening
    (``checked``: the caller's folder scan just did) and again on the open file: the open never
    blocks, so a FIFO swapped in meanwhile is refused, not waited on."""
    if not checked:
        check_file(path, root)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise KBFileError(f"cannot read file: {exc.strerror or exc}") from None
    try:
        st = check_file(path, None, os.fstat(fd))
        chunks, size = [], 0
        while size <= MAX_FILE_BYTES:
            chunk = os.read(fd, MAX_FILE_BYTES + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise KBFileError(f"cannot read file: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if size > MAX_FILE_BYTES:
        raise KBFileError(f"file too large (more than {MAX_FILE_BYTES // 2**20} MB): skipped")
    return b"".join(chunks), st


def read_bytes(path: Path | str, root: Path | str | None = None) -> bytes:
    """The bytes of a KB file (see :func:`read_file`)."""
    return read_file(path, root)[0]


_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def decode_text(data: bytes) -> str:
    """Text of a KB file: UTF-8 (with or without BOM) or UTF-16 with a BOM (what Windows
    Notepad saves as "Unicode"); line endings folded to ``\\n`` (Windows ``\\r\\n`` and old Mac
    ``\\r`` alike), so every line number counts the lines an editor shows."""
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), "utf-8")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding == "utf-16":
            raise KBFileError("broken UTF-16 text: save the file as UTF-8") from None
        line = data[: exc.start].count(b"\n") + 1
        if data[:200].count(b"\x00") > len(data[:200]) // 4:
            raise KBFileError(
                "looks like UTF-16 without a byte-order mark: save the file as UTF-8"
            ) from None
        raise KBFileError("not UTF-8 text: save the file as UTF-8", line) from None
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: Path | str, root: Path | str | None = None) -> str:
    return decode_text(read_bytes(path, root))


# --- folders -------------------------------------------------------------------------------
def scan_kb(root: Path | str) -> tuple[dict[str, os.stat_result], list[Problem]]:
    """Relative path → ``stat`` of every Markdown file under ``root`` that may be read, and the
    problems of what may not: unreadable folders, FIFOs and devices, files over the size cap,
    symlinks leading out of the folder. Hidden entries (``.git``, editor backups) are skipped;
    directory symlinks are never followed (``up -> ..`` would loop forever) and are reported.

    One ``scandir`` pass, one ``stat`` per file: the index calls this on every sync of a
    20k-file folder. Relative paths use ``os.sep``; the order is sorted.
    """
    root = str(root)
    found: dict[str, os.stat_result] = {}
    problems: list[Problem] = []
    stack = [("", root)]
    while stack:
        rel_dir, abs_dir = stack.pop()
        try:
            with os.scandir(abs_dir) as it:
                entries = list(it)
        except OSError as exc:
            problems.append(
                Problem(Path(abs_dir), 1, f"cannot read folder: {exc.strerror or exc}; skipped")
            )
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            rel = f"{rel_dir}{entry.name}"
            try:
                if entry.is_dir(follow_symlinks=False):
                    stack.append((rel + os.sep, entry.path))
                    continue
                is_link = entry.is_symlink()
                if is_link and os.path.isdir(entry.path):
                    problems.append(
                        Problem(
                            Path(entry.path),
                            1,
                            "folder symlink not followed: put the files in the knowledge folder",
                            "warning",
                        )
                    )
                    continue
                if not entry.name.lower().endswith(MARKDOWN_SUFFIX):
                    continue
                found[rel] = check_file(entry.path, root if is_link else None)
            except KBFileError as exc:
                problems.append(exc.problem(entry.path))
            except OSError as exc:
                problems.append(
                    Problem(Path(entry.path), 1, f"cannot read file: {exc.strerror or exc}")
                )
    return dict(sorted(found.items())), problems


# --- YAML ------------------------------------------------------------------------------------
class SafeLoader(_Base):  # type: ignore[misc]  # a base chosen at run time
    """libyaml's safe loader with two changes for untrusted files: a date-looking value stays a
    string (``2026-02-30`` is a typo to report, not a ``ValueError`` from ``datetime``), and any
    exception while building a value becomes a ``YAMLError`` at that value's line."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except yaml.YAMLError:
            raise
        except Exception as exc:  # ValueError, TypeError, RecursionError … from a constructor
            tag = str(node.tag).replace("tag:yaml.org,2002:", "!!")
            value = node.value if isinstance(node.value, str) else "…"
            raise yaml.constructor.ConstructorError(
                None, None, f"cannot read {value[:40]!r} as {tag} ({exc})", node.start_mark
            ) from None


SafeLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class YAMLFailure:
    """Why a YAML text could not be loaded: 0-based ``line`` within the text, and ``what``."""

    line: int
    what: str
    syntax: bool = True  # a YAML syntax error (False: a value that cannot be built, an alias)


def refuse_aliases(text: str, loader: type = SafeLoader) -> YAMLFailure | None:
    """An alias (``*name``) makes one node stand for another; nine of them nested nine deep are
    a 400-byte file that expands to a billion items. KB files have no use for them: refused
    before anything is built. Only texts with a ``*`` are parsed for it (libyaml events)."""
    if "*" not in text:
        return None
    parser = loader(text)
    try:
        while parser.check_event():
            event = parser.get_event()
            if isinstance(event, yaml.AliasEvent):
                return YAMLFailure(
                    event.start_mark.line if event.start_mark is not None else 0,
                    f"YAML alias '*{event.anchor}' is not allowed: write the value out",
                    False,
                )
    except yaml.YAMLError:
        return None  # a syntax error: the load reports it with its own line
    finally:
        parser.dispose()
    return None


def load_yaml(
    text: str, loader: type = SafeLoader, *, context_first: bool = True
) -> tuple[Any, YAMLFailure | None]:
    """``(data, None)`` or ``(None, failure)``; never raises for any text. ``context_first``:
    report the line of the construct left open rather than where the parser gave up."""
    refused = refuse_aliases(text, loader)
    if refused is not None:
        return None, refused
    try:
        return yaml.load(text, Loader=loader), None
    except yaml.YAMLError as exc:
        # the context mark points at the construct left open (an unclosed "[" on its own line),
        # the problem mark at where the parser gave up; the former is where the fix goes
        marks = [getattr(exc, "context_mark", None), getattr(exc, "problem_mark", None)]
        mark = next((m for m in (marks if context_first else marks[::-1]) if m is not None), None)
        what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        context = getattr(exc, "context", None)
        if context and context not in what:
            what = f"{what} ({context})"
        syntax = not isinstance(exc, yaml.constructor.ConstructorError)
        return None, YAMLFailure(mark.line if mark is not None else 0, what, syntax)
    except Exception as exc:  # MemoryError, RecursionError in the parser itself
        return None, YAMLFailure(0, f"unreadable YAML ({type(exc).__name__})", False)


__all__ = [
    "MARKDOWN_SUFFIX",
    "MAX_FILE_BYTES",
    "KBFileError",
    "SafeLoader",
    "YAMLFailure",
    "check_file",
    "decode_text",
    "load_yaml",
    "read_bytes",
    "read_file",
    "read_text",
    "refuse_aliases",
    "scan_kb",
]
