"""The folder channel end to end: one publisher, two data dirs as two agents."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from agent_assist.knowledge import FeedbackStore, StudyQueue, Tier, TierStore, load_kb
from agent_assist.releases import (
    FolderChannel,
    PublishError,
    ReleaseLog,
    VersionStore,
    is_release_folder,
    pull,
    sync,
)
from agent_assist.storage import open_db
from tests.releases.helpers import change, write_kb


@pytest.fixture
def owner_kb(tmp_path):
    return write_kb(tmp_path / "owner-kb")


@pytest.fixture
def share(tmp_path):
    return tmp_path / "share"


def _publish(kb_dir, share, message="更新", by="张主管"):
    return FolderChannel(share).publish(load_kb(kb_dir), message, by)


def test_first_release_adds_everything_and_writes_manifest(owner_kb, share):
    release = _publish(owner_kb, share, "首次发布")
    assert release.number == 1
    assert release.added == [f"p.proc{n:02d}" for n in range(5)]
    assert release.changed == [] and release.removed == []
    manifest = json.loads((share / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["latest"] == 1
    assert manifest["releases"][0]["publisher"] == "张主管"
    assert (share / "releases" / "000001" / "processes" / "proc00.md").is_file()
    assert is_release_folder(share)
    assert not is_release_folder(owner_kb)
    assert not list(share.glob("**/.staging-*"))


def test_second_release_lists_added_changed_removed(owner_kb, share):
    _publish(owner_kb, share)
    change(owner_kb, "p.proc01", 5)
    (owner_kb / "processes" / "proc04.md").unlink()
    write_kb(owner_kb, count=0)
    (owner_kb / "processes" / "new.md").write_text(
        (owner_kb / "processes" / "proc03.md")
        .read_text(encoding="utf-8")
        .replace("p.proc03", "p.new"),
        encoding="utf-8",
    )
    release = _publish(owner_kb, share, "改了生效时间")
    assert (release.number, release.added, release.changed, release.removed) == (
        2,
        ["p.new"],
        ["p.proc01"],
        ["p.proc04"],
    )
    assert [r.number for r in FolderChannel(share).releases()] == [2, 1]
    # the first snapshot is untouched
    old = (share / "releases" / "000001" / "processes" / "proc01.md").read_text(encoding="utf-8")
    assert "3 个工作日" in old


def test_nothing_changed_is_refused(owner_kb, share):
    _publish(owner_kb, share)
    with pytest.raises(PublishError, match="没有任何变化"):
        _publish(owner_kb, share)
    assert len(FolderChannel(share).releases()) == 1


def test_publish_needs_a_message(owner_kb, share):
    with pytest.raises(PublishError, match="--message"):
        _publish(owner_kb, share, "  ")


def test_half_copied_release_leaves_the_agent_on_the_last_good_one(owner_kb, share):
    _publish(owner_kb, share)
    change(owner_kb, "p.proc01", 5)
    _publish(owner_kb, share)
    (share / "releases" / "000002" / "processes" / "proc02.md").unlink()
    resolved = FolderChannel(share).newest_good()
    assert resolved.release is not None and resolved.release.number == 1
    assert any("#2 不完整" in m and "proc02.md" in m for m in resolved.skipped)


def test_truncated_file_counts_as_half_copied(owner_kb, share):
    _publish(owner_kb, share)
    change(owner_kb, "p.proc01", 5)
    _publish(owner_kb, share)
    path = share / "releases" / "000002" / "processes" / "proc01.md"
    path.write_bytes(path.read_bytes()[:20])
    assert FolderChannel(share).newest_good().release.number == 1


def test_manifest_naming_a_missing_release_is_skipped(owner_kb, share):
    _publish(owner_kb, share)
    manifest = json.loads((share / "manifest.json").read_text(encoding="utf-8"))
    manifest["releases"].append({**manifest["releases"][0], "number": 7})
    manifest["latest"] = 7
    (share / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    resolved = FolderChannel(share).newest_good()
    assert resolved.release.number == 1
    assert any("#7" in m and "不存在" in m for m in resolved.skipped)


def test_damaged_manifest_still_finds_releases(owner_kb, share):
    _publish(owner_kb, share)
    (share / "manifest.json").write_text('{"format": "agent-assist-rel', encoding="utf-8")
    resolved = FolderChannel(share).newest_good()
    assert resolved.release.number == 1
    assert any("发布清单无法读取" in m for m in resolved.skipped)


def test_pull_keeps_one_local_folder_and_links_unchanged_files(owner_kb, share, tmp_path):
    agent = tmp_path / "agent-data"
    _publish(owner_kb, share)
    first = pull(share, agent)
    assert first.switched and first.previous == 0 and first.path is not None
    live = first.path
    inode = (live / "processes" / "proc00.md").stat().st_ino
    change(owner_kb, "p.proc01", 5)
    _publish(owner_kb, share)
    second = pull(share, agent)
    assert second.path == live and second.previous == 1 and second.release.number == 2
    assert set(second.changed) == {"p.proc01"}
    assert (live / "processes" / "proc00.md").stat().st_ino == inode  # not copied again
    assert "5 个工作日" in (live / "processes" / "proc01.md").read_text(encoding="utf-8")
    assert not pull(share, agent).switched  # nothing new


def test_pull_with_a_broken_newest_release_keeps_the_local_copy(owner_kb, share, tmp_path):
    agent = tmp_path / "agent-data"
    _publish(owner_kb, share)
    pull(share, agent)
    change(owner_kb, "p.proc01", 5)
    _publish(owner_kb, share)
    shutil.rmtree(share / "releases" / "000002" / "processes")
    result = pull(share, agent)
    assert result.release.number == 1 and not result.switched
    assert result.path is not None and (result.path / "processes" / "proc01.md").exists()
    assert any("#2" in m for m in result.messages)


def _agents(tmp_path):
    """Two agents' data dirs: (data dir, db) each."""
    out = []
    for name in ("agent-a", "agent-b"):
        data = tmp_path / name
        data.mkdir()
        out.append((data, open_db(data / "agent_assist.db")))
    return out


def test_two_agents_relearn_what_they_knew(owner_kb, share, tmp_path):
    (a_data, a_db), (b_data, b_db) = _agents(tmp_path)
    _publish(owner_kb, share, "首次发布")
    for data, db in ((a_data, a_db), (b_data, b_db)):
        first = sync(share, db, data)
        assert first.relearn == []
    # agent A knows proc01 and proc02; agent B studied proc01 only
    TierStore(a_db, "1001").set_tier("p.proc01", Tier.KNOWN)
    TierStore(a_db, "1001").set_tier("p.proc02", Tier.KNOWN)
    kb_b = load_kb(sync(share, b_db, b_data).kb_dir)
    queue_b = StudyQueue(b_db, "2002")
    queue_b.due(kb_b, limit=5)
    queue_b.rate("p.proc01", 3)
    change(owner_kb, "p.proc01", 5)
    _publish(owner_kb, share, "携转生效时间改为5个工作日")

    got_a = sync(share, a_db, a_data)
    assert [(r.agent, r.pid, r.tier_before) for r in got_a.relearn] == [
        ("1001", "p.proc01", "known")
    ]
    assert TierStore(a_db, "1001").tier("p.proc01") is Tier.UNCERTAIN
    assert TierStore(a_db, "1001").tier("p.proc02") is Tier.KNOWN  # unchanged process
    kb_a = load_kb(got_a.kb_dir)
    due_a = StudyQueue(a_db, "1001", new_per_day=0).due(kb_a)
    assert [c.pid for c in due_a] == ["p.proc01"]  # a review, outside the new-card ration
    log_a = ReleaseLog(a_db)
    assert set(log_a.updated_pids("1001")) == {"p.proc01"}
    assert log_a.latest().message == "携转生效时间改为5个工作日"

    got_b = sync(share, b_db, b_data)
    assert [(r.agent, r.pid) for r in got_b.relearn] == [("2002", "p.proc01")]
    assert ReleaseLog(b_db).updated_pids("1001") == {}
    # re-learning is a review: rating the card closes it (no click-to-acknowledge)
    later = got_b.relearn[0].marked_at + 60
    StudyQueue(b_db, "2002", kb=load_kb(got_b.kb_dir)).rate("p.proc01", 3, now=later)
    assert ReleaseLog(b_db).updated_pids("2002") == {}
    assert ReleaseLog(b_db).relearn("2002")[0].done


def test_versions_are_kept_for_history_and_diff(owner_kb, share, tmp_path):
    (data, db), _ = _agents(tmp_path)
    _publish(owner_kb, share)
    sync(share, db, data)
    change(owner_kb, "p.proc01", 5)
    _publish(owner_kb, share)
    sync(share, db, data)
    versions = VersionStore(db).versions("p.proc01")
    assert len(versions) == 2
    assert versions[0].updated == "2026-04-01"
    old = VersionStore(db).get("p.proc01", versions[1].version)
    assert "3 个工作日" in old.text
    assert len(VersionStore(db).versions("p.proc00")) == 1


def test_flag_on_changed_process_awaits_the_flaggers_confirmation(owner_kb, share, tmp_path):
    (data, db), _ = _agents(tmp_path)
    _publish(owner_kb, share)
    kb = sync(share, db, data).kb
    process = kb.get("p.proc01")
    store = FeedbackStore(db)
    flag = store.add("p.proc01", "wrong", "应为5个工作日", "1001", version=process.content_hash)
    assert store.get(flag).status(kb) == "open"
    change(owner_kb, "p.proc01", 5)
    _publish(owner_kb, share)
    kb2 = load_kb(sync(share, db, data).kb_dir)
    assert store.get(flag).status(kb2) == "updated"
    old = VersionStore(db).get("p.proc01", store.get(flag).version)
    assert old is not None and "3 个工作日" in old.text  # the diff the flagger is shown
    new_id = store.reopen(
        flag, "1001", "还要写明节假日顺延", version=kb2.get("p.proc01").content_hash
    )
    assert store.get(flag).status(kb2) == "resolved"
    assert store.get(new_id).status(kb2) == "open"
    assert store.confirm_update(new_id, "1001")
    assert store.get(new_id).status(kb2) == "resolved"


def test_interrupted_switch_is_finished_on_next_pull(owner_kb, share, tmp_path):
    agent = tmp_path / "agent-data"
    _publish(owner_kb, share)
    live = pull(share, agent).path
    root = live.parent
    os.rename(live, root / "next")
    (root / "next" / ".complete").write_text("1", encoding="utf-8")
    result = pull(share, agent)
    assert result.path == live and live.is_dir() and not (root / "next").exists()


def test_local_file_gone_is_fetched_from_the_share_again(owner_kb, share, tmp_path):
    agent = tmp_path / "agent-data"
    _publish(owner_kb, share)
    live = pull(share, agent).path
    (live / "processes" / "proc03.md").unlink()  # someone tidied the data dir
    change(owner_kb, "p.proc01", 5)
    _publish(owner_kb, share)
    result = pull(share, agent)
    assert result.release.number == 2
    assert (result.path / "processes" / "proc03.md").is_file()
