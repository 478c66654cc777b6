"""``agent-assist export notes``: complaint / call-listening notes to CSV or XLSX.

Examples::

    agent-assist export notes --format xlsx --out 11月小结.xlsx --from 2026-11-01 --to 2026-11-30
    agent-assist export notes --format csv --out notes.csv            # every note
    agent-assist export notes --format csv --out notes.csv --unmasked # with full phone numbers

Phone numbers are masked (138****1234) unless ``--unmasked`` is given — in the 电话 column and
inside every free-text field (phones, ID and card numbers in any format). CSV is UTF-8 with BOM
so Excel shows Chinese correctly. An empty store gives a file with only the header row.

Only reads the database (works in a read-only data dir). A stored note that cannot be read is
skipped and named on stderr; the rest export. Writing fails cleanly: one line on stderr, exit 1,
no half-written file. A damaged database is named on stderr (exit 1); the desktop app offers to
move it aside and start fresh.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from agent_assist.commands.common import (
    SubParsers,
    add_date_range,
    add_kb_option,
    database_failed,
    kb_dir,
    open_data,
)

if TYPE_CHECKING:
    from agent_assist.notes import SkippedRow


def add_parser(sub: SubParsers) -> None:
    p = sub.add_parser("export", help="export data (notes) to CSV / XLSX")
    what = p.add_subparsers(dest="what", metavar="WHAT", required=True)
    n = what.add_parser(
        "notes",
        help="complaint / call-listening notes",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_kb_option(n)
    n.add_argument(
        "--format", choices=["csv", "xlsx"], help="file format (default: from --out's suffix)"
    )
    n.add_argument("--out", type=Path, required=True, metavar="FILE", help="file to write")
    add_date_range(n)
    n.add_argument(
        "--unmasked", action="store_true", help="include full phone numbers (personal data!)"
    )
    n.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from agent_assist.notes import NoteFilter, export_notes, reason_codes_for
    from agent_assist.storage import describe_error, is_disk_full

    fmt = args.format or args.out.suffix.lower().lstrip(".")
    if fmt not in ("csv", "xlsx"):
        print(
            f"agent-assist export notes: 请用 --format csv 或 xlsx（无法从“{args.out.name}”判断格式）",
            file=sys.stderr,
        )
        return 2
    if args.date_from and args.date_to and args.date_from > args.date_to:
        print("agent-assist export notes: --from 晚于 --to，请交换两个日期", file=sys.stderr)
        return 2
    flt = NoteFilter(date_from=args.date_from, date_to=args.date_to)
    prog = "agent-assist export notes"
    db = open_data(prog, readonly=True)
    if db is None:
        return 1
    skipped: list[SkippedRow] = []
    try:
        count = export_notes(
            db, args.out, fmt, reason_codes_for(kb_dir(args), db), flt, args.unmasked, skipped
        )
    except OSError as exc:
        reason = describe_error(exc) if is_disk_full(exc) else (exc.strerror or str(exc))
        print(f"{prog}: 无法写入 {args.out}: {reason}（没有留下不完整的文件）", file=sys.stderr)
        return 1
    except sqlite3.DatabaseError as exc:
        return database_failed(prog, exc)
    masked = "电话、证件号等已打码" if not args.unmasked else "含完整电话号码，请妥善保管"
    print(f"已导出 {count} 条小结到 {args.out}（{fmt.upper()}，{masked}）", file=sys.stderr)
    for bad in skipped:
        print(f"{prog}: 跳过无法读取的小结 {bad}", file=sys.stderr)
    if skipped:
        print(f"{prog}: 共跳过 {len(skipped)} 条损坏的小结，其余已导出", file=sys.stderr)
    return 0
