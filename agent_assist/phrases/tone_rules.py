"""Reading ``tone_rules.yaml``: every rule checked and compiled, each problem reported as
``path:line`` and that rule left out, and a regex that could backtrack for ever refused at load.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import regex

from agent_assist.knowledge import Problem
from agent_assist.phrases.tone_text import Rx
from agent_assist.phrases.yamlio import line_of, read_yaml


@dataclass
class ToneRule:
    id: str
    category: str
    message: str
    suggestion: str
    # ``regex`` patterns when loaded from a file (they take a timeout); ``re`` ones work too
    patterns: list[Rx] = field(default_factory=list)
    unless: list[Rx] = field(default_factory=list)
    unless_in_sentence: Rx | None = None
    severity: str = "warning"


@dataclass
class ToneRules:
    """What a rules file holds: the rules, the global ``allow`` list, and whether quoted text
    (the customer's own words) is skipped."""

    rules: list[ToneRule] = field(default_factory=list)
    allow: list[Rx] = field(default_factory=list)
    skip_quotes: bool = True


def dangerous_pattern(rx: regex.Pattern[str]) -> bool:
    """Whether a compiled rule regex backtracks catastrophically: it is tried on runs of its
    own characters (and of digits, spaces, letters) that almost match, under a short timeout.
    ``(a|aa)+$`` on forty a's and a '!' takes seconds with Python's ``re`` and doubles with
    every further 'a'; a rule like that is refused when the rules are loaded."""
    pattern = rx.pattern
    chars = sorted({c for c in pattern if c.isalnum()})[:24] or ["a"]
    probes = [c * 48 + "\u0000" for c in [*chars, "1", " ", "a", "中"]]
    probes.append("".join(chars) * (96 // len(chars) + 1) + "\u0000")
    for probe in probes:
        try:
            rx.search(probe, timeout=0.05)
        except TimeoutError:
            # a busy PC (or CI) can stall any regex for 50 ms: only a probe that also runs out
            # of a generous second try is exponential (those take years on 48 characters)
            try:
                rx.search(probe, timeout=2.0)
            except TimeoutError:
                return True
    return False


def _compile(value: object, path: Path, line: int, what: str, problems: list[Problem]) -> list[Rx]:
    items = [value] if isinstance(value, str) else (value or [])
    if not isinstance(items, list):
        problems.append(Problem(path, line, f"{what} must be a regex or a list of regexes"))
        return []
    out: list[Rx] = []
    for item in items:
        try:
            rx = regex.compile(str(item))
        except (regex.error, ValueError, OverflowError, RecursionError) as exc:
            problems.append(Problem(path, line, f"{what}: bad regex {item!r}: {exc}"))
            continue
        if dangerous_pattern(rx):
            problems.append(
                Problem(
                    path,
                    line,
                    f"{what}: regex {item!r} can take exponential time on some texts "
                    "(nested or overlapping repeats such as (a|aa)+): rule left out; "
                    "rewrite it without a repeat inside a repeat",
                )
            )
            continue
        out.append(rx)
    return out


def read_tone_rules(path: Path) -> tuple[ToneRules | None, list[Problem]]:
    """Parse ``tone_rules.yaml``; bad rules are reported (``path:line``) and left out (None when
    the file itself is unusable)."""
    path = Path(path)
    data, problems = read_yaml(path)
    if problems:
        return None, problems
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        return None, [
            Problem(
                path,
                line_of(data),
                "expected 'rules:' with a list of rules (and optional 'allow:')",
            )
        ]
    allow = _compile(data.get("allow"), path, line_of(data), "allow", problems)
    rules: list[ToneRule] = []
    seen: set[str] = set()
    for item in data["rules"]:
        line = line_of(item)
        if not isinstance(item, dict):
            problems.append(
                Problem(
                    path,
                    line,
                    "each rule must be a mapping with id, category, patterns, suggestion",
                )
            )
            continue
        rid = str(item.get("id") or "").strip()
        before = len(problems)
        if not rid:
            problems.append(Problem(path, line, "rule without id"))
        elif rid in seen:
            problems.append(Problem(path, line, f"duplicate rule id {rid!r}"))
        for key in ("category", "message", "suggestion"):
            if not str(item.get(key) or "").strip():
                problems.append(Problem(path, line, f"rule {rid or '?'}: missing {key}"))
        patterns = _compile(item.get("patterns"), path, line, f"rule {rid}: patterns", problems)
        if not patterns:
            problems.append(Problem(path, line, f"rule {rid}: needs at least one pattern"))
        unless = _compile(item.get("unless"), path, line, f"rule {rid}: unless", problems)
        uis = _compile(
            item.get("unless_in_sentence"), path, line, f"rule {rid}: unless_in_sentence", problems
        )
        if len(problems) > before:
            continue
        seen.add(rid)
        rules.append(
            ToneRule(
                id=rid,
                category=str(item["category"]),
                message=str(item["message"]).strip(),
                suggestion=str(item["suggestion"]).strip(),
                patterns=patterns,
                unless=unless,
                unless_in_sentence=regex.compile("|".join(f"(?:{p.pattern})" for p in uis))
                if uis
                else None,
                severity=str(item.get("severity") or "warning"),
            )
        )
    return ToneRules(rules, allow, bool(data.get("skip_quotes", True))), problems
