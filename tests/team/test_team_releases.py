"""The team channel of KB releases: a KB owner publishes to PostgreSQL, agents pull through
``--kb team:`` / ``kb pull --team``, and ``report releases --team`` says who re-learned what."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from uuid import uuid4

import psycopg
import pytest

from agent_assist.cli import main
from agent_assist.knowledge import Tier, TierStore
from agent_assist.releases import ReleaseLog
from agent_assist.storage import open_db
from agent_assist.team.admin import add_user
from agent_assist.team.connect import ENV_DSN
from tests.releases.helpers import change, write_kb

S = "agent_assist"


@pytest.fixture(scope="module")
def people(team_db):
    return {
        "A": add_user(team_db, "r101", "agent", "一组").dsn,
        "B": add_user(team_db, "r102", "agent", "一组").dsn,
        "M": add_user(team_db, "r201", "agent", "二组").dsn,
        "L": add_user(team_db, "r100", "lead", "一组").dsn,
        "K": add_user(team_db, "r900", "kb-owner", "").dsn,
    }


def _event(dsn: str, kind: str, pid: str, at: datetime, **data) -> None:
    with psycopg.connect(dsn) as conn:
        conn.execute(
            f"INSERT INTO {S}.events (uuid, kind, agent_no, at, data) VALUES (%s, %s, '', %s, %s)",
            [uuid4(), kind, at, json.dumps({"pid": pid, **data})],
        )


def _report(monkeypatch, capsys, dsn: str) -> list[dict]:
    monkeypatch.setenv(ENV_DSN, dsn)
    capsys.readouterr()
    assert main(["report", "releases", "--team", "--json"]) == 0
    return [json.loads(x) for x in capsys.readouterr().out.splitlines() if x.strip()]


def test_publish_pull_and_relearn_through_the_team_store(
    people, team_db, tmp_path, monkeypatch, capsys
):
    owner = write_kb(tmp_path / "owner")
    pub = ["kb", "publish", str(owner), "--team", "--by", "知识库组"]
    monkeypatch.setenv(ENV_DSN, people["A"])  # an agent may not publish
    assert main([*pub, "--message", "越权"]) == 1
    assert "kb-owner" in capsys.readouterr().err
    monkeypatch.setenv(ENV_DSN, people["K"])
    assert main([*pub, "--message", "首次发布"]) == 0
    with psycopg.connect(team_db) as conn:
        files_after_first = conn.execute(f"SELECT count(*) FROM {S}.kb_release_files").fetchone()[0]

    # agent A pulls release 1 and knows proc01; B only studied proc03; M knows proc01 (team 二组)
    a = tmp_path / "agent-a"
    monkeypatch.setenv(ENV_DSN, people["A"])
    assert main(["--data-dir", str(a), "--kb", "team:", "search", "业务办理01"]) == 0
    assert "p.proc01" in capsys.readouterr().out
    db_a = open_db(a / "agent_assist.db")
    TierStore(db_a, "r101").set_tier("p.proc01", Tier.KNOWN)
    before = datetime.now() - timedelta(hours=1)
    _event(people["A"], "tier", "p.proc01", before, tier="known")
    _event(people["B"], "study", "p.proc03", before, rating=3)
    _event(people["M"], "tier", "p.proc01", before, tier="known")

    change(owner, "p.proc01", 5)
    monkeypatch.setenv(ENV_DSN, people["K"])
    assert main([*pub, "--message", "生效时间改为5个工作日"]) == 0
    capsys.readouterr()
    assert main(["kb", "releases", "--team", "--json"]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [(r["number"], r["changed"]) for r in rows] == [(2, ["p.proc01"]), (1, [])]
    with psycopg.connect(team_db) as conn:  # only the changed file was uploaded
        assert conn.execute(f"SELECT count(*) FROM {S}.kb_release_files").fetchone()[0] == (
            files_after_first + 1
        )

    monkeypatch.setenv(ENV_DSN, people["A"])
    assert main(["--data-dir", str(a), "kb", "pull", "--team"]) == 0
    assert "团队发布 #2" in capsys.readouterr().out
    assert set(ReleaseLog(db_a).updated_pids("r101")) == {"p.proc01"}
    assert TierStore(db_a, "r101").tier("p.proc01") is Tier.UNCERTAIN

    # the KB owner sees every agent who knew proc01; A re-learns by a study review
    (latest, _first) = _report(monkeypatch, capsys, people["K"])
    assert latest["changed"] == [{"pid": "p.proc01", "relearned": [], "not_yet": ["r101", "r201"]}]
    _event(people["A"], "study", "p.proc01", datetime.now() + timedelta(minutes=1), rating=3)
    latest = _report(monkeypatch, capsys, people["K"])[0]
    assert latest["changed"][0] == {"pid": "p.proc01", "relearned": ["r101"], "not_yet": ["r201"]}
    # a lead sees their team only; an agent only themself
    assert _report(monkeypatch, capsys, people["L"])[0]["changed"][0] == {
        "pid": "p.proc01",
        "relearned": ["r101"],
        "not_yet": [],
    }
    assert _report(monkeypatch, capsys, people["M"])[0]["changed"][0]["not_yet"] == ["r201"]
    assert _report(monkeypatch, capsys, people["M"])[0]["changed"][0]["relearned"] == []
