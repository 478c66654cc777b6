"""Read a knowledge folder: every ``*.md`` below it that opens with front matter is a process.

A broken file never stops the load: it is reported as ``path:line: what`` and skipped, so one
typo by a KB editor cannot take the whole knowledge base away from agents mid-shift.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from agent_assist.knowledge.kbfiles import (
    KBFileError,
    decode_text,
    load_yaml,
    read_file,
    read_text,
    scan_kb,
)
from agent_assist.knowledge.key_facts import parse_key_facts
from agent_assist.knowledge.model import CATEGORIES, ID_PATTERN, KnowledgeBase, Problem, Process

FENCE = "---"
_LIST_FIELDS = ("keywords", "customer_phrases", "related")
_STR_FIELDS = ("summary", "owner", "script")
# review_by / review_every: read by releases.health (kb-health, lint-kb review warnings)
KNOWN_FIELDS = {
    "id",
    "title",
    "category",
    "updated",
    "key_facts",
    "review_by",
    "review_every",
    *_LIST_FIELDS,
    *_STR_FIELDS,
}


def iter_process_files(root: Path, problems: list[Problem] | None = None) -> Iterator[Path]:
    """Every readable ``*.md`` (any case) under ``root``, sorted for stable ids on duplicates.

    Hidden folders are skipped: editors and VCS keep their own Markdown there. What cannot be
    read (see :func:`~agent_assist.knowledge.kbfiles.scan_kb`) goes to ``problems``.
    """
    found, scan_problems = scan_kb(root)
    if problems is not None:
        problems.extend(scan_problems)
    for rel in found:
        yield Path(root) / rel


def content_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _key_line(front: str, key: str) -> int:
    """1-based line (within the file) of ``key:`` in the front matter, else the fence line."""
    for n, line in enumerate(front.splitlines(), start=2):
        if re.match(rf"^{re.escape(key)}\s*:", line):
            return n
    return 1


def _as_tuple(value: object) -> tuple[str, ...] | None:
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(x.strip() for x in re.split(r"[,，、]", value) if x.strip())
    if isinstance(value, list) and all(isinstance(x, (str, int, float)) for x in value):
        return tuple(str(x).strip() for x in value if str(x).strip())
    return None


def parse_process(path: Path, text: str, digest: str = "") -> tuple[Process | None, list[Problem]]:
    """Parse one process file. Returns ``(None, problems)`` when the file cannot be used."""
    problems: list[Problem] = []
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.startswith(FENCE + "\n"):
        return None, [Problem(path, 1, "no front matter: the file must start with a '---' line")]
    end = text.find("\n" + FENCE, len(FENCE))
    while end != -1 and text[end + 1 + len(FENCE) : end + 2 + len(FENCE)] not in ("\n", ""):
        end = text.find("\n" + FENCE, end + 1)
    if end == -1:
        return None, [Problem(path, 1, "front matter is not closed: add a '---' line after it")]
    front = text[len(FENCE) + 1 : end + 1]
    body = text[end + 1 + len(FENCE) :].lstrip("\n")
    body_line = text[: len(text) - len(body)].count("\n") + 1
    meta, failure = load_yaml(front)
    if failure is not None:
        return None, [Problem(path, failure.line + 2, f"bad YAML in front matter: {failure.what}")]
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        return None, [Problem(path, 2, "front matter must be a mapping of 'key: value' lines")]

    def bad(key: str, message: str, severity: str = "error") -> None:
        problems.append(Problem(path, _key_line(front, key), message, severity))

    pid = meta.get("id")
    if pid is None or str(pid).strip() == "":
        bad("id", "missing id: add 'id: group.name' (lower-case letters, digits, '.', '-')")
    elif not isinstance(pid, str) or not ID_PATTERN.match(pid):
        bad("id", f"bad id {pid!r}: use only lower-case letters, digits, '.' and '-'")
    title = meta.get("title")
    if title is None or not str(title).strip():
        bad("title", "empty title: every process needs a title agents will recognise")
    category = meta.get("category")
    if category not in CATEGORIES:
        if category is None:
            bad("category", f"missing category: one of {' | '.join(CATEGORIES)}")
        else:
            bad("category", f"unknown category {category!r}: use one of {' | '.join(CATEGORIES)}")
    fields: dict[str, object] = {}
    for key in _LIST_FIELDS:
        value = _as_tuple(meta.get(key))
        if value is None:
            bad(key, f"{key} must be a list of short texts, e.g. [{key}1, {key}2]")
            value = ()
        fields[key] = value
    for key in _STR_FIELDS:
        value = meta.get(key)
        if value is not None and not isinstance(value, (str, int, float)):
            bad(key, f"{key} must be a single line of text")
            value = None
        fields[key] = str(value).strip() if value is not None else ""
    key_facts, fact_problems = parse_key_facts(meta.get("key_facts"))
    for message, severity in fact_problems:
        bad("key_facts", message, severity)
    updated = meta.get("updated")
    if updated is not None:  # dates stay strings in front matter (see kbfiles.SafeLoader)
        updated = str(updated).strip()
        if re.match(r"^\d{4}-\d{2}-\d{2}[ T]\d", updated):  # a time after the date: dropped
            updated = updated[:10]
        try:
            dt.date.fromisoformat(updated)
        except ValueError:
            bad("updated", f"bad date {updated!r}: write it as YYYY-MM-DD", "warning")
    for key in meta:
        if key not in KNOWN_FIELDS:
            bad(
                str(key),
                f"unknown field {key!r} (ignored); known: {', '.join(sorted(KNOWN_FIELDS))}",
                "warning",
            )
    if any(p.severity == "error" for p in problems):
        return None, problems
    process = Process(
        id=str(pid),
        title=str(title).strip(),
        category=str(category),
        body=body,
        updated=str(updated or ""),
        review_by=str(meta.get("review_by") or ""),  # checked by releases.health (kb-health)
        review_every=str(meta.get("review_every") or ""),
        path=path,
        content_hash=digest,
        body_line=body_line,
        key_facts=key_facts,
        **fields,  # type: ignore[arg-type]
    )
    return process, problems


def read_process(path: Path) -> tuple[Process | None, list[Problem]]:
    """Read and parse one file; unreadable, oversized, non-regular or undecodable files become
    problems, not exceptions (see :mod:`agent_assist.knowledge.kbfiles`)."""
    process, problems, _ = read_process_file(path)
    return process, problems


def read_process_file(
    path: Path, root: Path | None = None, *, checked: bool = False
) -> tuple[Process | None, list[Problem], bool]:
    """:func:`read_process`, plus whether the file is meant as a process at all (a Markdown
    file without front matter — a README — is not, and is no problem). ``checked``: found by
    :func:`iter_process_files` just now (see ``kbfiles.read_file``)."""
    try:
        data = read_file(path, root, checked=checked)[0]
        text = decode_text(data)
    except KBFileError as exc:
        return None, [exc.problem(path)], True
    if not text.startswith("---"):
        return None, [], False
    process, problems = parse_process(path, text, content_hash(data))
    return process, problems, True


def load_kb(root: Path | str, files: Iterable[Path] | None = None) -> KnowledgeBase:
    """Load every process under ``root``; duplicates and dangling ``related`` become problems.

    Markdown files without front matter (a README) are not processes and are silently skipped.
    """
    root = Path(root)
    kb = KnowledgeBase(root=root)
    if not root.is_dir():
        kb.problems.append(Problem(root, 1, "knowledge folder not found"))
        return kb
    first_seen: dict[str, Path] = {}
    paths = files if files is not None else iter_process_files(root, kb.problems)
    for path in paths:
        # a README or notes without front matter is not a process: skipped without a word
        process, problems, _ = read_process_file(path, root, checked=files is None)
        kb.problems.extend(problems)
        if process is None:
            continue
        if process.id in first_seen:
            kb.problems.append(
                Problem(
                    path,
                    _key_line_of(path, "id"),
                    f"duplicate id {process.id!r}: already used by {first_seen[process.id]}",
                )
            )
            continue
        first_seen[process.id] = path
        kb.processes[process.id] = process
    for process in kb.processes.values():
        for rid in process.related:
            if rid not in kb.processes:
                kb.problems.append(
                    Problem(
                        process.path or root,
                        _key_line_of(process.path, "related"),
                        f"related id {rid!r} does not exist in this knowledge base",
                    )
                )
    return kb


def _key_line_of(path: Path | None, key: str) -> int:
    if path is None:
        return 1
    try:
        text = read_text(path)
    except KBFileError:
        return 1
    end = text.find("\n---", 3)
    return _key_line(text[4 : end + 1] if end != -1 else text, key)


# --- content warnings: the file loads, but agents will miss something mid-call ---------------
MIN_CUSTOMER_PHRASES = 3
STEP_SECTIONS = ("步骤", "流程", "处理")  # where ``Process.steps`` looks, in this order
# a word that could be a process id: group.name[.more]; not part of a URL, path or e-mail
_ID_MENTION = re.compile(r"(?<![A-Za-z0-9._/@:-])([a-z]+(?:\.[a-z0-9-]+)+)(?![A-Za-z0-9_-])")
_ALMOST_STEP = re.compile(r"^\s*\d+\s*[）．：:]")


def content_warnings(kb: KnowledgeBase) -> list[Problem]:
    """Warnings (never errors) for processes that load but serve agents badly: no ``summary``
    for the quick card, fewer than 3 ``customer_phrases`` for the customer's own words to find
    it, no numbered steps, and body text naming a process id the KB does not have.

    Bodies legitimately name other processes ("按 complaint.repeat 同时升级督办"); a word is
    taken for an id when it looks like one (``group.name``) and its group is one this KB's ids
    use, so ``www.10086.cn`` or ``phrases.yaml`` are not mistaken for ids. Separate from
    :func:`load_kb` because it is for KB editors (``lint-kb``), not for every start of the app.
    """
    groups = {pid.split(".", 1)[0] for pid in kb.processes if "." in pid}
    out: list[Problem] = []
    for process in kb.processes.values():
        out.extend(_process_warnings(process, kb, groups))
    return out


def _process_warnings(process: Process, kb: KnowledgeBase, groups: set[str]) -> list[Problem]:
    path = process.path or kb.root
    found: list[Problem] = []
    front_lines: dict[str, int] = {}

    def key_line(key: str) -> int:  # read the file again only for a process that needs a line
        if not front_lines:
            front_lines.update(
                {k: _key_line_of(process.path, k) for k in ("title", "customer_phrases")}
            )
        return front_lines[key]

    if not process.summary:
        found.append(
            Problem(
                path,
                key_line("title"),
                "missing summary: add 'summary: …' after the title — "
                "the one line the quick card shows",
                "warning",
            )
        )
    n = len(process.customer_phrases)
    if n < MIN_CUSTOMER_PHRASES:
        line = key_line("customer_phrases") if n else key_line("title")
        found.append(
            Problem(
                path,
                line,
                f"{n} customer_phrases (at least {MIN_CUSTOMER_PHRASES}): add how customers "
                "actually say it, so their own words find this process",
                "warning",
            )
        )
    body = process.body.splitlines()
    if not process.steps:
        found.append(_steps_warning(process, path, body))
    for offset, text in enumerate(body):
        for match in _ID_MENTION.finditer(text):
            word = match.group(1).rstrip("-.")
            if (
                word.split(".", 1)[0] not in groups
                or word in kb.processes
                or not ID_PATTERN.match(word)
            ):
                continue
            close = difflib.get_close_matches(word, list(kb.processes), n=1, cutoff=0.8)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            found.append(
                Problem(
                    path,
                    process.body_line + offset,
                    f"mentions '{word}', which is not a process id in this knowledge base{hint}",
                    "warning",
                )
            )
    return found


def _steps_warning(process: Process, path: Path, body: list[str]) -> Problem:
    """Point at the section ``Process.steps`` reads (the first heading naming 步骤/流程/处理)."""
    for offset, text in enumerate(body):
        heading = text[3:].strip()
        if text.startswith("## ") and any(name in heading for name in STEP_SECTIONS):
            section = process.section(heading).splitlines()
            almost = next((x.strip() for x in section if _ALMOST_STEP.match(x)), "")
            hint = (
                f" ('{almost[:12]}' is not read as a step: number it '1.' or '1、')"
                if almost
                else ""
            )
            return Problem(
                path,
                process.body_line + offset,
                f"section '{heading}' has no numbered steps: "
                f"write them as '1. …' lines so the quick card can show them{hint}",
                "warning",
            )
    return Problem(
        path,
        process.body_line,
        "no '## 步骤' section with numbered steps ('1. …'): the quick card will show no steps",
        "warning",
    )
