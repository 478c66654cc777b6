"""Credentials (issue 11 item 4), over TCP where the server asks for a password (scram): the
password never sits in the settings — it comes from the OS keyring, libpq's pgpass file or a
service file — and ``sslmode`` in the DSN reaches libpq untouched."""

from __future__ import annotations

import sys
import types

import pytest
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from agent_assist.cli import main
from agent_assist.storage import open_db
from agent_assist.team import outbox
from agent_assist.team.admin import add_user
from agent_assist.team.connect import ENV_DSN, KEYRING_SERVICE, TeamError, connect

PASSWORD = "k-Secret-101"


@pytest.fixture(scope="module")
def tcp(team_db):
    """The DSN (host 127.0.0.1, no password in it) of an agent whose password is known."""
    user = add_user(team_db, "k101", "agent", "一组", password=PASSWORD)
    params = conninfo_to_dict(user.dsn)
    params.update(host="127.0.0.1", connect_timeout="5")
    return params


@pytest.fixture
def os_keyring(monkeypatch):
    """The OS keyring as the ``keyring`` package presents it (the real one needs a desktop
    session): what the app stores there and reads back."""
    saved: dict[tuple[str, str], str] = {}
    module = types.ModuleType("keyring")
    module.set_password = lambda service, user, pw: saved.__setitem__((service, user), pw)
    module.get_password = lambda service, user: saved.get((service, user))
    monkeypatch.setitem(sys.modules, "keyring", module)
    return saved


def test_password_goes_to_the_keyring_and_is_used_from_there(tcp, os_keyring, capsys, monkeypatch):
    monkeypatch.delenv(ENV_DSN, raising=False)
    monkeypatch.setenv("PGPASSFILE", "/nonexistent")  # only the keyring can supply it
    with pytest.raises(TeamError, match="需要密码"):
        connect(make_conninfo(**tcp))
    assert main(["team", "use", "--dsn", make_conninfo(**tcp, password=PASSWORD)]) == 0
    saved = outbox.get_state(open_db(), "dsn")
    assert PASSWORD not in saved and "password" not in conninfo_to_dict(saved)
    assert os_keyring == {(KEYRING_SERVICE, tcp["user"]): PASSWORD}
    capsys.readouterr()
    assert main(["team", "status"]) == 0  # logged in over TCP with the keyring's password
    assert "工号 k101" in capsys.readouterr().out
    assert main(["team", "use", "--off"]) == 0  # no DSN needed to turn it off
    assert outbox.get_state(open_db(), "dsn") == ""
    assert main(["team", "use"]) == 1
    assert "--dsn" in capsys.readouterr().err


def test_pgpass_and_service_files_are_libpqs(tcp, tmp_path, monkeypatch, capsys):
    monkeypatch.delitem(sys.modules, "keyring", raising=False)
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(
        f"127.0.0.1:{tcp['port']}:{tcp['dbname']}:{tcp['user']}:{PASSWORD}\n", encoding="utf-8"
    )
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    with connect(make_conninfo(**tcp)) as conn:
        assert conn.execute("SELECT agent_assist.agent_no_of(current_user)").fetchone() == ("k101",)
    services = tmp_path / "pg_service.conf"
    services.write_text(
        "[centre]\n" + "".join(f"{k}={v}\n" for k, v in tcp.items()), encoding="utf-8"
    )
    monkeypatch.setenv("PGSERVICEFILE", str(services))
    monkeypatch.setenv(ENV_DSN, "service=centre")
    assert main(["team", "status"]) == 0
    out = capsys.readouterr().out
    assert "service=centre" in out and "工号 k101" in out


def test_sslmode_in_the_dsn_is_honoured(tcp, tmp_path, monkeypatch):
    """The test server has no TLS: ``sslmode=require`` must make the connection fail (the option
    reached libpq), with a message that says why, and ``disable`` works."""
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"*:*:*:{tcp['user']}:{PASSWORD}\n", encoding="utf-8")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    with pytest.raises(TeamError) as info:
        connect(make_conninfo(**tcp, sslmode="require"))
    assert info.value.kind == "offline" and "SSL" in str(info.value)
    with connect(make_conninfo(**tcp, sslmode="disable")) as conn:
        assert conn.pgconn.ssl_in_use is False
