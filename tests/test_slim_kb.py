"""The slim KB the desktop keeps: card data in memory, full text read from the file on demand.

No Qt here: the slim KB is core logic (``knowledge.SlimKB``, ``health.load_app_kb``)."""

from __future__ import annotations

import shutil

from agent_assist.health import load_app_kb
from agent_assist.knowledge import FULL_CACHE, KnowledgeBase, SlimKB, load_kb


def test_iteration_is_slim_and_get_returns_the_full_process(sample_kb_dir):
    full = load_kb(sample_kb_dir)
    kb = load_app_kb(sample_kb_dir)
    assert isinstance(kb, KnowledgeBase) and len(kb) == len(full)
    assert all(p.body == "" for p in kb)  # no bodies kept in memory
    for p in list(full)[:5]:
        slim = kb.slim(p.id)
        assert (slim.title, slim.category, slim.summary, slim.related) == (
            p.title,
            p.category,
            p.summary,
            p.related,
        )
        got = kb.get(p.id)
        assert got == p and got.steps == p.steps  # body, sections and steps come from the file
    assert kb.get("no.such-process") is None and "number.port-out" in kb


def test_recently_read_processes_are_cached_and_the_cache_is_bounded(sample_kb_dir):
    kb = load_app_kb(sample_kb_dir)
    first = kb.get("number.port-out")
    assert kb.get("number.port-out") is first  # the view asks several times per render
    for p in list(kb)[: FULL_CACHE + 5]:
        kb.get(p.id)
    assert len(kb._full) == FULL_CACHE


def test_a_file_gone_since_loading_falls_back_to_the_card_data(sample_kb_dir, tmp_path):
    folder = tmp_path / "kb"
    shutil.copytree(sample_kb_dir / "processes", folder)
    kb = load_app_kb(folder)
    victim = kb.slim("number.port-out")
    victim.path.unlink()
    got = kb.get("number.port-out")
    assert got is victim and got.title == "携号转网"


def test_slim_copy_of_any_kb_keeps_the_card_data(sample_kb_dir):
    kb = SlimKB.from_kb(load_kb(sample_kb_dir))
    assert "number.port-out" in kb and kb.slim("number.port-out").body == ""


def test_a_broken_side_file_counts_among_the_kb_problems(sample_kb_dir, tmp_path):
    folder = tmp_path / "kb"
    shutil.copytree(sample_kb_dir, folder)
    (folder / "phrases.yaml").write_text("- [unclosed\n", encoding="utf-8")
    kb = load_app_kb(folder)
    assert any("phrases.yaml" in str(p) for p in kb.problems)
