"""Export round-trip: CSV (UTF-8 with BOM) and XLSX, masked by default, empty store works."""

from __future__ import annotations

import csv
import datetime as dt

import openpyxl
import pytest

from agent_assist.notes import NoteDraft, NoteFilter, NoteStore, export_notes, reason_codes_for
from agent_assist.storage import open_db

CODES = reason_codes_for()
T0 = dt.datetime(2026, 11, 24, 9, 40)


@pytest.fixture
def db():
    db = open_db(":memory:")
    store = NoteStore(db)
    store.submit(
        NoteDraft(
            started_at="2026-11-24 09:30:00",
            agent_name="李娜",
            agent_no="A10086",
            customer_name="王先生",
            customer_phone="13812341234",
            reason_text="这个月话费比平时多了50块，说不清楚",
            reason_codes="1 2",
            emotion_start="愤怒",
            emotion_end="平静",
            stage="提出方案",
            solution="退还误扣的视频会员费15元",
            solution_accepted=True,
            resolved=True,
            handling_minutes="12.5",
            notes="=SUM(A1)",
            script_runs=[{"script": "calm-angry-caller", "title": "安抚愤怒客户"}],
        ),
        CODES,
        now=T0,
    )
    store.submit(
        NoteDraft(
            started_at="2026-10-02 10:00:00",
            agent_no="B7",
            customer_phone="010-12345678",
            reason_text="宽带光猫红灯亮了上不了网",
            reason_codes="11",
            emotion_start="不满",
            emotion_end="不满",
            stage="受理",
            other_department_caused=True,
            other_department="装维",
            deadline="2026-10-03 18:00",
            handling_minutes="6",
        ),
        CODES,
        now=T0,
    )
    return db


def read_csv(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read UTF-8 Chinese"
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_csv_round_trip_masks_phones_by_default(db, tmp_path):
    out = tmp_path / "notes.csv"
    assert export_notes(db, out, "csv", CODES) == 2
    rows = read_csv(out)
    assert [r["编号"] for r in rows] == ["2", "1"]  # oldest first
    oct_, nov = rows
    assert nov["电话"] == "138****1234" and oct_["电话"] == "010-****5678"
    assert nov["客户原话"] == "这个月话费比平时多了50块，说不清楚"
    assert nov["原因代码"] == "1 2" and nov["原因名称"] == f"{CODES.name(1)}；{CODES.name(2)}"
    assert nov["开始情绪"] == "愤怒" and nov["客户接受方案"] == "是" and nov["本次解决"] == "是"
    assert nov["处理时长(分钟)"] == "12.5" and nov["来电开始"] == "2026-11-24 09:30:00"
    assert nov["引导脚本"] == "安抚愤怒客户"
    assert nov["备注"] == "'=SUM(A1)"  # never runs as a formula in Excel
    assert oct_["责任部门"] == "装维" and oct_["承诺回复时限"] == "2026-10-03 18:00:00"
    assert oct_["客户接受方案"] == ""


def test_unmasked_and_date_filter(db, tmp_path):
    out = tmp_path / "nov.csv"
    flt = NoteFilter(date_from=dt.date(2026, 11, 1), date_to=dt.date(2026, 11, 30))
    assert export_notes(db, out, "csv", CODES, flt, unmasked=True) == 1
    assert read_csv(out)[0]["电话"] == "13812341234"


def test_xlsx_round_trip(db, tmp_path):
    out = tmp_path / "sub" / "notes.xlsx"
    assert export_notes(db, out, "xlsx", CODES) == 2
    ws = openpyxl.load_workbook(out).active
    rows = list(ws.iter_rows(values_only=True))
    header, first, second = rows
    record = dict(zip(header, second))
    assert record["电话"] == "138****1234"
    assert record["客户原话"] == "这个月话费比平时多了50块，说不清楚"
    assert record["来电开始"] == dt.datetime(2026, 11, 24, 9, 30)  # a real date cell
    assert record["处理时长(分钟)"] == 12.5
    assert dict(zip(header, first))["责任部门"] == "装维"
    assert ws.title == "来电小结"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_empty_store_gives_a_header_only_file(tmp_path, fmt):
    out = tmp_path / f"empty.{fmt}"
    assert export_notes(open_db(":memory:"), out, fmt, CODES) == 0
    if fmt == "csv":
        assert read_csv(out) == [] and "客户原话" in out.read_text(encoding="utf-8-sig")
    else:
        rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
        assert len(rows) == 1 and "客户原话" in rows[0]


def test_unknown_format_is_refused(tmp_path):
    with pytest.raises(ValueError, match="csv 或 xlsx"):
        export_notes(open_db(":memory:"), tmp_path / "x.pdf", "pdf", CODES)


FORMULAS = {
    "备注": "=SUM(A1)",
    "解决方案": "@SUM(1)",
    "客户原话": "+86 一直没到账",
    "客户姓名": "-王先生",
}


def formula_db():
    db = open_db(":memory:")
    NoteStore(db).submit(
        NoteDraft(
            started_at="2026-11-24 09:30:00",
            agent_no="A1",
            customer_name=FORMULAS["客户姓名"],
            reason_text=FORMULAS["客户原话"],
            reason_codes="1",
            emotion_start="不满",
            emotion_end="平静",
            stage="受理",
            solution=FORMULAS["解决方案"],
            notes=FORMULAS["备注"],
            handling_minutes="5",
        ),
        CODES,
        now=T0,
    )
    return db


def test_xlsx_never_writes_a_formula(tmp_path):
    import zipfile

    out = tmp_path / "f.xlsx"
    export_notes(formula_db(), out, "xlsx", CODES)
    sheet_xml = zipfile.ZipFile(out).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml
    ws = openpyxl.load_workbook(out).active
    header = [c.value for c in ws[1]]
    cells = dict(zip(header, ws[2]))
    for column, text in FORMULAS.items():
        assert cells[column].value == text  # the exact text, no apostrophe added to the data
        assert cells[column].data_type == "s"
        assert cells[column].quotePrefix  # Excel keeps it text even when the cell is edited
    assert cells["处理时长(分钟)"].value == 5  # numbers stay numbers


def test_csv_guards_every_formula_start(tmp_path):
    out = tmp_path / "f.csv"
    export_notes(formula_db(), out, "csv", CODES)
    row = read_csv(out)[0]
    for column, text in FORMULAS.items():
        assert row[column] == "'" + text


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_control_characters_in_stored_notes_do_not_break_the_export(db, tmp_path, fmt):
    # notes filed before validation cleaned pastes can still hold them
    db.execute(
        "UPDATE notes SET notes = ?, reason_text = ? WHERE id = 2",
        ["CRM\x0b粘贴\x1b[1m内容\x00", "宽带\x0c断网\x07三天"],
    )
    out = tmp_path / f"ctl.{fmt}"
    assert export_notes(db, out, fmt, CODES) == 2
    if fmt == "csv":
        row = read_csv(out)[0]
    else:
        rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
        row = dict(zip(rows[0], rows[1]))
    assert row["备注"] == "CRM\n粘贴[1m内容"
    assert row["客户原话"] == "宽带\n断网三天"
