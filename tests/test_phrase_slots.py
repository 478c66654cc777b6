"""The placeholder trail of inserted phrases, alone (no Qt): Tab order and ranges that follow
the agent's typing."""

from agent_assist.gui.phrase_slots import Slot, SlotTrail


def test_the_first_slot_to_type_is_selected_first_and_the_walk_ends():
    trail = SlotTrail()
    first = trail.add([Slot("称呼", 0, 4), Slot("时限", 10, 14, filled=False)])
    assert first is not None and first.name == "时限"
    assert trail.step(-1).name == "称呼"
    assert trail.step(1).name == "时限"
    assert trail.end() == 14
    assert trail.step(1) is None and not trail  # walked off: the trail is over
    assert trail.add([]) is None and trail.index == -1


def test_ranges_follow_typing_and_an_edit_across_an_edge_ends_a_slot():
    trail = SlotTrail()
    trail.add([Slot("称呼", 2, 6, filled=False), Slot("时限", 10, 14)])
    trail.shift(2, 4, 3)  # "{称呼}" typed over with "王先生"
    assert [(s.start, s.end) for s in trail.slots] == [(2, 5), (9, 13)]
    trail.shift(0, 0, 2)  # text typed in front: both move
    assert [(s.start, s.end) for s in trail.slots] == [(4, 7), (11, 15)]
    trail.shift(8, 6, 0)  # a deletion from before 时限 into it: it is no longer a slot
    assert [s.name for s in trail.slots] == ["称呼"]
