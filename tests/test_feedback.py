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


def test_gui_calls_without_a_version_keep_working(store):
    """The process view and the search panel call add(pid, kind, comment=, agent=) only."""
    store.add("number.port-out", "wrong", comment="错了", agent="1001")
    store.add("", "missing", comment="搜索“携号砖网”没有找到对应流程", agent="1001")
    flags = store.all()
    assert {(f.pid, f.version, f.updated, f.resolved) for f in flags} == {
        ("number.port-out", "", "", None),
        ("", "", "", None),
    }
    assert all(s.status == "open" for s in store.summary())


def test_summary_counts_kinds_comments_and_dates(store):
    _fill(store)
    summary = store.summary()
    assert [s.pid for s in summary] == [
        "number.port-out",
        "",
        "billing.detail",
    ]  # count, then recency
    port = summary[0]
    assert port.count == 5
    assert port.by_kind == {"wrong": 3, "outdated": 1, "unclear": 1}
    assert port.latest_comments == [
        "还是错的",
        "合约期说明看不懂",
        "第3步顺序不对",
    ]  # newest first, max 3
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
    assert "'typo'" in message and all(
        key in message and label in message for key, label in FEEDBACK_KINDS.items()
    )
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
    assert rows[-1][2:9] == [
        "number.port-out",
        kb.get("number.port-out").title if "number.port-out" in kb else "",
        "wrong",
        "内容错误",
        "授权码短信指令写错了",
        "1001",
        "待处理",
    ]
    assert rows[0][8:] == [
        "状态",
        "反馈时流程版本",
        "反馈时更新日期",
        "处理时间",
        "处理人",
        "处理说明",
    ]


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


# --- PDCA: versions, updates, explicit resolution ------------------------------------------
PROCESS = """---
id: {pid}
title: {title}
category: 办理
summary: 一句话
customer_phrases: [甲, 乙, 丙]
updated: {updated}
---
## 步骤
1. {step}
"""


def _kb(folder, **processes):
    """A KB folder with one file per ``pid=(updated, step)``; returns the loaded KB."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, (updated, step) in processes.items():
        pid = name.replace("_", ".")
        (folder / f"{name}.md").write_text(
            PROCESS.format(pid=pid, title=pid, updated=updated, step=step), encoding="utf-8"
        )
    return load_kb(folder)


def test_flags_on_an_edited_process_are_updated_not_open(store, tmp_path):
    folder = tmp_path / "kb"
    old = _kb(folder, x_port=("2026-09-01", "发短信 CXXZM"), x_bill=("2026-09-01", "查账单"))
    port, bill = old.get("x.port"), old.get("x.bill")
    store.add(
        "x.port", "wrong", "指令写错了", now=T0, version=port.content_hash, updated=port.updated
    )
    store.add(
        "x.bill", "unclear", "看不懂", now=T0, version=bill.content_hash, updated=bill.updated
    )
    store.add("x.port", "unclear", "没带版本", now=T0 + timedelta(hours=1))  # version unknown
    assert store.all()[-1].version == port.content_hash and store.all()[-1].updated == "2026-09-01"

    # the same KB: everything is open
    assert {(s.pid, s.status, s.open) for s in store.summary(kb=old)} == {
        ("x.port", "open", 2),
        ("x.bill", "open", 1),
    }

    # the owners edit x.port: the versioned flag is now "已更新，待确认", the unversioned one stays open
    new = _kb(folder, x_port=("2026-10-05", "发短信 CXXZM#姓名#证件号后六位"))
    assert new.get("x.port").content_hash != port.content_hash
    by_pid = {s.pid: s for s in store.summary(kb=new)}
    assert (by_pid["x.port"].open, by_pid["x.port"].updated, by_pid["x.port"].count) == (1, 1, 2)
    assert by_pid["x.port"].status == "open" and by_pid["x.bill"].status == "open"
    assert [s.pid for s in store.summary(kb=new, only_open=True)] == ["x.port", "x.bill"]
    assert store.summary(kb=new, only_open=True)[0].latest_comments == ["没带版本"]

    # without a KB nothing can be told apart: all open (the GUI's plain summary())
    assert all(s.status == "open" for s in store.summary())

    # the owner closes the unversioned one: what is left awaits confirmation
    assert store.resolve("x.port", note="已更正", by="张工", now=T0 + timedelta(days=1)) == 2
    [port_entry] = [s for s in store.summary(kb=new) if s.pid == "x.port"]
    assert (
        port_entry.status,
        port_entry.resolved,
        port_entry.resolution,
        port_entry.resolved_by,
    ) == ("resolved", 2, "已更正", "张工")


def test_updated_date_decides_when_only_the_date_is_known(store, tmp_path):
    kb = _kb(tmp_path / "kb", x_port=("2026-10-05", "一"))
    store.add("x.port", "outdated", "旧资费", now=T0, updated="2026-09-01")
    store.add("x.port", "outdated", "新版也不对", now=T0, updated="2026-10-05")
    store.add(
        "x.port",
        "outdated",
        "新版本也不对",
        now=T0,
        version=kb.get("x.port").content_hash,
        updated="2026-01-01",
    )
    [entry] = store.summary(kb=kb)
    assert (entry.open, entry.updated) == (2, 1)  # the hash wins over a date when both are known
    statuses = sorted(f.status(kb) for f in store.all())
    assert statuses == ["open", "open", "updated"]


def test_a_process_gone_from_the_kb_stays_open(store, tmp_path):
    kb = _kb(tmp_path / "kb", x_port=("2026-10-05", "一"))
    store.add("x.gone", "wrong", "这条还在用", now=T0, version="0" * 32, updated="2026-01-01")
    assert [s.status for s in store.summary(kb=kb)] == ["open"]


def test_summary_orders_open_then_updated_then_resolved(store, tmp_path):
    folder = tmp_path / "kb"
    old = _kb(
        folder, a_one=("2026-09-01", "一"), a_two=("2026-09-01", "二"), a_three=("2026-09-01", "三")
    )
    for n, pid in enumerate(["a.one", "a.one", "a.one", "a.two", "a.two", "a.three"]):
        store.add(
            pid,
            "wrong",
            f"意见{n}",
            now=T0 + timedelta(minutes=n),
            version=old.get(pid).content_hash,
        )
    new = _kb(folder, a_two=("2026-10-01", "二改"))
    store.resolve("a.one", now=T0 + timedelta(hours=1))
    assert [(s.pid, s.status) for s in store.summary(kb=new)] == [
        ("a.three", "open"),
        ("a.two", "updated"),
        ("a.one", "resolved"),
    ]
    assert store.summary(kb=new)[1].to_dict()["status_label"] == "已更新，待确认"
    assert [s.pid for s in store.summary(kb=new, only_open=True)] == ["a.three"]


def test_resolve_closes_only_earlier_flags(store):
    store.add("number.port-out", "wrong", "一", now=T0)
    store.add("number.port-out", "wrong", "二", now=T0 + timedelta(days=1))
    store.add("billing.detail", "wrong", "别的流程", now=T0)
    assert (
        store.resolve("number.port-out", note="已改", by="张工", now=T0 + timedelta(hours=12)) == 1
    )
    assert (
        store.resolve("number.port-out", now=T0 + timedelta(hours=13)) == 0
    )  # nothing left before then
    assert store.resolve("no.such-process") == 0
    by_comment = {f.comment: f for f in store.all()}
    assert by_comment["一"].resolved.timestamp() == (T0 + timedelta(hours=12)).timestamp()
    assert (by_comment["一"].resolved_by, by_comment["一"].resolution) == ("张工", "已改")
    assert by_comment["二"].resolved is None and by_comment["别的流程"].resolved is None
    # a flag raised after the fix is open again, and the process heads the to-do list
    [entry] = [s for s in store.summary() if s.pid == "number.port-out"]
    assert (entry.status, entry.open, entry.resolved) == ("open", 1, 1)
    with pytest.raises(FeedbackError) as err:
        store.resolve("billing.detail", note="长" * 2001)
    assert err.value.field == "note"


def test_missing_flags_group_by_what_they_ask_for(store):
    store.add("", "missing", "国际漫游套餐退订", now=T0)
    store.add(
        "", "missing", " 国际漫游　套餐退订。", now=T0 + timedelta(hours=1)
    )  # full-width space, 。
    store.add("", "missing", "ＥＳＩＭ 开通", now=T0 + timedelta(hours=2))
    store.add("", "missing", "esim开通!", now=T0 + timedelta(hours=3))
    store.add("", "missing", "副卡流量共享", now=T0 + timedelta(hours=4))
    groups = store.summary()
    assert [(s.pid, s.count) for s in groups] == [("", 2), ("", 2), ("", 1)]
    assert [s.topic for s in groups] == [
        "esim开通!",
        "国际漫游 套餐退订。",
        "副卡流量共享",
    ]  # newest wording
    assert groups[1].latest_comments == ["国际漫游　套餐退订。", "国际漫游套餐退订"]
    # closing one request leaves the others open
    with pytest.raises(FeedbackError) as err:
        store.resolve("")
    assert err.value.field == "comment"
    assert store.resolve("", note="已新增 roaming.cancel", comment="国际漫游套餐退订") == 2
    assert [(s.topic, s.status) for s in store.summary()] == [
        ("esim开通!", "open"),
        ("副卡流量共享", "open"),
        ("国际漫游 套餐退订。", "resolved"),
    ]


def test_version_is_validated_and_dropped_for_missing(store):
    with pytest.raises(FeedbackError) as err:
        store.add("x.port", "wrong", version="f" * 200)
    assert err.value.field == "version"
    store.add("", "missing", "国际漫游", version="abc", updated="2026-10-01")
    assert (store.all()[0].version, store.all()[0].updated) == ("", "")


def test_database_of_the_previous_schema_is_upgraded(tmp_path):
    """A database written before flags had versions: its flags survive, open, and new ones
    get versions."""
    from agent_assist.knowledge.schema import migrations

    path = tmp_path / "old.db"
    db = open_db(path)
    migrations.apply(db, stop_before="m002_feedback_version_and_resolution")
    assert "version" not in db["kb_feedback"].columns_dict
    db.execute(
        "insert into kb_feedback (pid, kind, comment, agent, created_at) values (?, ?, ?, ?, ?)",
        ["number.port-out", "wrong", "老数据", "1001", T0.timestamp()],
    )
    db.execute(
        "insert into kb_feedback (pid, kind, comment, agent, created_at) values (?, ?, ?, ?, ?)",
        ["", "missing", "国际漫游套餐退订", "", T0.timestamp()],
    )
    db.conn.close()

    store = FeedbackStore(open_db(path))
    columns = store.db["kb_feedback"].columns_dict
    assert {"version", "process_updated", "resolved_at", "resolved_by", "resolution"} <= set(
        columns
    )
    [missing, old] = sorted(store.all(), key=lambda f: f.pid)
    assert (old.pid, old.comment, old.agent, old.version, old.resolved) == (
        "number.port-out",
        "老数据",
        "1001",
        "",
        None,
    )
    assert old.created.timestamp() == T0.timestamp() and missing.topic == "国际漫游套餐退订"
    store.add("number.port-out", "wrong", "新数据", version="ab" * 16, updated="2026-10-01")
    assert store.all()[0].version == "ab" * 16
    assert store.resolve("number.port-out", note="已改") == 2
    FeedbackStore(open_db(path))  # applying again is a no-op
    assert len(store.all()) == 3


# --- the command: open by default, --all, --resolve ----------------------------------------
def test_report_lists_open_by_default_and_all_on_request(capsys, tmp_path):
    folder = tmp_path / "kb"
    old = _kb(
        folder, a_one=("2026-09-01", "一"), a_two=("2026-09-01", "二"), a_three=("2026-09-01", "三")
    )
    store = FeedbackStore(open_db())
    for pid in ("a.one", "a.two", "a.three"):
        store.add(
            pid,
            "wrong",
            f"{pid} 有错",
            now=T0,
            version=old.get(pid).content_hash,
            updated="2026-09-01",
        )
    _kb(folder, a_two=("2026-10-01", "二改"))  # the owners edited a.two
    assert (
        cli.main(
            ["report", "feedback", "--resolve", "a.three", "--note", "核实无误", "--by", "张工"]
        )
        == 0
    )
    assert "a.three 的 1 条反馈标记为已处理" in capsys.readouterr().out

    assert cli.main(["report", "feedback", "--kb", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "a.one" in out and "a.two" not in out and "a.three" not in out
    assert "另有 1 条反馈已更新待确认、1 条已处理（加 --all 查看）" in out

    assert cli.main(["report", "feedback", "--kb", str(folder), "--all"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert "状态" in lines[0]
    row = {
        pid: next(line for line in lines if f" {pid} " in line)
        for pid in ("a.one", "a.two", "a.three")
    }
    assert (
        "待处理1" in row["a.one"]
        and "已更新待确认1" in row["a.two"]
        and "已处理1" in row["a.three"]
    )
    assert out.index("a.one") < out.index("a.two") < out.index("a.three")
    assert "处理：核实无误（张工）" in out

    assert cli.main(["report", "feedback", "--kb", str(folder), "--json", "--all"]) == 0
    objects = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(o["pid"], o["status"]) for o in objects] == [
        ("a.one", "open"),
        ("a.two", "updated"),
        ("a.three", "resolved"),
    ]
    assert objects[1]["status_label"] == "已更新，待确认" and objects[2]["resolution"] == "核实无误"
    assert cli.main(["report", "feedback", "--kb", str(folder), "--json"]) == 0
    assert [json.loads(line)["pid"] for line in capsys.readouterr().out.splitlines()] == ["a.one"]


def test_report_resolve_errors_and_missing_requests(capsys):
    store = FeedbackStore(open_db())
    store.add("", "missing", "国际漫游套餐退订", now=T0)
    store.add("", "missing", "国际漫游 套餐退订", now=T0 + timedelta(hours=1))
    store.add("", "missing", "eSIM 开通", now=T0 + timedelta(hours=2))
    assert cli.main(["report", "feedback"]) == 0
    out = capsys.readouterr().out
    assert "（缺少：国际漫游 套餐退订）" in out and "（缺少：eSIM 开通）" in out
    assert "共 2 项，3 条反馈" in out

    assert cli.main(["report", "feedback", "--resolve", "no.such"]) == 1
    assert "no.such 没有未处理的反馈" in capsys.readouterr().err
    assert (
        cli.main(
            ["report", "feedback", "--resolve-missing", "国际漫游套餐退订。", "--note", "已新增"]
        )
        == 0
    )
    assert "2 条反馈标记为已处理" in capsys.readouterr().out
    assert cli.main(["report", "feedback"]) == 0
    out = capsys.readouterr().out
    assert "eSIM" in out and "国际漫游" not in out.split("另有")[0] and "2 条已处理" in out

    assert cli.main(["report", "feedback", "--resolve-missing", "eSIM 开通"]) == 0
    capsys.readouterr()
    assert cli.main(["report", "feedback"]) == 0
    assert "没有待处理的反馈" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        cli.main(["report", "feedback", "--resolve", "a.b", "--resolve-missing", "x"])
