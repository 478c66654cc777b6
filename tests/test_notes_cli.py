"""``agent-assist report notes`` and ``agent-assist export notes`` through the real front door."""

from __future__ import annotations

import csv
import datetime as dt
import json

import openpyxl

from agent_assist.cli import main
from agent_assist.notes import NoteDraft, NoteStore, reason_codes_for
from agent_assist.storage import open_db

CODES = reason_codes_for()


def fill():
    store = NoteStore(open_db())
    for day, codes, phone, resolved in (
        ("2026-11-02", "1 3", "13812341234", True),
        ("2026-11-05", "1", "", False),
        ("2026-10-20", "9", "010-12345678", True),
    ):
        store.submit(
            NoteDraft(
                started_at=f"{day} 10:00:00",
                agent_no="A1",
                customer_phone=phone,
                reason_text="客户说得很具体的原因",
                reason_codes=codes,
                emotion_start="不满",
                emotion_end="平静",
                stage="提出方案",
                resolved=resolved,
                handling_minutes="10",
            ),
            CODES,
            now=dt.datetime(2026, 11, 30),
        )


def test_report_json_with_date_range(capsys):
    fill()
    assert (
        main(
            [
                "report",
                "notes",
                "--from",
                "2026-11-01",
                "--to",
                "2026-11-30",
                "--json",
                "--cost-per-minute",
                "2",
            ]
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["calls"] == 2
    assert [(r["code"], r["count"]) for r in data["pareto"]["rows"]] == [(1, 2), (3, 1)]
    assert data["resolution"]["resolved_rate"] == 0.5
    assert data["cost"]["total_cost"] == 40.0


def test_report_text_names_every_section(capsys):
    fill()
    assert main(["report", "notes"]) == 0
    out = capsys.readouterr().out
    for heading in (
        "共 3 通",
        "原因代码帕累托",
        "重复来电率",
        "情绪变化",
        "其他部门导致",
        "首次来电解决率",
        "升级/转接",
        "处理时长与成本",
        "价值/烦扰矩阵",
        "回访",
    ):
        assert heading in out
    assert CODES.name(1) in out


def test_report_on_empty_store_and_bad_dates(capsys):
    assert main(["report", "notes"]) == 0
    assert "没有小结" in capsys.readouterr().out
    assert main(["report", "notes", "--from", "2026-11-30", "--to", "2026-11-01"]) == 2
    assert "交换" in capsys.readouterr().err


def test_export_csv_masked_and_xlsx_unmasked(tmp_path, capsys):
    fill()
    out = tmp_path / "n.csv"
    assert (
        main(["export", "notes", "--format", "csv", "--out", str(out), "--from", "2026-11-01"]) == 0
    )
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert sorted(r["电话"] for r in rows) == ["", "138****1234"]
    assert "已导出 2 条" in capsys.readouterr().err
    xlsx = tmp_path / "n.xlsx"
    assert (
        main(["export", "notes", "--out", str(xlsx), "--unmasked"]) == 0
    )  # format from the suffix
    sheet = list(openpyxl.load_workbook(xlsx).active.iter_rows(values_only=True))
    phones = {dict(zip(sheet[0], r))["电话"] for r in sheet[1:]}
    assert phones == {"13812341234", None, "010-12345678"} or phones == {
        "13812341234",
        "",
        "010-12345678",
    }


def test_export_empty_store_and_unknown_format(tmp_path, capsys):
    out = tmp_path / "empty.csv"
    assert main(["export", "notes", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8-sig").startswith("编号,")
    assert main(["export", "notes", "--out", str(tmp_path / "x.txt")]) == 2
    assert "csv 或 xlsx" in capsys.readouterr().err


def test_report_refuses_a_nonsense_cost(capsys):
    import pytest

    for bad in ("-2", "0", "两块"):
        with pytest.raises(SystemExit) as exc:
            main(["report", "notes", "--cost-per-minute", bad])
        assert exc.value.code == 2
        assert "每分钟成本" in capsys.readouterr().err


def test_report_and_export_read_dates_the_same_way(tmp_path, capsys):
    """Both commands take ``--from`` / ``--to`` from one place: 2026/11/1 is accepted, a day
    that does not exist is argparse's one-line error with the notes package's message."""
    import pytest

    fill()
    assert main(["report", "notes", "--json", "--from", "2026/11/1"]) == 0
    assert json.loads(capsys.readouterr().out)["calls"] == 2
    for argv in (
        ["report", "notes", "--to", "2026-02-30"],
        ["export", "notes", "--out", str(tmp_path / "x.csv"), "--to", "2026-02-30"],
    ):
        with pytest.raises(SystemExit) as stop:
            main(argv)
        assert stop.value.code == 2
        assert "不存在" in capsys.readouterr().err
