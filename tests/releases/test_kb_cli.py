"""The command-line contract of issue 12, end to end through the folder channel: one publisher,
two data dirs as two agents."""

from __future__ import annotations

import json

from agent_assist.cli import main
from agent_assist.knowledge import FeedbackStore, StudyQueue, Tier, TierStore, load_kb
from agent_assist.releases import ReleaseLog, mirror_root
from agent_assist.storage import open_db
from tests.releases.helpers import change, write_kb


def _json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_publish_refuses_lint_errors_and_publishes_nothing(tmp_path, capsys):
    kb = write_kb(tmp_path / "kb")
    (kb / "processes" / "bad.md").write_text("---\nid: Bad Id\ntitle: x\n---\n", encoding="utf-8")
    share = tmp_path / "share"
    code = main(["kb", "publish", str(kb), "--to", str(share), "--message", "x", "--by", "张"])
    out = capsys.readouterr()
    assert code == 1
    assert "bad.md:" in out.out
    assert "lint 未通过" in out.err
    assert not (share / "manifest.json").exists() and not (share / "releases").exists()


def test_publish_without_publisher_asks_for_by(tmp_path, capsys):
    kb = write_kb(tmp_path / "kb")
    code = main(["kb", "publish", str(kb), "--to", str(tmp_path / "s"), "--message", "x"])
    assert code == 2 and "--by" in capsys.readouterr().err


def test_publish_uses_the_profile_name(tmp_path, capsys):
    from agent_assist.knowledge import AgentProfile, ProfileStore

    ProfileStore(open_db()).save(AgentProfile(name="李主管", agent_no="9001"))
    kb = write_kb(tmp_path / "kb")
    share = tmp_path / "share"
    assert main(["kb", "publish", str(kb), "--to", str(share), "--message", "首发"]) == 0
    capsys.readouterr()
    assert main(["kb", "releases", "--to", str(share), "--json"]) == 0
    (row,) = _json_lines(capsys.readouterr().out)
    assert row["publisher"] == "李主管（9001）" and row["complete"] is True


def test_two_agents_through_the_folder_channel(tmp_path, capsys):
    owner = write_kb(tmp_path / "owner")
    share = tmp_path / "share"
    a, b = tmp_path / "agent-a", tmp_path / "agent-b"
    pub = ["kb", "publish", str(owner), "--to", str(share), "--by", "张主管"]
    assert main([*pub, "--message", "首次发布"]) == 0
    for data in (a, b):  # each agent starts on the release folder
        assert main(["--data-dir", str(data), "--kb", str(share), "search", "业务办理01"]) == 0
    out = capsys.readouterr().out
    assert "p.proc01" in out
    # agent A knows proc01; agent B knows nothing
    TierStore(open_db(a / "agent_assist.db"), "1001").set_tier("p.proc01", Tier.KNOWN)
    kb_a = load_kb(mirror_root(share, a) / "live")
    flag = FeedbackStore(open_db(b / "agent_assist.db")).add(
        "p.proc01", "outdated", "时限变了", "2002", version=kb_a.get("p.proc01").content_hash
    )
    change(owner, "p.proc01", 5)
    assert main([*pub, "--message", "生效时间改为5个工作日"]) == 0
    capsys.readouterr()
    assert main(["kb", "releases", "--to", str(share), "--json"]) == 0
    rows = _json_lines(capsys.readouterr().out)
    assert [(r["number"], r["changed"]) for r in rows] == [(2, ["p.proc01"]), (1, [])]

    for data in (a, b):
        assert main(["--data-dir", str(data), "--kb", str(share), "search", "业务办理01"]) == 0
    capsys.readouterr()
    db_a = open_db(a / "agent_assist.db")
    assert TierStore(db_a, "1001").tier("p.proc01") is Tier.UNCERTAIN
    assert set(ReleaseLog(db_a).updated_pids("1001")) == {"p.proc01"}
    assert main(["--data-dir", str(a), "report", "releases", "--json"]) == 0
    latest = _json_lines(capsys.readouterr().out)[0]
    assert latest["message"] == "生效时间改为5个工作日"
    assert latest["changed"] == [
        {"pid": "p.proc01", "title": "业务办理01", "relearned": [], "not_yet": ["1001"]}
    ]
    # agent A re-learns by reviewing the card; the report follows
    live_a = load_kb(mirror_root(share, a) / "live")
    StudyQueue(db_a, "1001", kb=live_a).rate("p.proc01", 3)
    assert main(["--data-dir", str(a), "report", "releases", "--json"]) == 0
    assert _json_lines(capsys.readouterr().out)[0]["changed"][0]["relearned"] == ["1001"]
    # agent B had nothing to re-learn, but its flag now waits for its confirmation
    db_b = open_db(b / "agent_assist.db")
    assert ReleaseLog(db_b).updated_pids("2002") == {}
    kb_b = load_kb(mirror_root(share, b) / "live")
    assert FeedbackStore(db_b).get(flag).status(kb_b) == "updated"
    assert "5 个工作日" in (mirror_root(share, b) / "live" / "processes" / "proc01.md").read_text(
        encoding="utf-8"
    )


def test_kb_option_on_a_half_copied_release_stays_on_the_last_good_one(tmp_path, capsys):
    owner = write_kb(tmp_path / "owner")
    share = tmp_path / "share"
    pub = ["kb", "publish", str(owner), "--to", str(share), "--by", "张"]
    assert main([*pub, "--message", "一"]) == 0
    data = tmp_path / "agent"
    assert main(["--data-dir", str(data), "--kb", str(share), "search", "业务办理01"]) == 0
    change(owner, "p.proc01", 5)
    assert main([*pub, "--message", "二"]) == 0
    (share / "releases" / "000002" / "processes" / "proc01.md").unlink()
    capsys.readouterr()
    assert main(["--data-dir", str(data), "--kb", str(share), "search", "业务办理01"]) == 0
    err = capsys.readouterr().err
    assert "#2 不完整" in err and "#1" in err
    text = (mirror_root(share, data) / "live" / "processes" / "proc01.md").read_text("utf-8")
    assert "3 个工作日" in text


def test_kb_diff_prints_the_changed_characters(tmp_path, capsys):
    owner = write_kb(tmp_path / "owner")
    share = tmp_path / "share"
    pub = ["kb", "publish", str(owner), "--to", str(share), "--by", "张"]
    main([*pub, "--message", "一"])
    main(["--kb", str(share), "search", "业务"])
    change(owner, "p.proc01", 5)
    main([*pub, "--message", "二"])
    main(["--kb", str(share), "search", "业务"])
    capsys.readouterr()
    assert main(["kb", "diff", "p.proc01"]) == 0
    out = capsys.readouterr().out
    assert "[-3-]{+5+}" in out


def test_report_kb_health_lists_overdue_reviews_by_owner(tmp_path, capsys):
    kb = write_kb(tmp_path / "kb", count=3)
    path = kb / "processes" / "proc00.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "owner: 客服部\n", "owner: 客服部\nreview_by: 2020-01-01\n"
        ),
        encoding="utf-8",
    )
    path = kb / "processes" / "proc01.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "owner: 客服部\n", "owner: 客服部\nreview_every: 9x\n"
        ),
        encoding="utf-8",
    )
    TierStore(open_db()).log_open("p.proc02")
    assert main(["report", "kb-health", "--kb", str(kb), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["overdue"]["客服部"][0]["pid"] == "p.proc00"
    assert data["never_opened"] == ["p.proc00", "p.proc01"]
    assert data["most_opened"][0]["pid"] == "p.proc02"
    assert data["lint_warnings"] >= 2  # overdue + unreadable review_every
    assert main(["lint-kb", str(kb)]) == 0
    out = capsys.readouterr().out
    assert "复核已过期" in out and "review_every '9x'" in out
