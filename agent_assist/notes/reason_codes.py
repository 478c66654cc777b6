"""The numbered reason codes agents pick from (``knowledge/reason_codes.yaml``).

Numbers are what agents type ("3 12") and what reports group by, so they must be unique and
stable; names are written in the customer's words so the agent recognises the call, not the
org chart. A centre may ship its own file in its KB folder; a broken file is reported as
``path:line: message`` like the rest of the KB, and the good codes still load.

A retired number is never reused: ``legacy:`` in the file says what it became (``now``), so notes
filed under it still read right and still count: a number that became exactly one code is merged
into that code in reports and is typed over to it when an old note is amended; one that was split
(or became a flag) keeps its own, annotated row.
"""

from __future__ import annotations

import copy
import os
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from agent_assist.knowledge.kbfiles import KBFileError, load_yaml, read_text

if TYPE_CHECKING:
    from agent_assist.knowledge import KnowledgeBase
    from agent_assist.storage import Database


@dataclass(frozen=True)
class ReasonCode:
    number: int
    name: str
    group: str = ""
    examples: tuple[str, ...] = ()
    processes: tuple[str, ...] = ()  # process ids this kind of call is handled by

    @property
    def label(self) -> str:
        return f"{self.number} {self.name}"


@dataclass(frozen=True)
class LegacyCode:
    """A retired number: what it was called and the codes it became (empty: now a flag)."""

    number: int
    name: str
    now: tuple[int, ...] = ()
    flag: str = ""
    why: str = ""


@dataclass(frozen=True)
class CodeProblem:
    path: Path | None
    line: int
    message: str
    severity: str = "error"  # "warning": informs (the shipped codes are used instead)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class ReasonCodeBook:
    """All codes by number, plus the problems found while loading them."""

    codes: dict[int, ReasonCode] = field(default_factory=dict)
    problems: list[CodeProblem] = field(default_factory=list)
    legacy: dict[int, LegacyCode] = field(default_factory=dict)

    def __iter__(self) -> Iterator[ReasonCode]:
        return iter(sorted(self.codes.values(), key=lambda c: c.number))

    def __len__(self) -> int:
        return len(self.codes)

    def __contains__(self, number: object) -> bool:
        return number in self.codes

    def get(self, number: int) -> ReasonCode | None:
        return self.codes.get(number)

    def name(self, number: int) -> str:
        code = self.codes.get(number)
        if code:
            return code.name
        old = self.legacy.get(number)
        if old is None:
            return f"未知代码{number}"
        if old.now:
            return f"{old.name}（旧代码，现为 {self.format(old.now)}）"
        return f"{old.name}（旧代码，现为标记：{old.flag or '无'}）"

    def canonical(self, number: int) -> int:
        """The code a note filed under ``number`` counts as today: a retired number that became
        exactly one code is that code; anything else stays as it is."""
        old = self.legacy.get(number)
        if old is not None and len(old.now) == 1 and old.now[0] in self.codes:
            return old.now[0]
        return number

    def filed_under(self, number: int) -> tuple[int, ...]:
        """Every number a stored note may carry that counts as ``number`` today: the code itself
        and each retired number merged into it. Filtering History by 23 must also find the old
        notes filed under 12 (``legacy: 12 → 23``), as the reports already count them; a code
        that was split (15 → 24, 25) cannot be guessed and keeps only its own notes."""
        today = self.canonical(number)
        merged = {n for n in self.legacy if self.canonical(n) == today}
        return tuple(sorted({number, today, *merged}))

    def sql_code(self, column: str) -> str:
        """``column`` with :meth:`canonical` applied, for ``GROUP BY`` in report queries (the
        numbers come from the parsed file, so inlining them is safe)."""
        pairs = [(n, self.canonical(n)) for n in sorted(self.legacy)]
        whens = " ".join(f"WHEN {int(a)} THEN {int(b)}" for a, b in pairs if a != b)
        return f"(CASE {column} {whens} ELSE {column} END)" if whens else column

    def parse(self, text: str) -> tuple[list[int], list[str]]:
        """``"3 12,5"`` → ([3, 12, 5], []) — numbers in typing order, no repeats.

        The second list holds what could not be used (unknown numbers, stray words), so the form
        can say exactly which token is wrong.
        """
        numbers: list[int] = []
        bad: list[str] = []
        for token in re.split(r"[\s,，、;；]+", text.strip()):
            if not token:
                continue
            number = self.canonical(int(token)) if token.isdigit() else 0
            if number in self.codes:
                if number not in numbers:
                    numbers.append(number)
            else:
                bad.append(token)
        return numbers, bad

    @staticmethod
    def format(numbers: list[int] | tuple[int, ...]) -> str:
        return " ".join(str(n) for n in numbers)


_LOADED: dict[tuple[str, int, int], ReasonCodeBook] = {}
_LOADED_LOCK = threading.Lock()


def load_reason_codes(path: Path | str | None) -> ReasonCodeBook:
    """Load a reason-code file; None or a missing file gives an empty book with a problem.

    The note form, History, Reports and the script panel each ask for the codes at start-up;
    a file already parsed (same path, size and modification time) is not parsed again. Each
    caller gets its own copy, so one may add problems without touching the others'.
    """
    if path is None:
        return _parse_reason_codes(None)
    try:
        st = Path(path).stat()
    except OSError:
        return _parse_reason_codes(path)
    key = (str(Path(path).resolve()), st.st_mtime_ns, st.st_size)
    with _LOADED_LOCK:
        book = _LOADED.get(key)
    if book is None:
        book = _parse_reason_codes(path)
        with _LOADED_LOCK:
            _LOADED.clear()  # one KB at a time: keep only the newest
            _LOADED[key] = book
    return copy.deepcopy(book)


def _parse_reason_codes(path: Path | str | None) -> ReasonCodeBook:
    book = ReasonCodeBook()
    if path is None or not Path(path).exists():
        book.problems.append(
            CodeProblem(Path(path) if path else None, 0, "找不到原因代码文件 reason_codes.yaml")
        )
        return book
    path = Path(path)
    try:  # untrusted input: regular file, size-capped, no aliases, bad values reported
        text = read_text(path, path.parent)
    except KBFileError as exc:
        book.problems.append(CodeProblem(path, exc.line, exc.message))
        return book
    data, failure = load_yaml(text, context_first=False)
    if failure is not None:
        book.problems.append(CodeProblem(path, failure.line + 1, f"YAML 格式错误：{failure.what}"))
        return book
    data = data or {}
    entries = data.get("codes") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        book.problems.append(CodeProblem(path, 1, "顶层应为 codes: 列表"))
        return book
    lines = text.splitlines()
    for index, entry in enumerate(entries):
        line = _line_of(lines, index)
        if not isinstance(entry, dict):
            book.problems.append(CodeProblem(path, line, "每个代码应包含 number、name、examples"))
            continue
        number, name = entry.get("number"), str(entry.get("name") or "").strip()
        if not isinstance(number, int) or number <= 0:
            book.problems.append(CodeProblem(path, line, f"number 应为正整数，现在是 {number!r}"))
            continue
        if not name:
            book.problems.append(
                CodeProblem(path, line, f"代码 {number} 缺少 name（客户说法的短名）")
            )
            continue
        if number in book.codes:
            book.problems.append(CodeProblem(path, line, f"代码编号 {number} 重复，已跳过"))
            continue
        examples = entry.get("examples") or []
        if isinstance(examples, str):
            examples = [examples]
        book.codes[number] = ReasonCode(
            number,
            name,
            str(entry.get("group") or ""),
            tuple(str(e) for e in examples),
            _strings(entry.get("processes")),
        )
    _load_legacy(book, path, data.get("legacy"), lines)
    return book


def _strings(value: Any) -> tuple[str, ...]:  # a YAML value: a string, a list or nothing
    if isinstance(value, str):
        value = [value]
    return tuple(str(v).strip() for v in value or () if str(v).strip())


def _load_legacy(book: ReasonCodeBook, path: Path, entries: object, lines: list[str]) -> None:
    """Retired numbers (``legacy:``): each needs a number no current code uses and a ``now``
    list of current codes (empty when it became a flag)."""
    if entries is None:
        return
    if not isinstance(entries, list):
        book.problems.append(CodeProblem(path, 1, "legacy 应为列表：{number, name, now: [...]}"))
        return
    start = next((i for i, x in enumerate(lines, 1) if x.startswith("legacy:")), 1)
    for offset, entry in enumerate(entries, 1):
        line = start + offset
        number = entry.get("number") if isinstance(entry, dict) else None
        if not isinstance(number, int) or number <= 0:
            book.problems.append(CodeProblem(path, line, f"legacy: number 应为正整数：{entry!r}"))
            continue
        if number in book.codes:
            book.problems.append(
                CodeProblem(path, line, f"legacy: 停用的编号 {number} 不能再给现行代码使用")
            )
            continue
        now = entry.get("now") or []
        if not isinstance(now, list) or not all(isinstance(n, int) for n in now):
            book.problems.append(CodeProblem(path, line, f"legacy {number}: now 应为编号列表"))
            continue
        unknown = [n for n in now if n not in book.codes]
        if unknown:
            book.problems.append(
                CodeProblem(path, line, f"legacy {number}: now 里的 {unknown} 不是现行代码")
            )
            continue
        book.legacy[number] = LegacyCode(
            number,
            str(entry.get("name") or "").strip() or f"旧代码{number}",
            tuple(now),
            str(entry.get("flag") or "").strip(),
            str(entry.get("why") or "").strip(),
        )


def _line_of(lines: list[str], index: int) -> int:
    """Line of the ``index``-th ``- number:`` entry (1-based), for path:line messages."""
    seen = -1
    for no, line in enumerate(lines, 1):
        if re.match(r"^\s*-\s", line) and "number" in line:
            seen += 1
            if seen == index:
                return no
    return 1


def reason_codes_for(
    kb: KnowledgeBase | Path | str | None = None, db: Database | None = None
) -> ReasonCodeBook:
    """The codes that go with a KB: ``kb`` is a KnowledgeBase, a KB folder, or None (shipped).

    A centre's folder may hold only processes; then the shipped codes are used. With ``db`` and
    team mode on, the centre's pulled codes are laid over them (:mod:`.team_lists`).
    """
    book = _kb_reason_codes(kb)
    if db is None:
        return book
    from agent_assist.notes.team_lists import overlay_reason_codes, team_reason_codes

    team = team_reason_codes(db)
    return overlay_reason_codes(book, team) if team else book


def _kb_reason_codes(kb: KnowledgeBase | Path | str | None) -> ReasonCodeBook:
    from agent_assist.storage import shipped_kb_dir

    shipped = shipped_kb_dir() / "reason_codes.yaml"
    if kb is None:
        return load_reason_codes(shipped)
    if hasattr(kb, "resource"):
        own = kb.resource("reason_codes.yaml")
    else:
        own = Path(kb) / "reason_codes.yaml"
        own = own if os.path.lexists(own) else shipped
    book = load_reason_codes(own)
    if len(book) == 0 and own is not None and Path(own) != shipped and shipped.exists():
        # a broken file of the centre's own: agents still get codes to pick (the shipped
        # ones), and the problem stays visible in lint-kb and the status bar
        fallback = load_reason_codes(shipped)
        fallback.problems[:0] = [
            *book.problems,
            CodeProblem(
                Path(own),
                1,
                f"原因代码文件不可用，已改用随附的代码 (shipped: {shipped})",
                "warning",
            ),
        ]
        return fallback
    return book
