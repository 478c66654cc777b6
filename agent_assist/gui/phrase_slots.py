"""The placeholders of inserted phrases, kept on their text while the agent types.

After a phrase goes into a field, Tab walks its slots (``{称呼}``, ``{时限}`` …): the first one the
agent must type is selected, typing replaces it, Tab moves on. Every edit — in a slot or
elsewhere in the field — shifts the ranges, and an edit across a slot's edge ends it (it is no
longer a placeholder). Plain positions in plain text: no Qt here, so the rules are tested alone.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Slot:
    name: str
    start: int
    end: int
    hint: str = ""  # an example value, shown as a tooltip (never inserted)
    filled: bool = True  # False: the agent must type it


class SlotTrail:
    """The slots still open in one field, in text order, and the one being filled."""

    def __init__(self) -> None:
        self.slots: list[Slot] = []
        self.index = -1

    def __bool__(self) -> bool:
        return bool(self.slots)

    def current(self) -> Slot | None:
        return self.slots[self.index] if 0 <= self.index < len(self.slots) else None

    def add(self, new: list[Slot]) -> Slot | None:
        """Slots of a phrase just inserted; returns the one to select (the first the agent must
        type, else the first to check), None when the phrase had none."""
        self.slots = sorted(self.slots + new, key=lambda s: s.start)
        if not new:
            self.index = -1
            return None
        first = next((s for s in new if not s.filled), new[0])
        self.index = self.slots.index(first)
        return first

    def step(self, step: int) -> Slot | None:
        """The next (or previous) slot; None when the walk left the slots (then stopped)."""
        i = self.index + step
        if not 0 <= i < len(self.slots):
            self.stop()
            return None
        self.index = i
        return self.slots[i]

    def end(self) -> int:
        """Where the last slot ends (the cursor goes there when the walk is over)."""
        return max((s.end for s in self.slots), default=0)

    def stop(self) -> None:
        self.slots = []
        self.index = -1

    def shift(self, pos: int, removed: int, added: int) -> None:
        """Keep slot ranges on their text while the agent types (in a slot or elsewhere)."""
        delta = added - removed
        active = self.current()
        kept = []
        for s in self.slots:
            if pos + removed <= s.start and not (s is active and pos == s.start):
                s.start += delta
                s.end += delta
            elif (
                s.start <= pos
                and pos + removed <= s.end
                and (s is active or removed or pos < s.end)
            ):
                s.end += delta
            elif pos >= s.end:
                pass
            else:  # an edit across a slot's edge: it is no longer a placeholder
                continue
            kept.append(s)
        self.slots = kept
        if active is not None and active in kept:
            self.index = kept.index(active)
        elif self.index >= len(kept):
            self.index = len(kept) - 1
