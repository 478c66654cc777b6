"""Pull: team phrases (a lead's team + the centre's), reason codes and departments, and the
follow-ups a lead assigned to this agent; the database decides who may reassign what."""

from __future__ import annotations

import psycopg
import pytest
from psycopg import errors
from team.helpers import make_note

from agent_assist.notes import NoteStore
from agent_assist.storage import open_db
from agent_assist.team import outbox, pull
from agent_assist.team.admin import add_user
from agent_assist.team.connect import ENV_DSN, TeamError
from agent_assist.team.hook import install, uninstall
from agent_assist.team.pusher import push_all


@pytest.fixture(scope="module")
def people(team_db):
    return {
        "A": add_user(team_db, "q101", "agent", "一组").dsn,
        "B": add_user(team_db, "q102", "agent", "一组").dsn,
        "M": add_user(team_db, "q201", "agent", "二组").dsn,
        "L": add_user(team_db, "q100", "lead", "一组").dsn,
        "K": add_user(team_db, "q900", "kb-owner", "").dsn,
    }


def test_team_content_and_assigned_followups(people, team_db, tmp_path, monkeypatch):
    S = "agent_assist"
    with psycopg.connect(team_db) as owner:  # the centre's phrase
        owner.execute(
            f"INSERT INTO {S}.team_phrases (team, category, title, text) VALUES ('', '开场', '', '您好，很高兴为您服务')"
        )
        owner.commit()
    with psycopg.connect(people["L"]) as lead:
        lead.execute(
            f"INSERT INTO {S}.team_phrases (team, category, title, text) VALUES ('一组', '安抚', '先致歉', '给您添麻烦了，非常抱歉')"
        )
        with pytest.raises(errors.InsufficientPrivilege):  # not the lead's team
            lead.execute(f"INSERT INTO {S}.team_phrases (team, text) VALUES ('二组', 'x')")
        lead.rollback()
        lead.execute(
            f"INSERT INTO {S}.team_phrases (team, category, title, text) VALUES ('一组', '安抚', '先致歉', '给您添麻烦了，非常抱歉')"
        )
        lead.commit()
    with psycopg.connect(people["K"]) as kb:
        kb.execute(
            f"INSERT INTO {S}.reason_codes (code, name) VALUES (1, '话费扣多了'), (2, '宽带断网')"
        )
        kb.execute(f"INSERT INTO {S}.departments (name) VALUES ('营业厅'), ('网络部')")
        kb.commit()
    with psycopg.connect(people["A"]) as a, pytest.raises(errors.InsufficientPrivilege):
        a.execute(f"INSERT INTO {S}.reason_codes (code, name) VALUES (3, 'x')")

    # B files a note with a promised call-back and syncs it
    monkeypatch.setenv(ENV_DSN, people["B"])
    install()
    try:
        b_db = open_db(tmp_path / "b.db")
        (note,) = (
            NoteStore(b_db).add_many([make_note("q102", 6, customer_phone="13812345678")])
            and NoteStore(b_db).search()
        )
        push_all(b_db, people["B"])
        target = outbox.note_uuid(b_db, note.id)
    finally:
        uninstall()
    # the lead gives it to A (B is off); not to someone of another team; an agent cannot
    with pytest.raises(TeamError):
        pull.reassign(people["L"], target, "q201")
    with pytest.raises(TeamError):
        pull.reassign(people["A"], target, "q101")
    pull.reassign(people["L"], target, "q101")

    a_db = open_db(tmp_path / "a.db")
    got = pull.pull_all(a_db, people["A"])
    assert got == {"团队话术": 2, "原因代码": 2, "部门": 2, "指派给我的回访": 1}
    assert [t for _, _, t in pull.team_phrases(a_db)] == [
        "您好，很高兴为您服务",
        "给您添麻烦了，非常抱歉",
    ]
    assert pull.team_reason_codes(a_db) == {1: "话费扣多了", 2: "宽带断网"}
    assert pull.team_departments(a_db) == sorted(["营业厅", "网络部"])
    (assigned,) = pull.assigned_followups(a_db)
    assert assigned.owner_no == "q102" and assigned.customer_phone == "138****5678"
    assert assigned.assigned_by == "q100"
    # M (other team) sees no 一组 phrase
    m_db = open_db(tmp_path / "m.db")
    assert pull.pull_all(m_db, people["M"])["团队话术"] == 1

    # A calls back and records the outcome: it reaches the server's follow-up
    pull.close_assigned(a_db, target, "已回电，客户满意", 4, "q101")
    assert pull.assigned_followups(a_db) == []
    # a pull before the outcome was sent (offline a while, 从服务器刷新) does not bring it back
    assert pull.pull_all(a_db, people["A"])["指派给我的回访"] == 0
    assert pull.assigned_followups(a_db) == []
    push_all(a_db, people["A"])
    with psycopg.connect(team_db) as owner:
        assert owner.execute(
            f"SELECT closed_by, outcome, satisfaction FROM {S}.followups WHERE note_uuid = %s",
            [target],
        ).fetchone() == ("q101", "已回电，客户满意", 4)


def test_pulled_team_phrases_overlay_the_library(people, team_db, tmp_path, monkeypatch):
    from agent_assist.phrases.library import PhraseLibrary

    with psycopg.connect(people["L"]) as lead:
        lead.execute(
            "INSERT INTO agent_assist.team_phrases (team, category, title, text)"
            " VALUES ('一组', '情绪安抚', '组长推荐', '{称呼}您先别急，我马上帮您查')"
        )
        lead.commit()
    db = open_db(tmp_path / "a2.db")
    pull.pull_all(db, people["A"])
    monkeypatch.setenv(ENV_DSN, people["A"])
    install()
    try:
        lib = PhraseLibrary.load(db=db, build=False)
    finally:
        uninstall()
    server = [p for p in lib.team if p.id.startswith("server-")]
    texts = [p.text for p in server]
    assert "{称呼}您先别急，我马上帮您查" in texts
    mine = next(p for p in server if p.title == "组长推荐")
    assert mine.stage == "emotion" and mine.placeholders == ("称呼",)
    assert lib.team[0].id.startswith("server-")  # before phrases.yaml
    monkeypatch.delenv(ENV_DSN)
    assert not [
        p for p in PhraseLibrary.load(db=db, build=False).team if p.id.startswith("server-")
    ]
