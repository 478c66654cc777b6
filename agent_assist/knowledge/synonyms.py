"""Synonym groups KB owners maintain (``knowledge/synonyms.yaml``): 掉线 / 断网 / 网断了 / 连不上.

Customers say 网断了 where the KB says 断网 or 宽带故障. A group lists words that mean the same
here; at search time a query containing one of them also looks for the others, weighted below
the words actually typed (see ``search/expansion.py``). The file is KB input like any other: it
is read through ``kbfiles`` (bounded, no YAML aliases), a bad entry is ``path:line: message``
and the rest still loads, and a file that yields no group at all is replaced by the shipped one
with a warning.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from agent_assist.knowledge.kbfiles import KBFileError, SafeLoader, load_yaml, read_text
from agent_assist.knowledge.model import Problem

FILE_NAME = "synonyms.yaml"
MIN_CHARS = 2  # one character (网, 卡) would match inside every other word


def fold(word: str) -> str:
    """Full-width → half-width, lower case, no spaces (search folds Traditional itself)."""
    return "".join(unicodedata.normalize("NFKC", word).lower().split())


@dataclass
class SynonymBook:
    """Groups of words that mean the same; ``problems`` of the file they came from."""

    groups: list[tuple[str, ...]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    path: Path | None = None

    def __len__(self) -> int:
        return len(self.groups)

    def members(self) -> dict[str, int]:
        """Every word (folded) → the index of its group."""
        return {w: i for i, g in enumerate(self.groups) for w in g}


def _lines_of_items(text: str) -> list[int]:
    """1-based line of each item of the ``groups`` list (from the YAML node marks)."""
    try:
        node = yaml.compose(text, Loader=SafeLoader)
    except Exception:
        return []
    if not isinstance(node, yaml.MappingNode):
        return []
    for key, value in node.value:
        if getattr(key, "value", None) == "groups" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def load_synonyms(path: Path | str) -> SynonymBook:
    """The groups of one file; never raises. Problems: the file cannot be read or parsed
    (error), an entry that is not a list of words (error, skipped), a word too short or already
    in another group (warning, left out)."""
    path = Path(path)
    book = SynonymBook(path=path)
    try:
        text = read_text(path)
    except KBFileError as exc:
        book.problems.append(exc.problem(path))
        return book
    data, failure = load_yaml(text)
    if failure is not None:
        book.problems.append(Problem(path, failure.line + 1, f"YAML: {failure.what}"))
        return book
    if data is None:
        book.problems.append(Problem(path, 1, "empty file: no synonym groups"))
        return book
    if not isinstance(data, dict) or not isinstance(data.get("groups"), list):
        book.problems.append(
            Problem(path, 1, "expected 'groups:' with a list of groups like [掉线, 断网, 网断了]")
        )
        return book
    lines = _lines_of_items(text)
    seen: dict[str, int] = {}
    for n, item in enumerate(data["groups"]):
        line = lines[n] if n < len(lines) else 1
        if isinstance(item, str):  # "掉线, 断网, 网断了" written without brackets
            item = [w for w in item.replace("，", ",").split(",")]
        if not isinstance(item, list):
            book.problems.append(
                Problem(path, line, f"a group is a list of words like [掉线, 断网], not {item!r}")
            )
            continue
        words: list[str] = []
        for raw in item:
            if not isinstance(raw, (str, int)) or isinstance(raw, bool):
                book.problems.append(Problem(path, line, f"not a word: {raw!r}"))
                continue
            word = fold(str(raw))
            if len(word) < MIN_CHARS:
                book.problems.append(
                    Problem(
                        path, line, f"'{raw}' is too short (two characters at least)", "warning"
                    )
                )
                continue
            if word in words:
                continue
            if word in seen:
                book.problems.append(
                    Problem(
                        path,
                        line,
                        f"'{raw}' is already in the group on line {seen[word]}: left out here",
                        "warning",
                    )
                )
                continue
            seen[word] = line
            words.append(word)
        if len(words) >= 2:
            book.groups.append(tuple(words))
        elif item:
            book.problems.append(
                Problem(path, line, "a group needs two words or more: skipped", "warning")
            )
    return book


def synonyms_for(kb_root: Path | str | None) -> SynonymBook:
    """The synonyms that go with a KB folder: its own ``synonyms.yaml``, else the shipped one;
    a file of the centre's own that yields no group is replaced by the shipped one, with a
    warning (agents keep the shipped synonyms rather than none)."""
    from agent_assist.storage import shipped_kb_dir

    shipped = shipped_kb_dir() / FILE_NAME
    own = Path(kb_root) / FILE_NAME if kb_root is not None else None
    if own is None or not os.path.lexists(own):
        return load_synonyms(shipped) if shipped.exists() else SynonymBook()
    book = load_synonyms(own)
    if len(book) == 0 and own.resolve() != shipped.resolve() and shipped.exists():
        fallback = load_synonyms(shipped)
        fallback.problems[:0] = [
            *book.problems,
            Problem(
                own,
                1,
                f"同义词文件不可用，已改用随附的同义词 (using the shipped file: {shipped})",
                "warning",
            ),
        ]
        return fallback
    return book


__all__ = ["FILE_NAME", "SynonymBook", "load_synonyms", "synonyms_for"]
