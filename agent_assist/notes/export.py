"""Notes out to the tools supervisors use: CSV (UTF-8 with BOM, so Excel shows Chinese) and XLSX.

Phone numbers are masked (``138****1234``) unless the caller asks for them: an export is the
likeliest way personal data leaves the building. That covers the numbers inside free text too
(客户原话, 解决方案, 备注 …: phones, ID and card numbers in any format, see :mod:`masking`).
Text that a spreadsheet would run as a formula (``=…``, ``+…``, ``-…``, ``@…``) stays text in
both formats, and control characters pasted from the CRM (which the XLSX format forbids) are
dropped, so every note exports. Notes are streamed from the store in chunks, so exporting a year
of notes needs little memory; an empty store gives a file with just the header.
"""

from __future__ import annotations

import csv
import errno
import gc
import io
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TextIO

from agent_assist.notes.filters import NoteFilter
from agent_assist.notes.masking import mask_pii
from agent_assist.notes.model import Note, fmt_time
from agent_assist.notes.phones import mask_phone
from agent_assist.notes.reason_codes import ReasonCodeBook
from agent_assist.notes.script_runs import path_text, runs_cell, stage_seconds_text
from agent_assist.notes.store import NoteStore, SkippedRow
from agent_assist.notes.text import clean_text
from agent_assist.storage import Database

if TYPE_CHECKING:
    from openpyxl.cell import Cell
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

#: a file to write to: a path, or a binary file the caller owns
Output = Path | str | IO[bytes]
#: ``write_csv`` / ``write_xlsx``
Writer = Callable[[Iterable[Note], Output, ReasonCodeBook, bool], int]

FORMATS = ("csv", "xlsx")


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("是" if value else "否")


def columns(codes: ReasonCodeBook, unmasked: bool) -> list[tuple[str, Callable[[Note], Any]]]:
    """(header, value of a note) for every exported column, in sheet order.

    Unless ``unmasked``, every text cell goes through :func:`mask_pii`: customers say their
    numbers, and agents type them into 客户原话 / 解决方案 / 备注 as often as into 电话.
    """
    cols = _columns(codes, unmasked)
    if unmasked:
        return cols
    return [(header, _masking(get)) for header, get in cols]


def _masking(get: Callable[[Note], Any]) -> Callable[[Note], Any]:
    def masked(note: Note) -> Any:
        value = get(note)
        return mask_pii(value) if isinstance(value, str) else value

    return masked


def _columns(codes: ReasonCodeBook, unmasked: bool) -> list[tuple[str, Callable[[Note], Any]]]:
    return [
        ("编号", lambda n: n.id),
        ("来电开始", lambda n: n.started_at),
        ("来电结束", lambda n: n.ended_at),
        ("坐席", lambda n: n.agent_name),
        ("工号", lambda n: n.agent_no),
        ("客户姓名", lambda n: n.customer_name),
        (
            "电话",
            (lambda n: n.customer_phone) if unmasked else (lambda n: mask_phone(n.customer_phone)),
        ),
        ("客户原话", lambda n: n.reason_text),
        ("原因代码", lambda n: " ".join(str(c) for c in n.reason_codes)),
        ("原因名称", lambda n: "；".join(codes.name(c) for c in n.reason_codes)),
        ("相关流程", lambda n: " ".join(n.related_processes)),
        ("投诉类型", lambda n: n.complaint_type),
        ("开始情绪", lambda n: n.emotion_start),
        ("结束情绪", lambda n: n.emotion_end),
        ("重复来电", lambda n: _yes_no(n.repeat_call)),
        ("之前来电次数", lambda n: n.previous_calls),
        ("责任部门", lambda n: n.other_department),
        ("处理阶段", lambda n: n.stage),
        ("解决方案", lambda n: n.solution),
        ("客户接受方案", lambda n: _yes_no(n.solution_accepted)),
        ("本次解决", lambda n: _yes_no(n.resolved)),
        ("升级/转接给", lambda n: n.escalated_to),
        ("承诺回复时限", lambda n: n.deadline),
        ("对客户", lambda n: n.customer_value),
        ("对公司", lambda n: n.company_value),
        ("处理时长(分钟)", lambda n: n.handling_minutes),
        ("备注", lambda n: n.notes),
        (
            "引导脚本",
            lambda n: "；".join(
                str(r.get("title") or r.get("script") or "") for r in n.script_runs
            ),
        ),
        # the way the call went and how long each stage took (script runs, issue 9 item 5)
        ("脚本路径", lambda n: runs_cell(n.script_runs, path_text)),
        ("各阶段用时(秒)", lambda n: runs_cell(n.script_runs, stage_seconds_text)),
        ("修正次数", lambda n: n.amendments),
    ]


def _text(value: Any) -> str:
    """A cell as CSV text. Text that Excel would run as a formula gets a leading apostrophe."""
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return fmt_time(value)
    if isinstance(value, float):
        return f"{value:g}"
    text = clean_text(value)
    if _formula_like(text):
        return "'" + text
    return text


def _formula_like(text: str) -> bool:
    """Would Excel/WPS read this cell as a formula? (``-5`` is a number, not a formula.)"""
    return text[:1] in _FORMULA_START and not _is_number(text)


_FORMULA_START = ("=", "+", "-", "@")


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def write_csv(
    notes: Iterable[Note], out: Output, codes: ReasonCodeBook, unmasked: bool = False
) -> int:
    """Write to ``out`` (a path or a binary file)."""
    cols = columns(codes, unmasked)
    count = 0
    with _text_output(out) as fh:
        writer = csv.writer(fh)
        writer.writerow([h for h, _ in cols])
        for note in notes:
            writer.writerow([_text(get(note)) for _, get in cols])
            count += 1
    return count


@contextmanager
def _text_output(out: Output) -> Iterator[TextIO]:
    if isinstance(out, (str, Path)):
        with open(out, "w", encoding="utf-8-sig", newline="") as fh:
            yield fh
        return
    fh = io.TextIOWrapper(out, encoding="utf-8-sig", newline="")
    try:
        yield fh
        fh.flush()
    finally:
        fh.detach()  # the caller owns ``out``


def write_xlsx(
    notes: Iterable[Note], path: Output, codes: ReasonCodeBook, unmasked: bool = False
) -> int:
    """Write to ``path`` (a path or a binary file)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    cols = columns(codes, unmasked)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("来电小结")
    ws.freeze_panes = "A2"
    widths = {
        "客户原话": 40,
        "解决方案": 30,
        "备注": 30,
        "来电开始": 20,
        "来电结束": 20,
        "承诺回复时限": 20,
    }
    for i, (header, _) in enumerate(cols):
        ws.column_dimensions[_column_letter(i)].width = widths.get(header, 12)
    header_cells = []
    for header, _ in cols:
        cell = WriteOnlyCell(ws, value=header)
        cell.font = Font(bold=True)
        header_cells.append(cell)
    ws.append(header_cells)
    count = 0
    for note in notes:
        row = []
        for _, get in cols:
            value = get(note)
            if hasattr(value, "strftime"):
                cell = WriteOnlyCell(ws, value=value)
                cell.number_format = "yyyy-mm-dd hh:mm:ss"
                row.append(cell)
            elif isinstance(value, str):
                row.append(_text_cell(ws, WriteOnlyCell, value))
            else:
                row.append(value)
        ws.append(row)
        count += 1
    wb.save(path)
    return count


def _text_cell(ws: WriteOnlyWorksheet, cell_type: Callable[..., Cell], value: str) -> Cell:
    """A cell that is always text: never a formula (openpyxl would write ``=…`` as one), with
    Excel's quote prefix on formula-like text so editing the cell in Excel keeps it text too, and
    without the control characters the XLSX format forbids."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    text = ILLEGAL_CHARACTERS_RE.sub("", clean_text(value))
    cell = cell_type(ws, value=text)
    cell.data_type = "s"
    if _formula_like(text):
        cell.quotePrefix = True
    return cell


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def export_notes(
    db: Database,
    out: Path | str,
    fmt: str,
    codes: ReasonCodeBook,
    flt: NoteFilter | None = None,
    unmasked: bool = False,
    skipped: list[SkippedRow] | None = None,
) -> int:
    """Write the notes matching ``flt`` to ``out``; returns how many were written.

    A stored note that cannot be read is left out and appended to ``skipped`` (the rest export).
    The file is written under a temporary name beside ``out`` and renamed into place at the end:
    a full disk or a crash never leaves a half-written file under ``out`` (nor a stray temp), and
    an existing file there stays as it was. Raises ``OSError`` when writing fails.
    """
    if fmt not in FORMATS:
        raise ValueError(f"不支持的格式“{fmt}”，请用 csv 或 xlsx")
    out = Path(out)
    flt = (flt or NoteFilter()).with_codes(codes)  # 23 also exports notes filed under 12
    notes = NoteStore(db).iter_notes(flt, skipped=skipped)
    writer = write_csv if fmt == "csv" else write_xlsx
    if out.is_dir():
        raise IsADirectoryError(errno.EISDIR, "这是一个文件夹，请给出文件名", str(out))
    if out.exists() and not out.is_file():  # /dev/null, a pipe: write straight into it
        with open(out, "wb") as fh:
            return _write(writer, notes, fh, codes, unmasked)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
    tmp = Path(tmp_name)
    try:
        _usual_permissions(tmp)
        with _open_output(fd) as fh:
            count = _write(writer, notes, fh, codes, unmasked)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, out)
    except BaseException:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise
    return count


def _write(
    writer: Writer, notes: Iterable[Note], fh: IO[bytes], codes: ReasonCodeBook, unmasked: bool
) -> int:
    """Run ``writer``; when the disk fails under it, let go of its half-written objects quietly.

    openpyxl's zip and row writers, left behind by a failed save, try to finish in their
    finalizers and print "Exception ignored … Traceback" to stderr next to the one-line message.
    While writing, those finalizer complaints (and only those) are muted; on failure the
    traceback that keeps the writer's objects alive is dropped and they are collected at once.
    """
    previous = sys.unraisablehook

    def hook(unraisable: sys.UnraisableHookArgs) -> None:
        files, tb = [], unraisable.exc_traceback
        while tb is not None:
            files.append(tb.tb_frame.f_code.co_filename)
            tb = tb.tb_next
        where = " ".join(files) + repr(unraisable.object)
        if not any(name in where for name in ("zipfile", "openpyxl", "et_xmlfile")):
            previous(unraisable)

    sys.unraisablehook = hook
    try:
        return writer(notes, fh, codes, unmasked)
    except Exception as exc:
        seen: BaseException | None = exc
        for _ in range(20):  # the chained errors' tracebacks hold the same frames
            if seen is None:
                break
            seen.__traceback__ = None
            seen = seen.__context__ or seen.__cause__
        gc.collect()
        raise
    finally:
        sys.unraisablehook = previous


def _usual_permissions(path: Path) -> None:
    """mkstemp makes the file private (0600); an export gets the mode a plain open() would."""
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(path, 0o666 & ~mask)


def _open_output(fd: int) -> IO[bytes]:
    """The temporary file as a binary file object (a seam: tests inject a full disk here)."""
    return os.fdopen(fd, "wb")
