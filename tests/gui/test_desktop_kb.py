"""The desktop's slim KB: card data in memory, full text read from the file when a panel asks."""

from __future__ import annotations

import shutil

from agent_assist.gui.desktop_kb import FULL_CACHE, DesktopKB, load_desktop_kb
from agent_assist.knowledge import KnowledgeBase, card_back, card_front, load_kb


def test_iteration_is_slim_and_get_returns_the_full_process(sample_kb_dir):
    full = load_kb(sample_kb_dir)
    kb = load_desktop_kb(sample_kb_dir)
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
    kb = load_desktop_kb(sample_kb_dir)
    first = kb.get("number.port-out")
    assert kb.get("number.port-out") is first  # the view asks several times per render
    for p in list(kb)[: FULL_CACHE + 5]:
        kb.get(p.id)
    assert len(kb._full) == FULL_CACHE


def test_a_file_gone_since_loading_falls_back_to_the_card_data(sample_kb_dir, tmp_path):
    folder = tmp_path / "kb"
    shutil.copytree(sample_kb_dir / "processes", folder)
    kb = load_desktop_kb(folder)
    victim = kb.slim("number.port-out")
    victim.path.unlink()
    got = kb.get("number.port-out")
    assert got is victim and got.title == "携号转网"


def test_study_cards_show_the_full_steps(qtbot, sample_kb_dir):
    from agent_assist.gui.context import AppContext
    from agent_assist.gui.study_view import StudyView

    ctx = AppContext(kb_dir=sample_kb_dir)
    assert isinstance(ctx.kb, DesktopKB)
    view = StudyView(ctx)
    qtbot.addWidget(view)
    assert view.card is not None
    process = ctx.kb.get(view.card.pid)
    assert card_back(process)  # the sample processes have steps
    view.reveal()
    back = view.back.toPlainText()
    first_step = process.steps[0][:8]
    assert first_step in back
    assert card_front(process).splitlines()[0][:6] in view.front.toPlainText()
