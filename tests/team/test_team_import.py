"""``import notes``: export → import → export gives the same sheet (CSV byte for byte, XLSX cell
for cell); a bad row is named FILE:ROW: column: message and the good rows are still imported."""

from __future__ import annotations

from pathlib import Path

import pytest
from team.helpers import make_note

from agent_assist.cli import main
from agent_assist.notes import NoteStore
from agent_assist.storage import open_db


def _varied(n: int) -> list:
    out = []
    for i in range(n):
        extra = {}
        if i % 7 == 0:
            extra["notes"] = "=SUM(A1)：客户说的公式样文字"
        if i % 11 == 0:
            extra["solution"] = "-5元补偿"
            extra["solution_accepted"] = i % 2 == 0
        if i % 13 == 0:
            extra["related_processes"] = ("p-refund", "p-bill")
            extra["script_runs"] = ({"title": "安抚三步"}, {"title": "退费确认"})
        if i % 17 == 0:
            extra["customer_phone"] = "010-12345678"
        out.append(make_note(f"A{100 + i % 5}", i, **extra))
    return out


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_import_round_trips(tmp_path, monkeypatch, fmt):
    first = tmp_path / "first"
    monkeypatch.setenv("AGENT_ASSIST_DATA_DIR", str(first))
    NoteStore(open_db()).add_many(_varied(120))
    sheet = tmp_path / f"a.{fmt}"
    assert main(["export", "notes", "--out", str(sheet), "--unmasked"]) == 0

    monkeypatch.setenv("AGENT_ASSIST_DATA_DIR", str(tmp_path / "second"))
    assert main(["import", "notes", str(sheet)]) == 0
    again = tmp_path / f"b.{fmt}"
    assert main(["export", "notes", "--out", str(again), "--unmasked"]) == 0
    assert _cells(sheet) == _cells(again)
    if fmt == "csv":
        assert sheet.read_bytes() == again.read_bytes()
    # importing the same file again adds nothing
    assert main(["import", "notes", str(sheet)]) == 0
    assert NoteStore(open_db()).count() == 120


def _cells(path: Path) -> list[list]:
    from agent_assist.commands.import_notes import read_rows

    header, rows = read_rows(path)
    return [header] + [r for _, r in rows]


def test_bad_rows_are_named_and_good_rows_still_imported(tmp_path, capsys):
    sheet = tmp_path / "old.csv"
    header = "来电开始,来电结束,工号,电话,客户原话,原因代码,开始情绪,结束情绪,处理阶段,重复来电,处理时长(分钟)"
    rows = [
        "2026-11-02 09:00:00,2026-11-02 09:06:00,1001,13812345678,上个月话费多扣了三十元,1,不满,平静,受理,否,6",
        "2026-11-02 10:00:00,2026-11-02 10:06:00,1001,12345,上个月话费多扣了三十元,1,不满,平静,受理,否,6",
        "2026-11-02 11:00:00,2026-11-02 11:06:00,1001,13812345678,上个月话费多扣了三十元,99,生气,平静,受理,也许,6",
        "2026-11-02 12:00:00,2026-11-02 12:06:00,1002,,宽带三天没网一直没人修,4,焦虑,平静,受理,否,",
    ]
    sheet.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    assert main(["import", "notes", str(sheet)]) == 1
    captured = capsys.readouterr()
    assert f"{sheet}:3: 电话: " in captured.err
    assert f"{sheet}:4: 重复来电: “也许”应为 是 / 否" in captured.err
    assert f"{sheet}:4: 原因代码: 没有这些代码：99" in captured.err
    assert f"{sheet}:4: 开始情绪: " in captured.err
    assert "已导入 2 条小结" in captured.out and "2 行有错" in captured.out
    notes = NoteStore(open_db()).search()
    assert sorted(n.agent_no for n in notes) == ["1001", "1002"]


def test_missing_columns_are_named(tmp_path, capsys):
    sheet = tmp_path / "x.csv"
    sheet.write_text("姓名,电话\n张三,13812345678\n", encoding="utf-8")
    assert main(["import", "notes", str(sheet)]) == 1
    assert f"{sheet}:1: 缺少列：来电开始" in capsys.readouterr().err


def test_team_codes_import_and_export_by_name(tmp_path, capsys, monkeypatch):
    """Team mode with the centre's code 99 pulled: a row under 99 imports (it is a known code
    now) and the export names it; team mode off, the same row is refused as before."""
    from agent_assist.team import outbox
    from agent_assist.team.connect import ENV_DSN
    from agent_assist.team.hook import uninstall

    sheet = tmp_path / "old.csv"
    sheet.write_text(
        "来电开始,来电结束,工号,电话,客户原话,原因代码,开始情绪,结束情绪,处理阶段,重复来电\n"
        "2026-11-02 09:00:00,2026-11-02 09:06:00,1001,13812345678,想把5G套餐降一档,99,平静,平静,受理,否\n",
        encoding="utf-8",
    )
    db = open_db()
    outbox.ensure_schema(db)
    db.execute("INSERT INTO team_reason_codes VALUES (99, '5G套餐降档', '套餐')")
    db.conn.commit()
    try:
        assert main(["import", "notes", str(sheet)]) == 1  # team mode off: 99 is unknown
        assert "原因代码: 没有这些代码：99" in capsys.readouterr().err
        monkeypatch.setenv(ENV_DSN, "host=127.0.0.1 port=1 dbname=x user=x")  # never dialled
        assert main(["import", "notes", str(sheet)]) == 0
        (note,) = NoteStore(open_db()).search()
        assert note.reason_codes == (99,)
        out = tmp_path / "out.csv"
        assert main(["export", "notes", "--out", str(out)]) == 0
        assert "5G套餐降档" in out.read_text(encoding="utf-8-sig")
    finally:
        uninstall()  # cli.main installed the team hook
