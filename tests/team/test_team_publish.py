"""``team publish-lists``: a KB owner publishes the centre's reason codes and departments, a lead
the team's phrases; the database decides who may (an agent is refused); a file with errors
publishes nothing; each list replaces the server's whole list."""

from __future__ import annotations

import psycopg
import pytest

from agent_assist.cli import main
from agent_assist.storage import open_db
from agent_assist.team import pull
from agent_assist.team.admin import add_user
from agent_assist.team.connect import TeamError
from agent_assist.team.publish import ListInvalid, publish_lists

S = "agent_assist"


@pytest.fixture(scope="module")
def people(team_db):
    return {
        "A": add_user(team_db, "u101", "agent", "一组").dsn,
        "L": add_user(team_db, "u100", "lead", "一组").dsn,
        "K": add_user(team_db, "u900", "kb-owner", "").dsn,
    }


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def server_codes(dsn):
    with psycopg.connect(dsn) as conn:
        return conn.execute(
            f"SELECT code, name, category FROM {S}.reason_codes ORDER BY code"
        ).fetchall()


def test_kb_owner_publishes_whole_lists(people, team_db, tmp_path, capsys):
    codes = write(
        tmp_path / "codes.yaml",
        "codes:\n  - {number: 1, name: 话费扣多了, group: 账单}\n  - {number: 2, name: 宽带断网}\n",
    )
    deps = write(tmp_path / "deps.yaml", "departments: [营业厅, 网络部]\nescalate_to: [值班长]\n")
    args = ["--reason-codes", str(codes), "--departments", str(deps), "--dsn", people["K"]]
    assert main(["team", "publish-lists", *args]) == 0
    out = capsys.readouterr().out
    assert "原因代码：共 2（新增 2，修改 0，删除 0）" in out and "部门：共 2" in out
    assert "escalate_to" in out  # says what is not published
    assert server_codes(team_db) == [(1, "话费扣多了", "账单"), (2, "宽带断网", "")]
    # the file is the list: 2 gone, 1 renamed, 3 new
    write(
        tmp_path / "codes.yaml",
        "codes:\n  - {number: 1, name: 账单看不懂}\n  - {number: 3, name: 没信号}\n",
    )
    assert main(["team", "publish-lists", "--reason-codes", str(codes), "--dsn", people["K"]]) == 0
    assert "原因代码：共 2（新增 1，修改 1，删除 1）" in capsys.readouterr().out
    assert server_codes(team_db) == [(1, "账单看不懂", ""), (3, "没信号", "")]
    db = open_db(tmp_path / "a.db")
    pull.pull_all(db, people["A"])
    assert pull.team_reason_codes(db) == {1: "账单看不懂", 3: "没信号"}
    assert pull.team_departments(db) == sorted(["营业厅", "网络部"])


def test_a_file_with_errors_publishes_nothing(people, team_db, tmp_path, capsys):
    before = server_codes(team_db)
    bad = write(
        tmp_path / "codes.yaml",
        "codes:\n  - {number: 5, name: 好的}\n  - {number: -1, name: 坏的}\n",
    )
    assert main(["team", "publish-lists", "--reason-codes", str(bad), "--dsn", people["K"]]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:3: number 应为正整数" in err and "什么都没有发布" in err
    assert server_codes(team_db) == before
    with pytest.raises(ListInvalid):
        publish_lists(people["K"], departments=write(tmp_path / "d.yaml", "departments: 营业厅\n"))
    with pytest.raises(ListInvalid, match="找不到"):
        publish_lists(people["K"], reason_codes=tmp_path / "missing.yaml")


def test_roles_are_the_databases(people, team_db, tmp_path, capsys):
    codes = write(tmp_path / "codes.yaml", "codes:\n  - {number: 9, name: 不该发布}\n")
    phrases = write(
        tmp_path / "phrases.yaml",
        "phrases:\n  - id: emotion.calm\n    trigger: ac\n    title: 组长推荐\n"
        "    text: '{称呼}您先别急，我马上帮您查'\n    tags: {stage: emotion}\n",
    )
    before = server_codes(team_db)
    for who in ("A", "L"):  # agents and leads do not publish codes
        with pytest.raises(TeamError, match="没有权限"):
            publish_lists(people[who], reason_codes=codes)
    with pytest.raises(TeamError, match="没有权限"):  # a KB owner does not publish phrases
        publish_lists(people["K"], phrases=phrases)
    with pytest.raises(TeamError, match="没有权限"):
        publish_lists(people["A"], phrases=phrases)
    assert server_codes(team_db) == before
    # the lead publishes the team's phrases; the team's agents get them
    done = publish_lists(people["L"], phrases=phrases)
    assert done.counts["团队话术"] == (1, 0, 0, 1)
    with psycopg.connect(team_db) as conn:
        assert conn.execute(f"SELECT team, category, title FROM {S}.team_phrases").fetchall() == [
            ("一组", "emotion", "组长推荐")
        ]
    db = open_db(tmp_path / "a.db")
    pull.pull_all(db, people["A"])
    assert [t for _, _, t in pull.team_phrases(db)] == ["{称呼}您先别急，我马上帮您查"]
    assert main(["team", "publish-lists", "--dsn", people["L"]]) == 1  # nothing to publish
    assert "至少" in capsys.readouterr().err
