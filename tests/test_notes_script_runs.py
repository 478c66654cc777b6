"""The script path of a note, readable by people: one cell in CSV/XLSX with the stages and the
customer's reactions, plus seconds per stage (issue 9 item 5)."""

from __future__ import annotations

import csv
import datetime as dt

import openpyxl
import pytest

from agent_assist.notes import (
    NoteDraft,
    NoteStore,
    export_notes,
    path_text,
    reason_codes_for,
    stage_seconds_text,
)
from agent_assist.storage import open_db
from tests.script_run_sample import sample_run

CODES = reason_codes_for()
PATH = "受理（情绪激动）→ 解释澄清（客户仍不满 → 客户接受解释）→ 提出方案（要求升级）"


def test_path_text_groups_steps_by_stage_with_the_reactions():
    run = sample_run()
    assert path_text(run) == PATH
    assert stage_seconds_text(run) == "受理 45；解释澄清 90；提出方案 20"


def test_an_older_run_without_stage_names_still_reads():
    run = sample_run()
    del run["path_stages"]
    assert path_text(run).startswith(
        "倾听原话（情绪激动）→ 先处理心情 → 核实问题（客户仍不满 → 客户接受解释）→ 给出方案"
    )
    abandoned = dict(run, status="abandoned")
    assert path_text(abandoned).endswith("（中途放弃）")
    assert path_text({}) == "" and stage_seconds_text({"stage_times": None}) == ""


@pytest.fixture
def db():
    db = open_db(":memory:")
    NoteStore(db).submit(
        NoteDraft(
            started_at="2026-11-24 09:30:00",
            agent_no="A10086",
            reason_text="这个月话费比平时多了50块，说不清楚",
            reason_codes="1",
            emotion_start="愤怒",
            emotion_end="平静",
            stage="提出方案",
            handling_minutes="5",
            script_runs=[sample_run()],
        ),
        CODES,
        now=dt.datetime(2026, 11, 24, 9, 40),
    )
    return db


def test_csv_carries_the_path_and_seconds_per_stage(db, tmp_path):
    out = tmp_path / "notes.csv"
    assert export_notes(db, out, "csv", CODES) == 1
    with open(out, encoding="utf-8-sig", newline="") as fh:
        row = next(csv.DictReader(fh))
    assert row["引导脚本"] == "测试四步"
    assert row["脚本路径"] == PATH
    assert row["各阶段用时(秒)"] == "受理 45；解释澄清 90；提出方案 20"


def test_xlsx_carries_the_path_and_seconds_per_stage(db, tmp_path):
    out = tmp_path / "notes.xlsx"
    export_notes(db, out, "xlsx", CODES)
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    record = dict(zip(rows[0], rows[1]))
    assert record["脚本路径"] == PATH
    assert record["各阶段用时(秒)"] == "受理 45；解释澄清 90；提出方案 20"
