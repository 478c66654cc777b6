"""Submitting, searching, amending (never silently editing) and the follow-up queue."""

from __future__ import annotations

import datetime as dt

import pytest

from agent_assist.notes import (
    AmendmentStore,
    DraftStore,
    FollowUpStore,
    NoteDraft,
    NoteFilter,
    NoteInvalid,
    NoteStore,
    reason_codes_for,
)
from agent_assist.storage import open_db

CODES = reason_codes_for()
T0 = dt.datetime(2026, 11, 24, 9, 30)


def draft(**changes) -> NoteDraft:
    base = dict(
        started_at="2026-11-24 09:30:00",
        agent_name="李娜",
        agent_no="A10086",
        customer_name="王先生",
        customer_phone="13812345678",
        reason_text="宽带光猫红灯亮了两天上不了网",
        reason_codes="11",
        emotion_start="不满",
        emotion_end="平静",
        stage="提出方案",
        handling_minutes="9",
    )
    base.update(changes)
    return NoteDraft(**base)


@pytest.fixture
def db(tmp_path):
    return open_db(tmp_path / "notes.db")


def test_submit_files_the_note_and_removes_its_draft(db):
    store, drafts = NoteStore(db), DraftStore(db)
    d = draft(deadline="24h")
    drafts.save(d)
    assert drafts.get(d.draft_id) is not None
    note = store.submit(d, CODES, now=T0 + dt.timedelta(minutes=10))
    assert note.id > 0
    assert drafts.pending() == []
    again = store.get(note.id)
    assert again.reason_codes == (11,) and again.ended_at == T0 + dt.timedelta(minutes=10)
    assert again.submitted_at == T0 + dt.timedelta(minutes=10)
    assert FollowUpStore(db).for_note(note.id).due_at == T0 + dt.timedelta(hours=24)


def test_invalid_submit_stores_nothing_and_keeps_the_draft(db):
    store, drafts = NoteStore(db), DraftStore(db)
    d = draft(customer_phone="1381234", reason_codes="")
    drafts.save(d)
    with pytest.raises(NoteInvalid) as info:
        store.submit(d, CODES)
    assert [e.field for e in info.value.errors] == ["customer_phone", "reason_codes"]
    assert store.count() == 0
    assert drafts.get(d.draft_id).customer_phone == "1381234"


def test_search_filters(db):
    store = NoteStore(db)
    store.submit(draft(), CODES, now=T0 + dt.timedelta(minutes=9))
    store.submit(
        draft(
            started_at="2026-11-20 10:00:00",
            agent_no="B2",
            agent_name="赵强",
            reason_codes="1 3",
            reason_text="这个月话费比平时多了50块",
            customer_phone="010-12345678",
            repeat_call=True,
            previous_calls=1,
            emotion_start="愤怒",
            emotion_end="不满",
        ),
        CODES,
        now=T0,
    )
    store.submit(
        draft(started_at="2026-10-01 10:00:00", reason_text="流量才用几天就没了_50%"), CODES, now=T0
    )
    assert store.count() == 3
    assert [n.started_at.day for n in store.search()] == [24, 20, 1]  # newest first
    assert store.count(NoteFilter(date_from=dt.date(2026, 11, 1))) == 2
    assert store.count(NoteFilter(date_to=dt.date(2026, 11, 20))) == 2
    assert store.count(NoteFilter(code=3)) == 1
    assert store.count(NoteFilter(emotion="愤怒")) == 1
    assert store.count(NoteFilter(emotion="平静")) == 2
    assert store.count(NoteFilter(agent="B2")) == 1 and store.count(NoteFilter(agent="李娜")) == 2
    assert store.count(NoteFilter(repeat=True)) == 1 and store.count(NoteFilter(repeat=False)) == 2
    assert store.count(NoteFilter(text="话费 50块")) == 1
    assert store.count(NoteFilter(text="50%")) == 1  # % is literal, not a wildcard
    assert store.count(NoteFilter(text="0101234")) == 1  # phone digits, separators ignored
    assert store.count(NoteFilter(text="138 1234")) == 2
    assert store.count(NoteFilter(text="010-1234")) == 1
    assert [n.reason_codes for n in store.search(NoteFilter(agent="B2"))] == [(1, 3)]
    assert len(store.search(limit=2)) == 2 and len(store.search(limit=2, offset=2)) == 1
    assert store.agents() == ["A10086", "B2"]


def test_iter_notes_streams_everything_in_order(db):
    store = NoteStore(db)
    for day in (5, 3, 4, 3):
        store.submit(draft(started_at=f"2026-11-0{day} 10:00:00"), CODES, now=T0)
    days = [n.started_at.day for n in store.iter_notes(chunk=1)]
    assert days == [3, 3, 4, 5]


def test_amendments_record_who_when_what_and_keep_the_original(db):
    store = NoteStore(db)
    amendments = AmendmentStore(store)
    note = store.submit(draft(), CODES, now=T0 + dt.timedelta(minutes=9))
    when = T0 + dt.timedelta(days=1)
    recorded = amendments.amend(
        note.id,
        {"reason_codes": "11 17", "emotion_end": "焦虑", "deadline": "2026-11-26 18:00"},
        by="A20001",
        codes=CODES,
        reason="复听录音后更正",
        now=when,
    )
    assert {(a.field, a.old, a.new) for a in recorded} == {
        ("reason_codes", "11", "11 17"),
        ("emotion_end", "平静", "焦虑"),
        ("deadline", "", "2026-11-26 18:00:00"),
    }
    current = store.get(note.id)
    assert current.reason_codes == (11, 17) and current.amendments == 1
    assert store.count(NoteFilter(code=17)) == 1  # the report facts follow the correction
    history = amendments.history(note.id)
    assert all(
        a.amended_by == "A20001" and a.amended_at == when and a.reason == "复听录音后更正"
        for a in history
    )
    assert amendments.original(note.id)["emotion_end"] == "平静"
    assert FollowUpStore(db).for_note(note.id).due_at == dt.datetime(2026, 11, 26, 18, 0)
    assert (
        amendments.amend(note.id, {"emotion_end": "焦虑"}, by="A20001", codes=CODES) == []
    )  # no change, no record


def test_amendment_is_validated_and_needs_an_author(db):
    store = NoteStore(db)
    amendments = AmendmentStore(store)
    note = store.submit(draft(), CODES, now=T0 + dt.timedelta(minutes=9))
    with pytest.raises(NoteInvalid) as info:
        amendments.amend(note.id, {"customer_phone": "12"}, by="A2", codes=CODES)
    assert info.value.errors[0].field == "customer_phone"
    with pytest.raises(NoteInvalid):
        amendments.amend(note.id, {"notes": "补充"}, by=" ", codes=CODES)
    with pytest.raises(KeyError):
        amendments.amend(note.id, {"id": 5}, by="A2", codes=CODES)
    assert store.get(note.id).customer_phone == "13812345678" and amendments.history(note.id) == []


def test_followup_queue_sorted_overdue_and_closing(db):
    store, followups = NoteStore(db), FollowUpStore(db)
    late = store.submit(draft(deadline="2026-11-24 12:00"), CODES, now=T0)
    soon = store.submit(draft(deadline="2026-11-25 12:00"), CODES, now=T0)
    first = store.submit(draft(deadline="2026-11-24 11:00"), CODES, now=T0)
    store.submit(draft(), CODES, now=T0)  # nothing promised, no follow-up
    now = dt.datetime(2026, 11, 24, 13, 0)
    queue = followups.queue()
    assert [f.note_id for f in queue] == [first.id, late.id, soon.id]
    assert [f.is_overdue(now) for f in queue] == [True, True, False]
    assert followups.open_count() == 3 and followups.overdue_count(now) == 2
    with pytest.raises(NoteInvalid) as info:
        followups.close(queue[0].id, outcome="", satisfaction=7, by="A1")
    assert [e.field for e in info.value.errors] == ["outcome", "satisfaction"]
    closed = followups.close(
        queue[0].id, outcome="已退费30元，客户确认到账", satisfaction=4, by="A1", now=now
    )
    assert closed.closed_at == now and closed.satisfaction == 4 and not closed.is_open
    assert followups.open_count() == 2 and followups.overdue_count(now) == 1
    with pytest.raises(NoteInvalid):
        followups.close(queue[0].id, outcome="再关一次", satisfaction=5, by="A1")
    assert [f.note_id for f in followups.queue(include_closed=True)][-1] == first.id
    assert followups.satisfaction_summary() == {4: 1}
