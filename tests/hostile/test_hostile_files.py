"""Items 4 and 11: what a KB folder may contain besides honest Markdown.

Loading reads only regular files of bounded size, follows no directory symlink, refuses YAML
aliases, reads UTF-16 / ``.MD`` / CR-only files, and reports — never silently skips — what it
cannot read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from agent_assist.knowledge import MAX_FILE_BYTES, load_kb
from tests.hostile.conftest import PROCESS, TITLES, assert_clean, run_cli, within

BOMB = """---
id: demo.bomb
title: 炸弹
category: 办理
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
keywords: [*h,*h,*h,*h,*h,*h,*h,*h,*h]
customer_phrases: *h
---
正文
"""


def _messages(kb_obj, path: Path) -> list[str]:
    return [p.message for p in kb_obj.problems if Path(p.path) == path]


def test_alias_bomb_in_front_matter_is_refused(kb: Path, tmp_path: Path):
    bomb = kb / "processes" / "bomb.md"
    bomb.write_text(BOMB, encoding="utf-8")
    loaded = within(20, load_kb, kb)
    assert set(loaded.processes) == set(TITLES)
    assert any("alias" in m for m in _messages(loaded, bomb)), loaded.problems
    for args in (["lint-kb", str(kb)], ["index", "--kb", str(kb)]):
        proc = run_cli(*args, data_dir=tmp_path / "data", timeout=60)
        assert_clean(proc)


def test_alias_bomb_in_side_file_is_refused(kb: Path, tmp_path: Path):
    body = BOMB.split("---\n")[1].replace("title: 炸弹\n", "").replace("id: demo.bomb\n", "")
    (kb / "phrases.yaml").write_text(body + "phrases: *h\n", encoding="utf-8")
    proc = run_cli("lint-kb", str(kb), data_dir=tmp_path / "data", timeout=60)
    assert_clean(proc)
    assert f"{kb / 'phrases.yaml'}:" in proc.stdout and "YAML alias" in proc.stdout


def test_directory_symlink_loops_are_not_followed(kb: Path, tmp_path: Path):
    (kb / "processes" / "up").symlink_to("..")
    (kb / "processes" / "up2").symlink_to("../..")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text(PROCESS.format(pid="demo.secret", title="机密"), "utf-8")
    (kb / "processes" / "out").symlink_to(outside)
    loaded = within(20, load_kb, kb)
    assert set(loaded.processes) == set(TITLES)
    assert any("symlink" in p.message for p in loaded.problems), loaded.problems
    data = tmp_path / "data"
    for args in (["index", "--kb", str(kb), "--json"], ["search", "--kb", str(kb), "机密"]):
        proc = run_cli(*args, data_dir=data, timeout=60)
        assert_clean(proc)
    assert (
        '"added": 3'
        in run_cli("index", "--kb", str(kb), "--rebuild", "--json", data_dir=data).stdout
    )


def test_file_symlink_out_of_the_kb_is_not_read(kb: Path, tmp_path: Path):
    outside = tmp_path / "secret.md"
    outside.write_text(PROCESS.format(pid="demo.secret", title="机密"), encoding="utf-8")
    link = kb / "processes" / "secret.md"
    link.symlink_to(outside)
    loaded = load_kb(kb)
    assert "demo.secret" not in loaded.processes
    assert _messages(loaded, link)


def test_fifo_and_device_are_skipped_and_reported(kb: Path, tmp_path: Path):
    fifo = kb / "processes" / "x.md"
    os.mkfifo(fifo)
    zero = kb / "processes" / "zero.md"
    zero.symlink_to("/dev/zero")
    loaded = within(20, load_kb, kb)
    assert set(loaded.processes) == set(TITLES)
    assert _messages(loaded, fifo) and _messages(loaded, zero)
    data = tmp_path / "data"
    for args in (
        ["lint-kb", str(kb)],
        ["index", "--kb", str(kb)],
        ["search", "--kb", str(kb), "停机"],
    ):
        proc = run_cli(*args, data_dir=data, timeout=60)
        assert_clean(proc)


def test_side_files_that_are_fifos_or_devices(kb: Path, tmp_path: Path):
    os.mkfifo(kb / "phrases.yaml")
    (kb / "tone_rules.yaml").symlink_to("/dev/zero")
    (kb / "scripts").mkdir()
    os.mkfifo(kb / "scripts" / "s.yaml")
    proc = run_cli("lint-kb", str(kb), data_dir=tmp_path / "data", timeout=60)
    assert_clean(proc)
    for name in ("phrases.yaml", "tone_rules.yaml", "scripts/s.yaml"):
        assert f"{kb / name}:" in proc.stdout, (name, proc.stdout)


def test_oversized_file_is_reported_not_read(kb: Path):
    big = kb / "processes" / "big.md"
    big.write_text(
        PROCESS.format(pid="demo.big", title="大文件") + "很长" * (MAX_FILE_BYTES // 4),
        encoding="utf-8",
    )
    loaded = load_kb(kb)
    assert "demo.big" not in loaded.processes
    assert any("too large" in m for m in _messages(loaded, big))


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-16-le"])
def test_utf16_files_are_read(kb: Path, encoding: str):
    path = kb / "processes" / "wide.md"
    text = PROCESS.format(pid="demo.wide", title="宽字符")
    data = text.encode(encoding)
    if encoding != "utf-16":  # -be / -le write no BOM: add it, as Notepad does
        data = ("\ufeff" + text).encode(encoding)
    path.write_bytes(data)
    loaded = load_kb(kb)
    assert "demo.wide" in loaded.processes, loaded.problems


def test_upper_case_extension_is_read(kb: Path):
    (kb / "processes" / "upper.MD").write_text(
        PROCESS.format(pid="demo.upper", title="大写"), encoding="utf-8"
    )
    assert "demo.upper" in load_kb(kb).processes


def test_cr_only_line_endings_are_read(kb: Path):
    text = PROCESS.format(pid="demo.mac", title="老式换行").replace("\n", "\r")
    (kb / "processes" / "mac.md").write_bytes(text.encode("utf-8"))
    loaded = load_kb(kb)
    assert "demo.mac" in loaded.processes, loaded.problems
    assert loaded.processes["demo.mac"].steps == ["核实身份。", "办理老式换行。"]


def test_unreadable_sub_folder_is_reported(kb: Path, monkeypatch):
    locked = kb / "processes" / "locked"
    locked.mkdir()
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    loaded = load_kb(kb)
    assert set(loaded.processes) == set(TITLES)
    assert _messages(loaded, locked), loaded.problems


def test_index_uses_the_same_rules(kb: Path):
    """The index scans the folder with the loader's rules: same processes, same refusals."""
    from agent_assist.search import IndexStore

    (kb / "processes" / "upper.MD").write_text(
        PROCESS.format(pid="demo.upper", title="大写"), encoding="utf-8"
    )
    os.mkfifo(kb / "processes" / "x.md")
    (kb / "processes" / "loop").symlink_to("..")
    stats = within(60, IndexStore(kb).sync)
    assert stats.added == 4
    assert any("x.md" in str(p.path) for p in stats.problems)
