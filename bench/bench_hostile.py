#!/usr/bin/env python3
"""Hostile-input timings (issue 8): what used to hang or crawl, measured. Prints numbers.

  tone-42k     ToneChecker.check on 42 KB of one line (was 9.6 s: quadratic)
  tone-420k    the same ×10, what `tone --file` gets (was 109 s)
  backtrack    a KB rule (a|aa)+$ refused at load, and the checker on 40 a's
  alias-bomb   front matter with a nine-level YAML alias bomb (was > 60 s and 3 GB)
  load-rules   loading the shipped tone rules (each rule probed for backtracking)

usage: python bench/bench_hostile.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def timed(label: str, fn) -> None:
    t = time.perf_counter()
    result = fn()
    print(f"{label:<12} {time.perf_counter() - t:8.3f} s   {result}")


def main() -> None:
    from agent_assist.knowledge import parse_process
    from agent_assist.phrases import load_tone_rules

    rules = REPO / "knowledge" / "tone_rules.yaml"
    timed("load-rules", lambda: f"{len(load_tone_rules(rules)[0].rules)} rules")
    checker = load_tone_rules(rules)[0]
    line = "这个不归我们管，不客气，我们会尽快处理" * 2200
    timed("tone-42k", lambda: f"{len(checker.check(line))} findings")
    timed("tone-420k", lambda: f"{len(checker.check(line * 10))} findings")
    with tempfile.TemporaryDirectory() as folder:
        bad = Path(folder) / "tone_rules.yaml"
        bad.write_text(
            "rules:\n  - {id: r, category: c, message: m, suggestion: s, patterns: ['(a|aa)+$']}\n",
            encoding="utf-8",
        )
        timed("backtrack", lambda: [p.message[:60] for p in load_tone_rules(bad)[1]])
    levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"] + [
        f"{c}: &{c} [{', '.join(['*' + p] * 9)}]" for p, c in zip("abcdefg", "bcdefgh")
    ]
    bomb = "---\nid: x.bomb\ntitle: t\ncategory: 办理\n" + "\n".join(levels) + "\n---\n"
    timed("alias-bomb", lambda: [str(p) for p in parse_process(Path("bomb.md"), bomb)[1]])


if __name__ == "__main__":
    main()
