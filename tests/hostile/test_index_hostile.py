"""Items 6, 7 and 9 (index parts): concurrent builds, damaged caches, a full disk.

Index writers wait for each other (a file lock) instead of deleting each other's half-built
folder; readers reopen the newest generation; any failure reading the cache means one rebuild,
with the reason reported; a failed build leaves no temp files behind."""

from __future__ import annotations

import errno
import json
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from agent_assist.search import IndexStore, Searcher
from tests.hostile.conftest import REPO, TITLES, assert_clean, run_cli, write_process


def _cli(kb: Path, data: Path, *args: str) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(REPO), AGENT_ASSIST_DATA_DIR=str(data))
    return subprocess.Popen(
        [sys.executable, "-m", "agent_assist", *args, "--kb", str(kb)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=REPO,
    )


def _more(kb: Path, n: int = 40) -> None:
    """Enough processes that a build takes a moment (the race needs an overlap)."""
    for i in range(n):
        write_process(kb / "processes", f"demo.extra{i}", f"业务办理第{i}项")


def test_two_rebuilds_at_once_both_finish(kb: Path, tmp_path: Path):
    _more(kb)
    data = tmp_path / "data"
    procs = [_cli(kb, data, "index", "--rebuild", "--json") for _ in range(3)]
    for p in procs:
        out, err = p.communicate(timeout=180)
        assert p.returncode == 0, err[-2000:]
        assert "Traceback" not in err
    search = run_cli("search", "--kb", str(kb), "--json", "停机保号", data_dir=data)
    assert_clean(search)
    assert json.loads(search.stdout)["ids"][0] == "demo.alpha"


def test_search_while_index_updates(kb: Path, tmp_path: Path):
    _more(kb)
    data = tmp_path / "data"
    assert run_cli("index", "--kb", str(kb), data_dir=data).returncode == 0
    for i in range(2):  # each round: an edited file, then a writer and readers at once
        write_process(kb / "processes", "demo.beta", f"话费查询{i}")
        procs = [_cli(kb, data, "index")] + [
            _cli(kb, data, "search", "--json", "停机保号") for _ in range(2)
        ]
        for p in procs:
            out, err = p.communicate(timeout=180)
            assert p.returncode == 0 and "Traceback" not in err, err[-2000:]


def test_long_lived_searcher_follows_another_process_rebuild(kb: Path, tmp_path: Path):
    searcher = Searcher.open(kb)
    assert searcher.search("停机保号")[0].id == "demo.alpha"
    write_process(kb / "processes", "demo.delta", "国际漫游")
    for _ in range(2):  # another process rebuilds twice: the first generation is gone
        proc = run_cli(
            "index",
            "--kb",
            str(kb),
            "--rebuild",
            data_dir=Path(os.environ["AGENT_ASSIST_DATA_DIR"]),
        )
        assert proc.returncode == 0, proc.stderr
    hits = searcher.search("国际漫游")
    assert hits and hits[0].id == "demo.delta"


def _built(kb: Path) -> IndexStore:
    store = IndexStore(kb)
    store.sync()
    return store


def _damage_vocab(store: IndexStore, how: str) -> None:
    path = store.vocab_path
    if how == "empty":
        path.write_bytes(b"")
    elif how == "random":
        path.write_bytes(random.Random(1).randbytes(4000))
    elif how == "torn":
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2 + 1])  # cut mid-line
    elif how == "no_freq":
        path.write_text("携号转网\n停机 abc\n", encoding="utf-8")


def _damage_seg(store: IndexStore, how: str) -> None:
    segs = sorted(store.dir.glob("*.seg"))
    assert segs
    rng = random.Random(7)
    for seg in segs:
        data = bytearray(seg.read_bytes())
        st = seg.stat()
        if how == "stored_same_time":  # the stored documents only, time kept: open succeeds
            # whoosh compresses stored fields with zlib: break every stream's body
            streams = [m.start() for m in re.finditer(rb"x[\x01\x5e\x9c\xda]", bytes(data))]
            assert streams
            for at in streams:
                data[at + 2 : at + 10] = rng.randbytes(8)
        elif how == "random":
            for _ in range(64):
                at = rng.randrange(len(data) // 4, len(data))
                data[at : at + 16] = rng.randbytes(16)
        elif how == "truncated":
            data = data[: len(data) // 3]
        elif how == "zeroed":
            data = bytearray(len(data))
        seg.write_bytes(bytes(data))
        if how == "stored_same_time":
            os.utime(seg, ns=(st.st_atime_ns, st.st_mtime_ns))


def _damage_manifest(store: IndexStore, how: str) -> None:
    raw = json.loads(store.manifest_path.read_text(encoding="utf-8"))
    if how == "nowhere":
        raw["dir"] = "whoosh-deadbeef-1"
    elif how == "outside":
        raw["dir"] = "../../.."
    elif how == "garbage":
        store.manifest_path.write_bytes(b"\x00\xff{{{")
        return
    elif how == "wrong_files":
        raw["files"] = {"x.md": "nope"}
    store.manifest_path.write_text(json.dumps(raw), encoding="utf-8")


DAMAGE = {
    "vocab_empty": (_damage_vocab, "empty"),
    "vocab_random": (_damage_vocab, "random"),
    "vocab_torn": (_damage_vocab, "torn"),
    "vocab_no_freq": (_damage_vocab, "no_freq"),
    "seg_random": (_damage_seg, "random"),
    "seg_truncated": (_damage_seg, "truncated"),
    "seg_zeroed": (_damage_seg, "zeroed"),
    "seg_stored_same_time": (_damage_seg, "stored_same_time"),
    "manifest_nowhere": (_damage_manifest, "nowhere"),
    "manifest_outside": (_damage_manifest, "outside"),
    "manifest_garbage": (_damage_manifest, "garbage"),
    "manifest_wrong_files": (_damage_manifest, "wrong_files"),
}


@pytest.mark.parametrize("case", sorted(DAMAGE))
def test_damaged_cache_is_healed(kb: Path, case: str):
    damage, how = DAMAGE[case]
    store = _built(kb)
    store.close()
    damage(store, how)
    searcher = Searcher.open(kb)  # a fresh process opening the damaged cache
    for title_pid in TITLES.items():
        pid, title = title_pid
        hits = searcher.search(title)
        assert hits and hits[0].id == pid, (case, title, hits)


@pytest.mark.parametrize("case", ["seg_random", "vocab_random", "manifest_nowhere"])
def test_plain_index_detects_and_reports_damage(kb: Path, tmp_path: Path, case: str):
    data = tmp_path / "data"
    assert run_cli("index", "--kb", str(kb), data_dir=data).returncode == 0
    store = IndexStore(kb, cache_root=data / "cache")
    store._load_manifest()
    damage, how = DAMAGE[case]
    damage(store, how)
    proc = run_cli("index", "--kb", str(kb), "--json", data_dir=data)
    assert_clean(proc)
    assert "cache was damaged" in proc.stderr, proc.stderr
    # a torn vocabulary is rewritten from the index; damaged index files mean a rebuild
    assert json.loads(proc.stdout)["rebuilt"] is not case.startswith("vocab")
    assert store.vocabulary_problem() is None
    again = run_cli("index", "--kb", str(kb), "--json", data_dir=data)
    assert json.loads(again.stdout)["rebuilt"] is False and "cache was damaged" not in again.stderr


def _leftovers(root: Path) -> list[str]:
    return sorted(
        str(p.relative_to(root))
        for p in root.rglob("*")
        if p.name.startswith("tmp") or p.name.endswith(".tmp")
    )


def test_full_disk_during_build_leaves_no_orphans(kb: Path, data_dir: Path, monkeypatch):
    # every document goes through the per-document writer, whichever pool the build uses
    from whoosh.codec.whoosh3 import W3PerDocWriter

    store = _built(kb)
    live = store.dir
    before = sorted(p.name for p in store.root.iterdir())

    def full(self, *a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as m:
        m.setattr(W3PerDocWriter, "start_doc", full)
        with pytest.raises(OSError):
            IndexStore(kb).sync(rebuild=True)
    assert sorted(p.name for p in store.root.iterdir()) == before
    assert _leftovers(data_dir) == []
    fresh = Searcher.open(kb)  # the old generation still answers
    assert fresh.store.dir == live and fresh.search("停机保号")[0].id == "demo.alpha"


def test_full_disk_while_jieba_writes_its_cache(kb: Path, data_dir: Path, monkeypatch):
    import jieba

    def full(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(jieba.marshal, "dump", full)
    searcher = Searcher.open(kb)  # the query segmenter's cache cannot be written
    assert searcher.search("停机保号")[0].id == "demo.alpha"
    assert _leftovers(data_dir) == []


def test_full_disk_in_the_index_command_is_a_message(kb: Path, tmp_path: Path):
    """The command side of a failed build: one line saying why, exit 1, no traceback."""
    data = tmp_path / "data"
    data.mkdir()
    hook = tmp_path / "sitecustomize.py"
    hook.write_text(
        "import errno\n"
        "from whoosh.codec.whoosh3 import W3PerDocWriter\n"
        "def full(self, *a, **k):\n"
        "    raise OSError(errno.ENOSPC, 'No space left on device')\n"
        "W3PerDocWriter.start_doc = full\n",
        encoding="utf-8",
    )
    env = dict(os.environ, PYTHONPATH=f"{tmp_path}{os.pathsep}{REPO}")
    env["AGENT_ASSIST_DATA_DIR"] = str(data)
    start = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "agent_assist", "index", "--kb", str(kb)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=REPO,
    )
    assert time.monotonic() - start < 120
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert "No space left on device" in proc.stderr
    assert _leftovers(data) == []
