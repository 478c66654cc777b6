"""The tone checker: finds phrasing that makes customers feel refused, blamed or brushed off.

Rules live in ``tone_rules.yaml`` (the KB owners tune them, not programmers). Each rule has
regex ``patterns``, optional ``unless`` regexes (a hit inside one of them is fine), an optional
``unless_in_sentence`` regex (e.g. a promise is fine when the same sentence gives a 时限) and a
positive ``suggestion``. A global ``allow`` list holds ordinary polite Chinese that contains
"不"/"没" but is not negative (不客气, 没问题, 不好意思 …): a false alarm on those would teach agents
to ignore the underline altogether. Text inside quotation marks is the customer's own words
(recorded verbatim in notes) and is skipped.

Rules are written in Simplified Chinese; Traditional input (Hong Kong / Taiwan agents, text pasted
from a customer's message) is folded character by character before matching, so every offset of
a finding still points into the original text.
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeAlias

import regex

from agent_assist.knowledge import KnowledgeBase, Problem
from agent_assist.phrases.yamlio import line_of, read_yaml

# a rule's regex: the KB's are compiled with ``regex`` (it has timeouts); code may pass ``re``
Rx: TypeAlias = "re.Pattern[str] | regex.Pattern[str]"

SENTENCE_END = re.compile(r"[。！？!?；;\n]")
log = logging.getLogger(__name__)
QUOTED = re.compile(r"“[^”]*”|\"[^\"\n]*\"|「[^」]*」|『[^』]*』|‘[^’]*’")


@dataclass(frozen=True)
class ToneFinding:
    start: int
    end: int
    text: str
    rule_id: str
    category: str
    message: str
    suggestion: str
    severity: str = "warning"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


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


class ToneChecker:
    """Check text against the rules; ``check`` is pure and fast enough to run on every keystroke."""

    def __init__(
        self, rules: list[ToneRule], allow: list[Rx] | None = None, skip_quotes: bool = True
    ) -> None:
        self.rules = rules
        self.allow = allow or []
        self.skip_quotes = skip_quotes
        self.problems: list[Problem] = []  # of the rules file (set by load_tone_checker)
        self.slow_rules: set[str] = set()  # rules that ran out of time once: skipped since

    @classmethod
    def from_file(cls, path: Path) -> ToneChecker:
        """Load rules; raises ``ValueError`` listing every problem when the file is unusable."""
        checker, problems = load_tone_rules(path)
        errors = [p for p in problems if p.severity == "error"]
        if checker is None or errors:
            raise ValueError("\n".join(str(p) for p in errors or problems))
        return checker

    def check(self, text: str) -> list[ToneFinding]:
        """Findings in ``text``, in order. Linear in the text: shields are merged once and
        looked up by bisection, sentence bounds come from one pass, a sentence's
        ``unless_in_sentence`` answer is computed once. Every KB regex runs under a time
        budget (``regex`` timeouts): a rule that exceeds it — catastrophic backtracking such
        as ``(a|aa)+$`` that slipped past the load-time probe — is skipped from then on and
        listed in ``slow_rules``, so no rule can hang the note editor."""
        if not text:
            return []
        original, text = text, fold_traditional(text)
        budget = _Budget(len(text))
        shield_spans = [span for rx in self.allow for span in budget.spans(rx, text, "allow")]
        if self.skip_quotes:
            shield_spans += [m.span() for m in QUOTED.finditer(text)]
        shielded = _Spans(shield_spans)
        sentences = _Sentences(text)
        found: list[ToneFinding] = []
        for rule in self.rules:
            if rule.id in self.slow_rules:
                continue
            rule_shield = _Spans(
                [span for rx in rule.unless for span in budget.spans(rx, text, rule.id)]
            )
            verdicts: dict[tuple[int, int], bool] = {}  # sentence → unless_in_sentence found
            for rx in rule.patterns:
                for start, end in budget.spans(rx, text, rule.id):
                    if start == end or shielded.overlaps(start, end):
                        continue
                    if rule_shield.overlaps(start, end):
                        continue
                    if rule.unless_in_sentence is not None:
                        bounds = sentences.around(start, end)
                        if bounds not in verdicts:
                            verdicts[bounds] = bool(
                                budget.spans(rule.unless_in_sentence, text, rule.id, *bounds, 1)
                            )
                        if verdicts[bounds]:
                            continue
                    found.append(
                        ToneFinding(
                            start,
                            end,
                            original[start:end],
                            rule.id,
                            rule.category,
                            rule.message,
                            rule.suggestion,
                            rule.severity,
                        )
                    )
        for rule_id in budget.timed_out - self.slow_rules:
            log.warning("tone rule %s exceeded its time budget: skipped from now on", rule_id)
        self.slow_rules |= budget.timed_out
        return _dedupe(found)

    def passes(self, text: str) -> bool:
        return not self.check(text)


@lru_cache(maxsize=1)
def _traditional_table() -> tuple[dict[int, str], re.Pattern[str]]:
    """zhconv's one-character Traditional → Simplified mappings (every one of them maps to one
    character, so folding keeps offsets), and a regex telling whether a text needs folding."""
    from zhconv import zhconv as impl

    pairs = {
        k: v for k, v in impl.getdict("zh-hans").items() if len(k) == 1 and len(v) == 1 and k != v
    }
    needs = re.compile("[" + "".join(re.escape(c) for c in sorted(pairs)) + "]")
    return str.maketrans(pairs), needs


def fold_traditional(text: str) -> str:
    """Traditional characters → Simplified, one for one (``len`` unchanged): 我們不能幫你辦 → 我们不能帮你办."""
    if text.isascii():
        return text
    table, needs = _traditional_table()
    return text.translate(table) if needs.search(text) else text


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``start..end`` (split at 。！？；and newlines; commas stay inside)."""
    s0 = 0
    for m in SENTENCE_END.finditer(text, 0, start):
        s0 = m.end()
    after = SENTENCE_END.search(text, end)
    return s0, (after.start() if after else len(text))


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(a < end and start < b for a, b in spans)


class _Spans:
    """Disjoint sorted spans (the union of the ones given): overlap test by bisection."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for a, b in sorted(x for x in spans if x[0] < x[1]):
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        self.starts = [a for a, _ in merged]
        self.ends = [b for _, b in merged]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.ends, start)  # the first span ending after ``start``
        return i < len(self.starts) and self.starts[i] < end


class _Sentences:
    """:func:`sentence_bounds` for many findings in one text: one pass over it, then
    bisection (rescanning from the start for every finding made 42 KB take 10 s)."""

    def __init__(self, text: str) -> None:
        self.length = len(text)
        self.breaks = [m.start() for m in SENTENCE_END.finditer(text)]

    def around(self, start: int, end: int) -> tuple[int, int]:
        i = bisect.bisect_left(self.breaks, start)
        j = bisect.bisect_left(self.breaks, end)
        s0 = self.breaks[i - 1] + 1 if i else 0
        return s0, (self.breaks[j] if j < len(self.breaks) else self.length)


# A KB regex gets this long per check (plus a little per character, so `tone --file` on a long
# transcript is not cut short); beyond it the rule is skipped (see ToneChecker.check)
RULE_SECONDS = 0.2
RULE_SECONDS_PER_CHAR = 2e-6


class _Budget:
    """Runs KB regexes with a timeout and remembers which rules ran out of it."""

    def __init__(self, length: int) -> None:
        self.seconds = RULE_SECONDS + RULE_SECONDS_PER_CHAR * length
        self.timed_out: set[str] = set()

    def spans(
        self,
        rx: Rx,
        text: str,
        rule_id: str,
        pos: int = 0,
        endpos: int | None = None,
        limit: int | None = None,
    ) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        if rule_id in self.timed_out:
            return out
        if endpos is None:
            endpos = len(text)
        # a rule built in code with Python's ``re`` (tests, callers) has no timeout to give
        matches = (
            rx.finditer(text, pos, endpos)
            if isinstance(rx, re.Pattern)
            else rx.finditer(text, pos, endpos, timeout=self.seconds)
        )
        try:
            for m in matches:
                out.append(m.span())
                if limit is not None and len(out) >= limit:
                    break
        except TimeoutError:
            self.timed_out.add(rule_id)
            return []
        return out


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


def _dedupe(found: list[ToneFinding]) -> list[ToneFinding]:
    """One finding per stretch of text: earliest first, the longer one wins an overlap (rule
    order in the file breaks ties, so the most specific rule should come first)."""
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    out: list[ToneFinding] = []
    for f in found:
        if out and f.start < out[-1].end:
            continue
        out.append(f)
    return out


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


def load_tone_rules(path: Path) -> tuple[ToneChecker | None, list[Problem]]:
    """Parse ``tone_rules.yaml``; bad rules are reported (``path:line``) and left out."""
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
    return ToneChecker(rules, allow, bool(data.get("skip_quotes", True))), problems


def load_tone_checker(kb: KnowledgeBase | None = None) -> ToneChecker:
    """The checker of ``kb`` (its own ``tone_rules.yaml``, else the shipped one)."""
    if kb is not None:
        path = kb.resource("tone_rules.yaml")
    else:
        from agent_assist.storage import shipped_kb_dir

        path = shipped_kb_dir() / "tone_rules.yaml"
    if path is None:
        raise FileNotFoundError(
            "tone_rules.yaml not found in the knowledge folder or the shipped sample"
        )
    checker, problems = load_tone_rules(path)
    if checker is None or any(p.severity == "error" for p in problems):
        from agent_assist.storage import shipped_kb_dir

        shipped = shipped_kb_dir() / "tone_rules.yaml"
        if Path(path) == shipped:
            return ToneChecker.from_file(path)  # raises with the problems
        # a broken centre file: agents keep the shipped rules; the problems stay visible
        checker = ToneChecker.from_file(shipped)
        problems.append(
            Problem(
                path,
                1,
                f"tone rules unusable: the shipped rules ({shipped}) are used instead",
                "warning",
            )
        )
    checker.problems = problems
    return checker
