"""A diff of two process texts that reads well in Chinese.

Lines are compared first (``difflib``); a changed line is then compared inside, token by token,
so 「3个工作日」→「5个工作日」 marks just 3→5. Chinese has no spaces, so a token is one CJK
character or punctuation mark, while runs of Latin letters and digits stay whole (「100元」→
「120元」 marks 100→120, not 0→2). Pure Python, no Qt: the GUI renders :func:`to_html`, the
command line :func:`to_text`.
"""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

# a run of ASCII letters/digits (with . , : % inside numbers and times), or any single character
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:[.:,%/-][A-Za-z0-9]+)*|\s+|.", re.S)
PAIR_RATIO = 0.35  # below this similarity a changed line shows as delete + insert, not edited


@dataclass(frozen=True)
class Span:
    """A piece of a line: ``changed`` pieces are highlighted."""

    text: str
    changed: bool = False


@dataclass(frozen=True)
class DiffLine:
    """One row of the diff. ``kind``: ``same`` / ``add`` / ``del`` / ``change``.

    ``old_no`` / ``new_no`` are 1-based line numbers (0 when the side has no line). For
    ``change`` rows ``old_spans`` / ``new_spans`` mark the edited characters.
    """

    kind: str
    old_no: int
    new_no: int
    old: str = ""
    new: str = ""
    old_spans: tuple[Span, ...] = field(default=())
    new_spans: tuple[Span, ...] = field(default=())


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def inline_diff(old: str, new: str) -> tuple[tuple[Span, ...], tuple[Span, ...]]:
    """Token-level changes inside one line: (old spans, new spans)."""
    a, b = tokens(old), tokens(new)
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    left: list[Span] = []
    right: list[Span] = []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            _add(left, "".join(a[i1:i2]), False)
            _add(right, "".join(b[j1:j2]), False)
        else:
            _add(left, "".join(a[i1:i2]), True)
            _add(right, "".join(b[j1:j2]), True)
    return tuple(left), tuple(right)


def _add(spans: list[Span], text: str, changed: bool) -> None:
    if not text:
        return
    if spans and spans[-1].changed == changed:
        spans[-1] = Span(spans[-1].text + text, changed)
    else:
        spans.append(Span(text, changed))


def diff_lines(old_text: str, new_text: str) -> list[DiffLine]:
    """Every line of both texts, marked same / added / deleted / changed."""
    a, b = old_text.splitlines(), new_text.splitlines()
    out: list[DiffLine] = []
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            for k in range(i2 - i1):
                out.append(DiffLine("same", i1 + k + 1, j1 + k + 1, a[i1 + k], b[j1 + k]))
        elif op == "delete":
            out.extend(DiffLine("del", i + 1, 0, a[i], "") for i in range(i1, i2))
        elif op == "insert":
            out.extend(DiffLine("add", 0, j + 1, "", b[j]) for j in range(j1, j2))
        else:
            out.extend(_replace_block(a, b, i1, i2, j1, j2))
    return out


def _replace_block(
    a: list[str], b: list[str], i1: int, i2: int, j1: int, j2: int
) -> Iterator[DiffLine]:
    """Pair the old and new lines of a replaced block in order when they look alike."""
    i, j = i1, j1
    while i < i2 or j < j2:
        if i < i2 and j < j2:
            ratio = difflib.SequenceMatcher(None, a[i], b[j], autojunk=False).quick_ratio()
            if ratio >= PAIR_RATIO:
                left, right = inline_diff(a[i], b[j])
                yield DiffLine("change", i + 1, j + 1, a[i], b[j], left, right)
                i += 1
                j += 1
                continue
            # the shorter remainder decides which side is the odd one out
            if (i2 - i) >= (j2 - j):
                yield DiffLine("del", i + 1, 0, a[i], "")
                i += 1
            else:
                yield DiffLine("add", 0, j + 1, "", b[j])
                j += 1
        elif i < i2:
            yield DiffLine("del", i + 1, 0, a[i], "")
            i += 1
        else:
            yield DiffLine("add", 0, j + 1, "", b[j])
            j += 1


def changes_only(lines: list[DiffLine], context: int = 1) -> list[DiffLine | None]:
    """The changed rows with ``context`` unchanged rows around them; ``None`` marks a gap."""
    keep: set[int] = set()
    for n, line in enumerate(lines):
        if line.kind != "same":
            keep.update(range(max(0, n - context), min(len(lines), n + context + 1)))
    out: list[DiffLine | None] = []
    last = -1
    for n in sorted(keep):
        if last >= 0 and n != last + 1:
            out.append(None)
        out.append(lines[n])
        last = n
    return out


def summary(lines: list[DiffLine]) -> dict[str, int]:
    """How many lines were added, deleted and changed."""
    out = {"add": 0, "del": 0, "change": 0}
    for line in lines:
        if line.kind in out:
            out[line.kind] += 1
    return out


def to_text(lines: list[DiffLine], context: int = 1) -> str:
    """Plain text for the terminal: ``-``/``+`` lines, ``[-old-]{+new+}`` inside changed lines."""
    rows: list[str] = []
    for line in changes_only(lines, context):
        if line is None:
            rows.append("  …")
        elif line.kind == "same":
            rows.append(f"  {line.new}")
        elif line.kind == "del":
            rows.append(f"- {line.old}")
        elif line.kind == "add":
            rows.append(f"+ {line.new}")
        else:
            rows.append("~ " + _marked(line.old, line.new))
    return "\n".join(rows)


def _marked(old: str, new: str) -> str:
    """One line with deletions as [-…-] and insertions as {+…+}, in reading order."""
    a, b = tokens(old), tokens(new)
    out: list[str] = []
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            out.append("".join(b[j1:j2]))
            continue
        if i2 > i1:
            out.append("[-" + "".join(a[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + "".join(b[j1:j2]) + "+}")
    return "".join(out)


DEL_STYLE = "background-color:#fde2e1;color:#8a1c12;text-decoration:line-through;"
ADD_STYLE = "background-color:#dcf5e3;color:#0f5a2a;font-weight:bold;"


def to_html(lines: list[DiffLine], context: int = 2, labels: tuple[str, str] = ("", "")) -> str:
    """Rich text (Qt's HTML subset): removed text struck through in red, added text in green.

    ``labels`` are the words shown before old / new lines (the GUI passes translated 旧/新).
    """
    old_label, new_label = (html.escape(x) for x in labels)
    rows: list[str] = []
    for line in changes_only(lines, context):
        if line is None:
            rows.append('<div style="color:#888;">⋯</div>')
        elif line.kind == "same":
            rows.append(f'<div style="color:#555;">{html.escape(line.new) or "&nbsp;"}</div>')
        elif line.kind == "del":
            rows.append(
                f'<div><span style="{DEL_STYLE}">{old_label}{html.escape(line.old)}</span></div>'
            )
        elif line.kind == "add":
            rows.append(
                f'<div><span style="{ADD_STYLE}">{new_label}{html.escape(line.new)}</span></div>'
            )
        else:
            rows.append(f"<div>{old_label}{_html_spans(line.old_spans, DEL_STYLE)}</div>")
            rows.append(f"<div>{new_label}{_html_spans(line.new_spans, ADD_STYLE)}</div>")
    return "\n".join(rows)


def _html_spans(spans: tuple[Span, ...], style: str) -> str:
    return "".join(
        f'<span style="{style}">{html.escape(s.text)}</span>' if s.changed else html.escape(s.text)
        for s in spans
    )
