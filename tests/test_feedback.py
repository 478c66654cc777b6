"""Feedback on processes (PDCA): store, summary, CSV, and ``agent-assist report feedback``."""

from __future__ import annotations

import csv
import json
from datetime import date, datetime, timedelta

import pytest

from agent_assist import cli
from agent_assist.knowledge import FEEDBACK_KINDS, FeedbackError, FeedbackStore, load_kb
from agent_assist.storage import open_db

T0 = datetime(2026, 10, 1, 9, 0, 0)


@pytest.fixture
def store() -> FeedbackStore:
    return FeedbackStore(open_db(":memory:"))


def _fill(store: FeedbackStore) -> None:
    store.add("number.port-out", "wrong", "授权码短信指令写错了", agent="1001", now=T0)
    store.add("number.port-out", "outdated", "", agent="1002", now=T0 + timedelta(days=1))
    store.add("number.port-out", "wrong", "第3步顺序不对", agent="1003", now=T0 + timedelta(days=2))
    store.add("number.port-out", "unclear", "合约期说明看不懂", now=T0 + timedelta(days=3))
    store.add("number.port-out", "wrong", "还是错的", now=T0 + timedelta(days=4))
    store.add("billing.detail", "unclear", "详单渠道太多", now=T0 + timedelta(days=5))
    store.add("", "missing", "国际漫游套餐退订", now=T0 + timedelta(days=6))


def test_summary_counts_kinds_comments_and_dates(store):
    _fill(store)
    summary = store.summary()
    assert [s.pid for s in summary] == ["number.port-out", "", "billing.detail"]  # count, then recency
    port = summary[0]
    assert port.count == 5
    assert port.by_kind == {"wrong": 3, "outdated": 1, "unclear": 1}
    assert port.latest_comments == ["还是错的", "合约期说明看不懂", "第3步顺序不对"]  # newest first, max 3
    assert port.first.timestamp() == T0.timestamp()
    assert port.last.timestamp() == (T0 + timedelta(days=4)).timestamp()
    assert summary[1].latest_comments == ["国际漫游套餐退订"]
    as_json = port.to_dict()
    assert as_json["first"].startswith("2026-10-01T09:00:00") and as_json["count"] == 5
    recent = store.summary(since=date(2026, 10, 4))
    assert {s.pid: s.count for s in recent} == {"number.port-out": 2, "billing.detail": 1, "": 1}
    assert [f.comment for f in store.all()][:2] == ["国际漫游套餐退订", "详单渠道太多"]


def test_empty_store(store):
    assert store.summary() == [] and store.all() == []


def test_invalid_kind_is_explained(store):
    with pytest.raises(FeedbackError) as err:
        store.add("number.port-out", "typo")
    assert err.value.field == "kind"
    message = str(err.value)
    assert "'typo'" in message and all(key in message and label in message for key, label in FEEDBACK_KINDS.items())
    assert store.all() == []


def test_chinese_label_accepted_and_missing_rules(store):
    fid = store.add("number.port-out", "已过时", "资费已调整")
    assert store.all()[0].kind == "outdated" and store.all()[0].id == fid
    with pytest.raises(FeedbackError) as err:
        store.add("", "missing")
    assert err.value.field == "comment" and "缺少" in str(err.value)
    with pytest.raises(FeedbackError) as err:
        store.add("", "wrong", "有错")
    assert err.value.field == "pid"
    with pytest.raises(FeedbackError) as err:
        store.add("x", "unclear", "长" * 2001)
    assert err.value.field == "comment"
    assert len(store.all()) == 1


def test_csv_has_bom_and_every_flag(store, tmp_path, sample_kb_dir):
    _fill(store)
    kb = load_kb(sample_kb_dir)
    shipped = next(iter(kb))
    store.add(shipped.id, "unclear", '含逗号,和"引号"\n换行', now=T0 + timedelta(days=7))
    out = tmp_path / "reports" / "flags.csv"
    assert store.to_csv(out, kb=kb) == 8
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(keepends=True)))
    assert rows[0][:4] == ["编号", "时间", "流程编号", "流程标题"]
    assert len(rows) == 9
    assert rows[1][2] == shipped.id and rows[1][6] == '含逗号,和"引号"\n换行'
    assert rows[1][3] == shipped.title and rows[1][5] == "不清楚"
    assert rows[1][1] == "2026-10-08 09:00:00"
    assert rows[-1][2:] == ["number.port-out", kb.get("number.port-out").title if "number.port-out" in kb else "",
                            "wrong", "内容错误", "授权码短信指令写错了", "1001"]


# --- the command ----------------------------------------------------------------------------
def test_report_on_empty_store(capsys):
    assert cli.main(["report", "feedback"]) == 0
    assert "还没有坐席反馈" in capsys.readouterr().out
    assert cli.main(["report", "feedback", "--json"]) == 0
    assert capsys.readouterr().out == ""


def test_report_table_json_and_csv(capsys, tmp_path, sample_kb_dir):
    pid = next(iter(load_kb(sample_kb_dir))).id
    title = load_kb(sample_kb_dir).get(pid).title
    store = FeedbackStore(open_db())  # the data dir the command uses (conftest points it at tmp)
    store.add(pid, "wrong", "步骤写错了", agent="1001", now=T0)
    store.add(pid, "unclear", "", now=T0 + timedelta(days=1))
    store.add("gone.process", "outdated", "这条早就不办了", now=T0 + timedelta(days=2))

    assert cli.main(["report", "feedback", "--kb", str(sample_kb_dir)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    first = next(n for n, line in enumerate(lines) if pid in line)
    assert title in lines[first] and "内容错误×1" in lines[first] and "不清楚×1" in lines[first]
    assert "2026-10-01" in lines[first] and "2026-10-02" in lines[first]
    assert "「步骤写错了」" in lines[first + 1]
    assert "知识库中已没有此流程" in out  # flagged process since removed from the KB
    assert out.index(pid) < out.index("gone.process")  # most flagged first

    assert cli.main(["report", "feedback", "--json"]) == 0
    objects = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [o["pid"] for o in objects] == [pid, "gone.process"]
    assert objects[0]["count"] == 2 and objects[0]["by_kind"] == {"wrong": 1, "unclear": 1}
    assert objects[0]["title"] == title and objects[0]["latest_comments"] == ["步骤写错了"]

    target = tmp_path / "flags.csv"
    assert cli.main(["report", "feedback", "--csv", str(target), "--since", "2026-10-02"]) == 0
    captured = capsys.readouterr()
    assert "已导出 2 条反馈" in captured.err
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    assert len(target.read_text(encoding="utf-8-sig").splitlines()) == 3


def test_report_rejects_bad_date(capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["report", "feedback", "--since", "10/01/2026"])
    assert exc.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err
