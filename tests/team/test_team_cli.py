"""The command-line contract: team init (twice is fine), add-user's last line is the user's DSN
without a password, team use never saves a password, team status / sync name the problems."""

from __future__ import annotations

import uuid

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict

from agent_assist.cli import main
from agent_assist.team import migrate
from agent_assist.team.connect import ENV_DSN


def test_init_add_user_use_status_sync(fresh_db, capsys, monkeypatch):
    # logins are cluster-wide and outlive the test database: a new number each run, so a
    # shared server (a developer's, several test runs) still shows the first-time password
    no = f"c{uuid.uuid4().hex[:8]}"
    monkeypatch.delenv(ENV_DSN, raising=False)
    assert main(["team", "init", "--dsn", fresh_db]) == 0
    assert f"版本 {migrate.app_version()}" in capsys.readouterr().out
    assert main(["team", "init", "--dsn", fresh_db]) == 0  # idempotent
    assert "无（已是最新）" in capsys.readouterr().out

    assert (
        main(["team", "add-user", no, "--role", "agent", "--team", "一组", "--dsn", fresh_db]) == 0
    )
    out = capsys.readouterr().out.strip().splitlines()
    user_dsn = out[-1]
    params = conninfo_to_dict(user_dsn)
    assert params["user"] == f"aa_{no}" and "password" not in params
    assert any("初始密码" in line for line in out)
    with psycopg.connect(user_dsn) as conn:  # that login works (trust on the test socket)
        assert conn.execute("SELECT agent_assist.agent_no_of(current_user)").fetchone()[0] == no

    with pytest.raises(SystemExit):
        main(["team", "add-user", "c1002", "--role", "boss", "--dsn", fresh_db])
    assert main(["team", "add-user", "c 1002", "--role", "agent", "--dsn", fresh_db]) == 1
    assert "工号“c 1002”只能含字母" in capsys.readouterr().err

    # a password in the DSN is never saved in the settings (no keyring here: refused)
    assert main(["team", "use", "--dsn", user_dsn + " password=secret"]) == 1
    assert "不会明文保存" in capsys.readouterr().err
    from agent_assist.storage import open_db
    from agent_assist.team.local_state import get_state

    assert "secret" not in get_state(open_db(), "dsn")
    capsys.readouterr()
    assert main(["team", "use", "--dsn", user_dsn]) == 0
    assert get_state(open_db(), "dsn") == user_dsn
    assert main(["team", "status"]) == 0
    out = capsys.readouterr().out
    assert f"工号 {no}" in out and "待同步 0" in out
    assert main(["team", "sync"]) == 0
    assert "已上传 0 条" in capsys.readouterr().out


def test_status_and_sync_name_an_unreachable_server(capsys, monkeypatch):
    from agent_assist.team.throwaway import free_port

    monkeypatch.setenv(
        ENV_DSN, f"host=127.0.0.1 port={free_port()} dbname=x user=x connect_timeout=2"
    )
    assert main(["team", "status"]) == 1
    assert "无法连接团队服务器" in capsys.readouterr().out
    assert main(["team", "sync"]) == 1
    err = capsys.readouterr().err
    assert "无法连接团队服务器" in err and "不会丢失" in err


def test_status_when_team_mode_is_off(capsys, monkeypatch):
    monkeypatch.delenv(ENV_DSN, raising=False)
    assert main(["team", "status"]) == 2
    assert "团队模式：关" in capsys.readouterr().out


def test_a_failed_pull_is_remembered_and_shown(team_db, capsys, monkeypatch):
    """A pull that failed (the background one every 10 min, or 从服务器刷新) keeps the previous
    copy and says so in ``team status``; the next good pull clears it."""
    from agent_assist.storage import open_db
    from agent_assist.team import pull
    from agent_assist.team.admin import add_user
    from agent_assist.team.connect import TeamError
    from agent_assist.team.throwaway import free_port

    agent = add_user(team_db, f"c{uuid.uuid4().hex[:8]}", "agent", "").dsn
    down = f"host=127.0.0.1 port={free_port()} dbname=x user=x connect_timeout=2"
    db = open_db()
    with pytest.raises(TeamError):
        pull.pull_all(db, down)
    monkeypatch.setenv(ENV_DSN, down)
    main(["team", "status"])
    out = capsys.readouterr().out
    assert "上次下载：从未" in out and "下载出错：无法连接团队服务器" in out
    pull.pull_all(db, agent)
    monkeypatch.setenv(ENV_DSN, agent)
    assert main(["team", "status"]) == 0
    out = capsys.readouterr().out
    assert "下载出错" not in out and "上次下载：20" in out


def test_a_local_fault_in_the_background_pull_never_kills_the_pusher(monkeypatch):
    import sqlite3

    from agent_assist.storage import open_db
    from agent_assist.team import outbox, pull
    from agent_assist.team.pusher import Pusher

    def locked(db, dsn):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(pull, "pull_all", locked)
    db = open_db()
    Pusher(None)._pull(db, "host=x")  # no exception escapes into the thread's loop
    assert "database is locked" in outbox.get_state(db, "last_pull_error")
