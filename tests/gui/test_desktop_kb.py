"""The desktop holds the slim KB and still shows each process in full where it matters."""

from __future__ import annotations

from agent_assist.knowledge import SlimKB, card_back, card_front


def test_study_cards_show_the_full_steps(qtbot, sample_kb_dir):
    from agent_assist.gui.context import AppContext
    from agent_assist.gui.study_view import StudyView

    ctx = AppContext(kb_dir=sample_kb_dir)
    assert isinstance(ctx.kb, SlimKB)
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
