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

import logging
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from agent_assist.knowledge import KnowledgeBase, Problem
from agent_assist.phrases.tone_rules import ToneRule, read_tone_rules
from agent_assist.phrases.tone_text import QUOTED, Budget, Rx, Sentences, Spans, fold_traditional

log = logging.getLogger(__name__)


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
        budget = Budget(len(text))
        shield_spans = [span for rx in self.allow for span in budget.spans(rx, text, "allow")]
        if self.skip_quotes:
            shield_spans += [m.span() for m in QUOTED.finditer(text)]
        shielded = Spans(shield_spans)
        sentences = Sentences(text)
        found: list[ToneFinding] = []
        for rule in self.rules:
            if rule.id in self.slow_rules:
                continue
            rule_shield = Spans(
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


def load_tone_rules(path: Path) -> tuple[ToneChecker | None, list[Problem]]:
    """Parse ``tone_rules.yaml``; bad rules are reported (``path:line``) and left out."""
    rules, problems = read_tone_rules(path)
    if rules is None:
        return None, problems
    return ToneChecker(rules.rules, rules.allow, rules.skip_quotes), problems


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
