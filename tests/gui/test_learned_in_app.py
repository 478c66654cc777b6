"""The desktop app's searcher uses what ``agent-assist learn`` taught (issue 13 item 4)."""

from __future__ import annotations

from agent_assist.gui.services import _learned
from agent_assist.learning import LearnedAssociations, learn_pairs
from agent_assist.storage import open_db


def test_the_app_hands_its_searcher_the_learned_store(tmp_path):
    path = tmp_path / "app.db"
    db = open_db(path)
    assert _learned(str(path)) is None  # nothing learned: no cost, no signal
    learn_pairs(LearnedAssociations(db), [("光猫闪红灯", "complaint.broadband-fault")])
    learned = _learned(str(path))
    assert learned is not None
    assert "complaint.broadband-fault" in learned.scores("家里光猫一直闪红灯")
