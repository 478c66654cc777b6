"""Item 11 (tone, batch): the tone checker is linear in its input and a KB rule cannot hang it;
``search --batch`` answers one line per input line, whatever characters a line holds."""

from __future__ import annotations

import json
from pathlib import Path

from agent_assist.phrases import ToneChecker, load_tone_rules
from tests.hostile.conftest import REPO, assert_clean, run_cli

SHIPPED_RULES = REPO / "knowledge" / "tone_rules.yaml"


def test_tone_check_is_linear_on_one_long_line(tmp_path: Path):
    """42 KB on one line took 9.6 s (every finding rescanned the text before it). The same
    input in a subprocess with a timeout: a regression fails here instead of stalling."""
    text = "这个不归我们管，不客气，我们会尽快处理" * 2200  # ~42 KB, no sentence end
    src = tmp_path / "long.txt"
    src.write_text(text * 10, encoding="utf-8")  # ~420 KB for `tone --file` (109 s before)
    proc = run_cli("tone", "--file", str(src), "--json", data_dir=tmp_path / "d", timeout=60)
    assert proc.returncode == 1, proc.stderr  # findings
    assert json.loads(proc.stdout)["count"] > 1000
    checker = ToneChecker.from_file(SHIPPED_RULES)
    findings = checker.check(text)
    assert len(findings) >= 2200


def _naive_check(checker: ToneChecker, text: str) -> list[tuple[int, int, str]]:
    """The check as it was (quadratic), for comparison on short texts."""
    from agent_assist.phrases import tone_text as tone

    text = tone.fold_traditional(text)
    shielded = [m.span() for rx in checker.allow for m in rx.finditer(text)]
    shielded += [m.span() for m in tone.QUOTED.finditer(text)]
    found = []
    for rule in checker.rules:
        rule_shield = [m.span() for rx in rule.unless for m in rx.finditer(text)]
        for rx in rule.patterns:
            for m in rx.finditer(text):
                start, end = m.span()
                if start == end or tone._overlaps(start, end, shielded + rule_shield):
                    continue
                if rule.unless_in_sentence is not None:
                    s0, s1 = tone.sentence_bounds(text, start, end)
                    if rule.unless_in_sentence.search(text, s0, s1):
                        continue
                found.append((start, end, rule.id))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    out: list[tuple[int, int, str]] = []
    for f in found:
        if not out or f[0] >= out[-1][1]:
            out.append(f)
    return out


def test_findings_identical_to_the_simple_algorithm():
    """The fast shielding and sentence bounds find exactly what the naive ones did."""
    checker = ToneChecker.from_file(SHIPPED_RULES)
    text = "".join(
        [
            "这个不归我们管。不客气！我们会尽快处理，您别急。",
            "“你们不能这样”客户说。我们没办法，系统就是这样规定的。",
            "不好意思，这个我不清楚。我们会尽快给您回复；请您耐心等待",
            "我们不能帮你辦，你自己去營業廳办。没问题，我们24小时内回复您。",
        ]
        * 3
    )
    fast = [(f.start, f.end, f.rule_id) for f in checker.check(text)]
    assert fast and fast == _naive_check(checker, text)


CATASTROPHIC = """rules:
  - id: bad.backtrack
    category: 测试
    message: 灾难性回溯
    suggestion: 改写
    patterns: ['(a|aa)+$']
  - id: ok.rule
    category: 测试
    message: 正常规则
    suggestion: 改写
    patterns: ['不归我们管']
"""


def test_catastrophic_rule_is_flagged_by_lint_kb(kb: Path, tmp_path: Path):
    rules = kb / "tone_rules.yaml"
    rules.write_text(CATASTROPHIC, encoding="utf-8")
    proc = run_cli("lint-kb", str(kb), data_dir=tmp_path / "d", timeout=60)
    assert_clean(proc)
    flagged = [ln for ln in proc.stdout.splitlines() if ln.startswith(f"{rules}:")]
    assert any("(a|aa)+$" in ln for ln in flagged), proc.stdout


def test_catastrophic_rule_cannot_hang_the_checker(kb: Path, tmp_path: Path):
    rules = kb / "tone_rules.yaml"
    rules.write_text(CATASTROPHIC, encoding="utf-8")
    checker, problems = load_tone_rules(rules)
    assert checker is not None
    assert any(p.line == 2 for p in problems), problems
    text = "这个不归我们管" + "a" * 40 + "!"  # 7.9 s (and doubling per 'a') before
    proc = run_cli("tone", "--kb", str(kb), text, data_dir=tmp_path / "d", timeout=30)
    assert proc.returncode in (1, 2), proc.stderr
    assert "Traceback" not in proc.stderr
    found = checker.check(text)  # the good rule still reports
    assert [f.rule_id for f in found] == ["ok.rule"]


def test_batch_one_output_line_per_input_line(tmp_path: Path):
    odd = [
        "停机保号\x0b携号转网",
        "话费\x0c查询",
        "a\x1cb\x1dc\x1ed",
        "x\x85y",
        "p\u2028q\u2029r",
        "",
    ]
    queries = [*odd, "最后一行"]
    batch = tmp_path / "queries.txt"
    batch.write_bytes(("\n".join(queries[:-1]) + "\r\n" + queries[-1] + "\n").encode("utf-8"))
    proc = run_cli("search", "--batch", str(batch), data_dir=tmp_path / "d", timeout=120)
    assert_clean(proc)
    lines = proc.stdout.split("\n")
    assert lines[-1] == ""
    records = [json.loads(line) for line in lines[:-1]]
    assert [r["query"] for r in records] == queries
    assert len(proc.stdout.splitlines()) == len(queries)  # safe for any line splitter too
