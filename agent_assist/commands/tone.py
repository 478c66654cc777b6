"""``agent-assist tone TEXT [--json] [--file F]``: check phrasing the way the note editor does.

For quality inspectors reviewing call transcripts or notes, and for KB editors checking new
phrases. Exit status: 0 clean, 1 findings, 2 unusable input (missing file, broken rules).

Examples::

    agent-assist tone "这个不归我们管，我们会尽快处理。"
    agent-assist tone --file transcript.txt --json
    echo "你别激动" | agent-assist tone -
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from agent_assist.commands.common import SubParsers, add_kb_option, kb_dir, print_json


def add_parser(sub: SubParsers) -> None:
    p = sub.add_parser(
        "tone",
        help="check phrasing: negative, pushing away, blaming, dismissing, promises without a deadline",
    )
    p.add_argument("text", nargs="?", help="text to check ('-' reads standard input)")
    p.add_argument(
        "--file", type=Path, help="check a UTF-8 text file (findings carry line and column)"
    )
    p.add_argument("--json", action="store_true", help="one JSON object: {count, findings: [...]}")
    add_kb_option(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from agent_assist.knowledge import KnowledgeBase
    from agent_assist.phrases import ToneChecker

    if args.file is not None:
        try:
            text = args.file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            print(
                f"agent-assist tone: cannot read {args.file}: {getattr(exc, 'strerror', None) or exc}",
                file=sys.stderr,
            )
            return 2
        source = str(args.file)
    elif args.text == "-":
        text, source = sys.stdin.read(), "<stdin>"
    elif args.text is not None:
        text, source = args.text, "<text>"
    else:
        print("agent-assist tone: give TEXT, '-' for standard input, or --file F", file=sys.stderr)
        return 2
    rules = KnowledgeBase(root=kb_dir(args)).resource("tone_rules.yaml")
    if rules is None:
        print("agent-assist tone: tone_rules.yaml not found", file=sys.stderr)
        return 2
    try:
        checker = ToneChecker.from_file(rules)
    except ValueError as exc:
        print(f"agent-assist tone: the rules file has errors:\n{exc}", file=sys.stderr)
        return 2
    findings = checker.check(text)
    rows = []
    for f in findings:
        line = text.count("\n", 0, f.start) + 1
        column = f.start - (text.rfind("\n", 0, f.start) + 1) + 1
        rows.append({**f.to_dict(), "line": line, "column": column})
    if args.json:
        print_json({"source": source, "count": len(rows), "findings": rows})
    elif not rows:
        print("未发现语气问题。")
    else:
        for r in rows:
            print(
                f"{source}:{r['line']}:{r['column']}: [{r['category']}] “{r['text']}” — {r['message']}"
            )
            print(f"    建议：{r['suggestion']}")
        print(f"共 {len(rows)} 处", file=sys.stderr)
    return 1 if rows else 0
