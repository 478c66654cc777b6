"""The one staging helper both ways of writing a release use (publish, import from the team
server): a release folder appears complete or not at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent_assist.releases.snapshot import staged, write_file


def test_a_staged_folder_appears_only_when_complete(tmp_path: Path):
    target = tmp_path / "releases" / "000001"
    with staged(target) as staging:
        write_file(staging / "a" / "b.md", b"x")
        assert not target.exists()  # a reader sees nothing yet
    assert (target / "a" / "b.md").read_bytes() == b"x"
    assert not list(tmp_path.glob("**/.staging-*"))


def test_a_failure_leaves_no_staging_and_no_target(tmp_path: Path):
    target = tmp_path / "releases" / "000002"
    with pytest.raises(RuntimeError), staged(target) as staging:
        write_file(staging / "half.md", b"half")
        raise RuntimeError("disk full")
    assert not target.exists()
    assert not list(tmp_path.glob("**/.staging-*"))


def test_replace_swaps_out_an_incomplete_earlier_copy(tmp_path: Path):
    target = tmp_path / "releases" / "000003"
    write_file(target / "stale.md", b"old")
    with staged(target, replace=True) as staging:
        write_file(staging / "new.md", b"new")
    assert sorted(p.name for p in target.iterdir()) == ["new.md"]
