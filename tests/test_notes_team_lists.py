"""Team mode's reason codes and departments laid over the KB's (core, no Qt, no server): the
centre's entries come first and win, the KB's others stay, and validation and reports use them."""

from __future__ import annotations

import datetime as dt

import pytest

from agent_assist.notes import (
    NoteDraft,
    NoteFilter,
    NoteStore,
    build_report,
    departments_for,
    reason_codes_for,
    validate_draft,
)
from agent_assist.notes.team_lists import (
    TEAM_CODES,
    TEAM_DEPARTMENTS,
    overlay_departments,
    overlay_reason_codes,
)
from agent_assist.storage import hooks, open_db

NOW = dt.datetime(2026, 11, 24, 9, 42, 0)
TEAM_CODE_ROWS = [
    (1, "话费和账单对不上", "账单"),
    (12, "携号转网办不了", ""),
    (90, "5G套餐降档", "套餐"),
]


def draft(codes: str, department: str = "") -> NoteDraft:
    return NoteDraft(
        started_at="2026-11-24 09:30:00",
        agent_name="李娜",
        agent_no="A10086",
        customer_name="王先生",
        customer_phone="138 1234 5678",
        reason_text="想把5G套餐降到便宜一档",
        reason_codes=codes,
        emotion_start="平静",
        emotion_end="平静",
        stage="提出方案",
        other_department_caused=bool(department),
        other_department=department,
    )


@pytest.fixture
def provided():
    """Stand in for team mode: providers answer with rows 'pulled' earlier."""
    hooks.provide(TEAM_CODES, lambda db: list(TEAM_CODE_ROWS))
    hooks.provide(TEAM_DEPARTMENTS, lambda db: ["客户体验部", "营业厅"])
    yield
    hooks.withdraw(TEAM_CODES)
    hooks.withdraw(TEAM_DEPARTMENTS)


def test_team_codes_overlay_the_kb_codes():
    kb = reason_codes_for()
    assert 90 not in kb and 12 in kb.legacy  # the shipped file retired 12 (→ 23)
    merged = overlay_reason_codes(kb, TEAM_CODE_ROWS)
    # new number: added; same number: the centre's name and group, the KB's examples stay
    assert merged.get(90).name == "5G套餐降档" and merged.get(90).group == "套餐"
    assert merged.get(1).name == "话费和账单对不上" and merged.get(1).group == "账单"
    assert merged.get(1).examples == kb.get(1).examples
    assert merged.get(1).processes == kb.get(1).processes
    # a number the KB retired that the centre uses again is the centre's code now
    assert 12 not in merged.legacy and merged.canonical(12) == 12
    assert merged.name(12) == "携号转网办不了"
    # the KB's other codes stay, so old notes still read right
    assert {c.number for c in kb} - {12} <= {c.number for c in merged}
    assert merged.parse("90 7") == ([90, 7], [])
    # the KB's own book is untouched (callers share cached copies)
    assert 90 not in kb and kb.get(1).name != "话费和账单对不上"


def test_nonsense_rows_are_skipped():
    kb = reason_codes_for()
    merged = overlay_reason_codes(
        kb, [(0, "零", ""), (-3, "负", ""), (91, "  ", ""), ("x", "字", "")]
    )
    assert {c.number for c in merged} == {c.number for c in kb}


def test_team_departments_come_first_and_escalation_stays_the_kbs():
    kb = departments_for()
    merged = overlay_departments(kb, ["客户体验部", "营业厅", " ", "客户体验部"])
    assert merged.departments[:2] == ("客户体验部", "营业厅")
    assert merged.departments.count("营业厅") == 1 and "" not in merged.departments
    assert set(kb.departments) <= set(merged.departments)
    assert merged.escalate_to == kb.escalate_to


def test_lists_with_a_database_use_what_team_mode_provides(tmp_path, provided):
    db = open_db(tmp_path / "a.db")
    codes = reason_codes_for(None, db)
    assert codes.get(90).name == "5G套餐降档"
    assert departments_for(None, db).departments[0] == "客户体验部"
    # without a database (the CLI's lint-kb, …) the KB's lists as they are
    assert 90 not in reason_codes_for()
    assert departments_for().departments[0] != "客户体验部"


def test_without_team_mode_nothing_changes(tmp_path):
    db = open_db(tmp_path / "a.db")
    assert [c.label for c in reason_codes_for(None, db)] == [c.label for c in reason_codes_for()]
    assert departments_for(None, db) == departments_for()


def test_a_failing_provider_leaves_the_kb_lists(tmp_path):
    def broken(db):
        raise RuntimeError("team table damaged")

    hooks.provide(TEAM_CODES, broken)
    try:
        db = open_db(tmp_path / "a.db")
        assert [c.label for c in reason_codes_for(None, db)] == [
            c.label for c in reason_codes_for()
        ]
    finally:
        hooks.withdraw(TEAM_CODES)


def test_validation_accepts_team_codes_and_reports_name_them(tmp_path, provided):
    db = open_db(tmp_path / "a.db")
    kb_only = reason_codes_for()
    result = validate_draft(draft("90"), kb_only, now=NOW)
    assert "reason_codes" in result.by_field()  # the KB alone does not know 90
    codes = reason_codes_for(None, db)
    assert validate_draft(draft("90", "客户体验部"), codes, now=NOW).ok
    note = NoteStore(db).submit(draft("90 7", "客户体验部"), codes, now=NOW)
    assert note.reason_codes == (90, 7)
    report = build_report(db, NoteFilter(), codes, now=NOW)
    names = {row.code: row.name for row in report.pareto.rows}
    assert names[90] == "5G套餐降档"
