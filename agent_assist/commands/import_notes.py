"""``agent-assist import notes FILE.csv|FILE.xlsx``: notes from a sheet with the columns
``export notes`` writes (also the call-listening sheets a centre kept in Excel before).

Every row goes through the same validation as the note form; a bad row is reported as
``FILE:ROW: 列名: message`` and skipped, the good rows are still imported. Export → import
round-trips: the 编号 is kept when it is free, a row whose 编号 already holds the same note is
skipped (importing a file twice adds nothing), masked phones (138****1234) are kept masked.
With team mode on, imported notes are queued for the team server like any other note.

Examples::

    agent-assist import notes 11月小结.xlsx
    agent-assist import notes old-listening.csv --kb ./knowledge
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from agent_assist.commands.common import SubParsers, add_kb_option, kb_dir

if TYPE_CHECKING:
    from agent_assist.notes import Note, NoteDraft, ReasonCodeBook
    from agent_assist.storage import Database

# Sheet column → NoteDraft field ("" = derived by export, ignored on import).
COLUMNS = {
    "编号": "id",
    "来电开始": "started_at",
    "来电结束": "ended_at",
    "坐席": "agent_name",
    "工号": "agent_no",
    "客户姓名": "customer_name",
    "电话": "customer_phone",
    "客户原话": "reason_text",
    "原因代码": "reason_codes",
    "原因名称": "",
    "相关流程": "related_processes",
    "投诉类型": "complaint_type",
    "开始情绪": "emotion_start",
    "结束情绪": "emotion_end",
    "重复来电": "repeat_call",
    "之前来电次数": "previous_calls",
    "责任部门": "other_department",
    "处理阶段": "stage",
    "解决方案": "solution",
    "客户接受方案": "solution_accepted",
    "本次解决": "resolved",
    "升级/转接给": "escalated_to",
    "承诺回复时限": "deadline",
    "对客户": "customer_value",
    "对公司": "company_value",
    "处理时长(分钟)": "handling_minutes",
    "备注": "notes",
    "引导脚本": "script_runs",
    "修正次数": "",
}
REQUIRED = ("来电开始", "客户原话", "原因代码", "开始情绪", "结束情绪", "处理阶段")
_MASKED = re.compile(r"^\d{3}\*{4}\d{4}$")
_YES = {"是": True, "否": False, "": None, "true": True, "false": False, "1": True, "0": False}


def add_parser(sub: SubParsers) -> None:
    p = sub.add_parser("import", help="import data (notes) from CSV / XLSX")
    what = p.add_subparsers(dest="what", metavar="WHAT", required=True)
    n = what.add_parser(
        "notes",
        help="notes from a CSV / XLSX sheet with the export's columns",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_kb_option(n)
    n.add_argument("file", type=Path, metavar="FILE", help="FILE.csv or FILE.xlsx")
    n.set_defaults(handler=run)


def read_rows(path: Path) -> tuple[list[str], list[tuple[int, list[Any]]]]:
    """(header, [(row number in the file, cells)]) from a CSV (UTF-8, BOM or not) or XLSX."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        wb = load_workbook(path, read_only=True, data_only=True)
        ws = wb.worksheets[0]
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
        wb.close()
    else:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            rows = [list(r) for r in csv.reader(fh)]
    if not rows:
        return [], []
    header = [str(h or "").strip() for h in rows[0]]
    body = [(i + 2, r) for i, r in enumerate(rows[1:]) if any(str(c or "").strip() for c in r)]
    return header, body


def _text(value: object) -> str:
    """A cell as the text the form would hold (export's formula guard undone)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, float):
        return f"{value:g}"
    text = str(value)
    if text[:2] in ("'=", "'+", "'-", "'@"):
        text = text[1:]
    return text


def row_to_draft(cells: dict[str, str]) -> tuple[NoteDraft, list[tuple[str, str]]]:
    """The NoteDraft of one row, plus (field, message) for cells that are not even readable."""
    from agent_assist.notes import NoteDraft

    problems: list[tuple[str, str]] = []
    data: dict[str, Any] = {}
    for header, name in COLUMNS.items():
        if not name or name == "id" or header not in cells:
            continue
        value = cells[header].strip()
        if name in ("repeat_call", "resolved", "solution_accepted"):
            if value.lower() not in _YES:
                problems.append((header, f"“{value}”应为 是 / 否"))
                continue
            flag = _YES[value.lower()]
            data[name] = flag if name == "solution_accepted" else bool(flag)
        elif name == "related_processes":
            data[name] = value.split()
        elif name == "script_runs":
            data[name] = [{"title": t} for t in value.split("；") if t.strip()]
        else:
            data[name] = value
    data["other_department_caused"] = bool(data.get("other_department"))
    data["escalated"] = bool(data.get("escalated_to"))
    if "ended_at" not in data or not data["ended_at"]:
        data["ended_at"] = data.get("started_at", "")
    return NoteDraft.from_dict(data), problems


def import_notes(
    db: Database, path: Path, codes: ReasonCodeBook
) -> tuple[int, int, list[str], int]:
    """Import ``path``; returns (imported, skipped as already present, error lines, bad rows)."""
    from agent_assist.notes import FIELD_LABELS, NoteStore, validate_draft

    header, rows = read_rows(path)
    missing = [h for h in REQUIRED if h not in header]
    if missing:
        return 0, 0, [f"{path}:1: 缺少列：{'、'.join(missing)}（请用 export notes 导出的表头）"], 1
    label_of = {v: k for k, v in COLUMNS.items() if v}
    store = NoteStore(db)
    errors: list[str] = []
    imported = skipped = bad_rows = 0
    good = []
    for line, raw in rows:
        cells = {h: _text(raw[i]) if i < len(raw) else "" for i, h in enumerate(header) if h}
        draft, problems = row_to_draft(cells)
        masked = ""
        if _MASKED.match(draft.customer_phone.strip()):
            masked, draft.customer_phone = draft.customer_phone.strip(), ""
        result = validate_draft(draft, codes, now=_stamp(draft.ended_at))
        for field, message in problems:
            errors.append(f"{path}:{line}: {field}: {message}")
        if not result.ok or problems:
            bad_rows += 1
            for e in result.errors:
                col = label_of.get(e.field) or FIELD_LABELS.get(e.field, e.field)
                errors.append(f"{path}:{line}: {col}: {e.message}")
            continue
        note = result.note
        assert note is not None
        if masked:
            note.customer_phone = masked
        note.submitted_at = note.ended_at
        wanted = cells.get("编号", "").strip()
        if wanted.isdigit():
            existing = store.get(int(wanted))
            if existing is None:
                note.id = int(wanted)
            elif _same(existing, note):
                skipped += 1
                continue
        good.append(note)
    imported = store.add_many(good)
    return imported, skipped, errors, bad_rows


def _stamp(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text.strip()) if text.strip() else None
    except ValueError:
        return None


def _same(a: Note, b: Note) -> bool:
    skip = {"id", "submitted_at", "amendments"}
    return all(getattr(a, f) == getattr(b, f) for f in a.__dataclass_fields__ if f not in skip)


def run(args: argparse.Namespace) -> int:
    from agent_assist.notes import reason_codes_for
    from agent_assist.storage import open_db

    path: Path = args.file
    if not path.is_file():
        print(f"agent-assist import notes: 找不到文件 {path}", file=sys.stderr)
        return 2
    if path.suffix.lower() not in (".csv", ".xlsx", ".xlsm"):
        print(f"agent-assist import notes: {path}: 只支持 .csv 和 .xlsx", file=sys.stderr)
        return 2
    try:
        db = open_db()  # in team mode the centre's codes count as known codes too
        imported, skipped, errors, bad = import_notes(db, path, reason_codes_for(kb_dir(args), db))
    except (OSError, UnicodeDecodeError, csv.Error, ValueError) as exc:
        print(f"agent-assist import notes: {path}: 无法读取：{exc}", file=sys.stderr)
        return 1
    for line in errors:
        print(line, file=sys.stderr)
    extra = f"，{skipped} 条已存在（跳过）" if skipped else ""
    bad = len({e.rsplit(": ", 2)[0] for e in errors})
    print(f"已导入 {imported} 条小结{extra}" + (f"；{bad} 行有错未导入" if errors else ""))
    return 1 if errors else 0
