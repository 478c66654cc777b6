"""``report notes --team`` gives the same numbers as the local report on the same notes: 10,000
notes filed on a PC in team mode, synced to the server, then both reports compared as JSON."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from team.helpers import make_note

from agent_assist.cli import main
from agent_assist.notes import FollowUpStore, NoteFilter, NoteStore, build_report, reason_codes_for
from agent_assist.storage import open_db
from agent_assist.team.admin import add_user
from agent_assist.team.connect import ENV_DSN
from agent_assist.team.hook import install, uninstall
from agent_assist.team.pusher import push_all
from agent_assist.team.reports import team_report

NOW = dt.datetime(2026, 12, 1, 12, 0, 0)
AGENTS = ("r1", "r2", "r3", "r4")


def _normal(report) -> dict:
    data = report.to_dict()
    data.pop("timings_ms")

    def fix(v):
        if isinstance(v, float):
            return float(f"{v:.9g}")  # SQLite and PostgreSQL may add floats in another order
        if isinstance(v, dict):
            return {k: fix(x) for k, x in v.items()}
        if isinstance(v, list):
            return [fix(x) for x in v]
        return v

    return fix(data)


@pytest.fixture(scope="module")
def loaded(team_db, tmp_path_factory):
    """10k notes on one PC database and, through the outbox, on the server."""
    users = {
        no: add_user(team_db, no, "agent", "甲" if no in ("r1", "r2") else "乙") for no in AGENTS
    }
    users["lead"] = add_user(team_db, "r0", "lead", "甲")
    data = tmp_path_factory.mktemp("pc")
    mp = pytest.MonkeyPatch()
    mp.setenv("AGENT_ASSIST_DATA_DIR", str(data))
    mp.setenv(ENV_DSN, team_db)  # the owner's login: it may push every agent's notes
    install()
    try:
        db = open_db()
        notes = [make_note(AGENTS[i % 4], i, customer_phone="") for i in range(10_000)]
        # spread over two months, some handling times that are not exact in binary
        for i, n in enumerate(notes):
            shift = dt.timedelta(hours=(i * 37) % (24 * 58))
            n.started_at += shift
            n.ended_at += shift
            n.submitted_at += shift
            if n.deadline:
                n.deadline += shift
            n.handling_minutes = round(1 + (i * 7919 % 400) / 10, 1)
        NoteStore(db).add_many(notes)
        followups = FollowUpStore(db)
        for f in followups.queue(limit=100_000)[::3]:
            followups.close(f.id, "已回访", 1 + f.id % 5, "r1", now=NOW)
        result = push_all(db, team_db, batch=1000)
        assert result.rejected == 0 and result.sent >= 10_000
        yield db, users, data
    finally:
        uninstall()
        mp.undo()


CASES = [
    NoteFilter(),
    NoteFilter(date_from=dt.date(2026, 11, 10), date_to=dt.date(2026, 11, 30)),
    NoteFilter(agent="r3"),
    NoteFilter(date_from=dt.date(2026, 12, 5), agent="坐席r2"),
]


@pytest.mark.parametrize("flt", CASES, ids=["all", "dates", "agent", "dates+name"])
def test_team_report_equals_local_report(loaded, team_db, sample_kb_dir, flt):
    db, _, _ = loaded
    codes = reason_codes_for(sample_kb_dir)
    local = build_report(db, flt, codes, per_minute=1.5, now=NOW)
    team = team_report(flt, codes, per_minute=1.5, db=db, dsn=team_db, now=NOW)
    assert local.calls > 0 and local.grid.rows
    if flt == NoteFilter():
        assert local.followups.closed > 0 and local.followups.overdue > 0
    assert _normal(team) == _normal(local)


def test_agents_and_leads_get_their_own_scope(loaded, sample_kb_dir):
    db, users, _ = loaded
    codes = reason_codes_for(sample_kb_dir)
    mine = team_report(NoteFilter(), codes, 1.5, db=db, dsn=users["r2"].dsn, now=NOW)
    local_r2 = build_report(db, NoteFilter(agent="r2"), codes, per_minute=1.5, now=NOW)
    assert _normal(mine) == _normal(local_r2)  # row-level security scoped it to r2's notes
    lead = team_report(NoteFilter(), codes, 1.5, db=db, dsn=users["lead"].dsn, now=NOW)
    local_r1 = build_report(db, NoteFilter(agent="r1"), codes, per_minute=1.5, now=NOW)
    assert lead.calls == local_r1.calls + local_r2.calls == 5000


def test_cli_team_json_has_the_local_shape(loaded, team_db, monkeypatch, capsys):
    _, _, data = loaded
    monkeypatch.setenv("AGENT_ASSIST_DATA_DIR", str(data))
    monkeypatch.setenv(ENV_DSN, team_db)
    args = ["report", "notes", "--json", "--from", "2026-11-01", "--to", "2026-11-20"]
    assert main(args) == 0
    local = json.loads(capsys.readouterr().out)
    assert main([*args, "--team"]) == 0
    team = json.loads(capsys.readouterr().out)
    assert team.keys() == local.keys()
    for key in ("calls", "pareto", "emotions", "departments", "resolution", "escalations", "grid"):
        assert team[key] == local[key], key
    assert main(["report", "notes", "--team"]) == 0
    assert "来电小结报表" in capsys.readouterr().out


def test_team_report_without_team_mode_says_how(monkeypatch, capsys):
    monkeypatch.delenv(ENV_DSN, raising=False)
    assert main(["report", "notes", "--team"]) == 1
    assert "team use --dsn" in capsys.readouterr().err


def test_amended_note_moves_the_rollups_too(loaded, team_db, sample_kb_dir, monkeypatch):
    """Runs last in this module: an amendment synced to the server changes both reports alike
    (the rollups of its day are rebuilt), and the rollups agree with a scan of the notes."""
    import psycopg

    from agent_assist.notes import AmendmentStore
    from agent_assist.team.reports import build_team_report

    db, _, data = loaded
    monkeypatch.setenv(ENV_DSN, team_db)
    install()
    try:
        codes = reason_codes_for(sample_kb_dir)
        store = NoteStore(db)
        target = store.search(limit=1)[0]
        new_emotion = "愤怒" if target.emotion_end != "愤怒" else "平静"
        AmendmentStore(store).amend(
            target.id, {"emotion_end": new_emotion, "handling_minutes": "55.5"}, "r1", codes
        )
        push_all(db, team_db)
    finally:
        uninstall()
    local = build_report(db, NoteFilter(), codes, per_minute=1.5, now=NOW)
    team = team_report(NoteFilter(), codes, per_minute=1.5, db=db, dsn=team_db, now=NOW)
    assert "refresh" in team.timings_ms  # read from the rollups
    assert _normal(team) == _normal(local)
    with psycopg.connect(team_db) as conn:
        raw = build_team_report(conn, NoteFilter(), codes, 1.5, NOW, rollups=False)
    assert _normal(raw) == _normal(local)
