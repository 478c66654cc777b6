"""Report numbers on a small fixture set; every expected number is worked out by hand below."""

from __future__ import annotations

import datetime as dt

import pytest

from agent_assist.notes import (
    Note,
    NoteFilter,
    NoteStore,
    build_report,
    emotion_shift,
    escalations,
    handling_cost,
    other_departments,
    pareto,
    reason_codes_for,
    repeat_calls,
    resolution,
    set_cost_per_minute,
    value_grid,
)
from agent_assist.storage import open_db

CODES = reason_codes_for()
NOV = NoteFilter(date_from=dt.date(2026, 11, 1), date_to=dt.date(2026, 11, 30))
ALL = NoteFilter()


def note(
    day,
    codes,
    minutes,
    es,
    ee,
    *,
    repeat=0,
    resolved=False,
    dept="",
    esc="",
    cv="",
    kv="",
    deadline=None,
):
    start = dt.datetime(2026, day[0], day[1], 10, 0)
    return Note(
        started_at=start,
        ended_at=start + dt.timedelta(minutes=minutes),
        agent_name="李娜",
        agent_no="A1",
        reason_text="客户原话写得足够具体",
        reason_codes=codes,
        emotion_start=es,
        emotion_end=ee,
        stage="提出方案",
        handling_minutes=minutes,
        repeat_call=bool(repeat),
        previous_calls=repeat,
        resolved=resolved,
        other_department=dept,
        escalated=bool(esc),
        escalated_to=esc,
        customer_value=cv,
        company_value=kv,
        deadline=deadline,
    )


@pytest.fixture
def db():
    db = open_db(":memory:")
    store = NoteStore(db)
    store.add(note((11, 2), (1,), 10, "不满", "平静", resolved=True, cv="烦扰", kv="烦扰"))  # n1
    store.add(
        note(
            (11, 3),
            (1, 3),
            20,
            "愤怒",
            "不满",
            repeat=2,
            dept="营业厅",
            esc="值班长",
            cv="烦扰",
            kv="烦扰",
            deadline=dt.datetime(2026, 11, 4, 10, 0),
        )
    )  # n2
    store.add(note((11, 5), (3,), 6, "焦虑", "愤怒", esc="值班长", cv="烦扰", kv="价值"))  # n3
    store.add(note((11, 9), (20,), 2, "平静", "平静", resolved=True, cv="价值", kv="价值"))  # n4
    store.add(
        note((11, 30), (1,), 12, "不满", "焦虑", repeat=1, resolved=True, dept="计费中心")
    )  # n5
    store.add(
        note(
            (10, 31), (4, 1), 8, "平静", "平静", resolved=True, dept="营业厅", cv="价值", kv="价值"
        )
    )  # n6
    return db


def test_pareto_counts_shares_and_cumulative(db):
    p = pareto(db, ALL, CODES)
    assert p.mentions == 8
    assert [(r.code, r.count) for r in p.rows] == [(1, 4), (3, 2), (4, 1), (20, 1)]
    assert [r.share for r in p.rows] == [0.5, 0.25, 0.125, 0.125]
    assert [r.cumulative for r in p.rows] == [0.5, 0.75, 0.875, 1.0]
    assert p.rows[0].name == CODES.name(1)
    assert [r.code for r in p.vital_few(0.75)] == [1, 3]


def test_date_range_is_inclusive_calendar_days(db):
    p = pareto(db, NOV, CODES)  # n6 (Oct 31) is out, n5 (Nov 30 10:00) is in
    assert [(r.code, r.count) for r in p.rows] == [(1, 3), (3, 2), (20, 1)]
    assert p.rows[1].share == pytest.approx(1 / 3)


def test_pareto_with_a_non_date_filter(db):
    p = pareto(db, NoteFilter(code=3), CODES)  # notes having code 3: n2, n3
    assert [(r.code, r.count) for r in p.rows] == [(3, 2), (1, 1)]


def test_repeat_call_rate(db):
    r = repeat_calls(db, ALL, CODES)
    assert (r.calls, r.repeat_calls) == (6, 2)
    assert r.rate == pytest.approx(1 / 3)
    assert r.avg_previous_calls == 1.5
    assert [(c.code, c.calls, c.hits, c.rate) for c in r.by_code] == [
        (1, 4, 2, 0.5),
        (3, 2, 1, 0.5),
        (4, 1, 0, 0.0),
        (20, 1, 0, 0.0),
    ]


def test_emotion_shift_matrix(db):
    e = emotion_shift(db, ALL)
    assert e.labels == ["平静", "焦虑", "不满", "愤怒"]
    assert e.matrix == [
        [2, 0, 0, 0],  # 平静→平静 n4, n6
        [0, 0, 0, 1],  # 焦虑→愤怒 n3
        [1, 1, 0, 0],  # 不满→平静 n1, 不满→焦虑 n5
        [0, 0, 1, 0],  # 愤怒→不满 n2
    ]
    assert (e.calls, e.improved, e.same, e.worse) == (6, 3, 2, 1)


def test_other_departments(db):
    d = other_departments(db, ALL)
    assert (d.calls, d.caused, d.share) == (6, 3, 0.5)
    assert [(r.department, r.count) for r in d.by_department] == [("营业厅", 2), ("计费中心", 1)]
    assert d.by_department[0].share == pytest.approx(2 / 3)


def test_resolution_and_first_call_resolution(db):
    r = resolution(db, ALL)
    assert (r.calls, r.resolved, r.first_calls, r.first_call_resolved) == (6, 4, 4, 3)
    assert r.resolved_rate == pytest.approx(2 / 3)
    assert r.fcr_rate == 0.75


def test_escalations(db):
    e = escalations(db, ALL)
    assert (e.calls, e.escalated) == (6, 2)
    assert e.rate == pytest.approx(1 / 3)
    assert [(t.department, t.count, t.share) for t in e.by_target] == [("值班长", 2, 1.0)]


def test_handling_time_and_cost_split_over_codes(db):
    c = handling_cost(db, ALL, CODES, per_minute=2.0)
    assert c.total_minutes == 58 and c.total_cost == 116
    assert c.avg_minutes == pytest.approx(58 / 6)
    rows = {r.code: r for r in c.rows}
    assert [r.code for r in c.rows] == [1, 3, 4, 20]  # most expensive first
    assert rows[1].minutes == 36 and rows[1].cost == 72 and rows[1].avg_minutes == 12.5
    assert rows[3].minutes == 16 and rows[3].avg_minutes == 13
    assert rows[4].minutes == 4 and rows[20].minutes == 2
    assert sum(r.cost for r in c.rows) == pytest.approx(c.total_cost)


def test_cost_per_minute_comes_from_the_setting(db):
    knowledge = pytest.importorskip("agent_assist.knowledge")
    if not hasattr(knowledge, "ProfileStore"):
        pytest.skip("settings store not built")
    assert handling_cost(db, ALL, CODES).cost_per_minute == 1.5  # nobody set it
    knowledge.ProfileStore(db).set_setting("cost_per_minute", 2.5)
    c = handling_cost(db, ALL, CODES)
    assert c.cost_per_minute == 2.5 and c.total_cost == 58 * 2.5
    knowledge.ProfileStore(db).set_setting("cost_per_minute", "两块")  # hand-edited nonsense
    assert handling_cost(db, ALL, CODES).cost_per_minute == 1.5


@pytest.mark.parametrize("bad", [0, -1, "两块", None, float("nan"), 1e9])
def test_set_cost_per_minute_refuses_nonsense(db, bad):
    with pytest.raises(ValueError, match="每分钟成本"):
        set_cost_per_minute(db, bad)
    assert handling_cost(db, ALL, CODES).cost_per_minute == 1.5  # nothing was saved


def test_set_cost_per_minute_is_what_the_reports_use(db, tmp_path):
    assert set_cost_per_minute(db, "2.456") == 2.46
    assert handling_cost(db, ALL, CODES).total_cost == pytest.approx(58 * 2.46)
    assert build_report(db, ALL, CODES).cost.cost_per_minute == 2.46
    assert build_report(db, ALL, CODES, per_minute=1.0).cost.total_cost == 58  # explicit wins


def test_value_irritant_grid(db):
    g = value_grid(db, ALL, CODES)
    rows = {r.code: r for r in g.rows}
    assert (
        rows[1].assessed == 3
        and rows[1].counts["烦扰/烦扰"] == 2
        and rows[1].counts["价值/价值"] == 1
    )
    assert (rows[1].customer, rows[1].company) == ("烦扰", "烦扰")
    assert (rows[3].customer, rows[3].company) == (
        "烦扰",
        "价值",
    )  # 1–1 tie: value first for the company
    assert g.cell("价值", "价值") == [4, 20]
    assert g.cell("烦扰", "烦扰") == [1]
    assert g.cell("价值", "烦扰") == []


def test_build_report_bundles_everything_and_serialises(db):
    r = build_report(db, NOV, CODES, per_minute=1.0, now=dt.datetime(2026, 12, 1))
    assert r.calls == 5 and r.date_from == "2026-11-01" and r.date_to == "2026-11-30"
    assert r.followups.total == 1 and r.followups.overdue == 1
    d = r.to_dict()
    assert d["pareto"]["rows"][0]["code"] == 1
    assert set(r.timings_ms) >= {"pareto", "cost", "grid"}


def test_reports_on_an_empty_store():
    db = open_db(":memory:")
    r = build_report(db, None, CODES)
    assert (
        r.calls == 0 and r.pareto.rows == [] and r.repeat.rate == 0 and r.resolution.fcr_rate == 0
    )
    assert r.emotions.matrix == [[0] * 4 for _ in range(4)]
