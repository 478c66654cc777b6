"""Applying a tone finding's rewrite to the agent's text.

A rule's ``suggestion`` is a whole positive sentence (“您反映的情况我这边先帮您记录下来……”), not a
drop-in for the flagged words, so it replaces the sentence the finding sits in — from the end of
the previous sentence to this sentence's own end mark — and the rest of the text stays as typed.
"""

from __future__ import annotations

from dataclasses import dataclass

SENTENCE_MARKS = "。！？!?；;"


@dataclass(frozen=True)
class Rewrite:
    text: str  # the whole text after the rewrite
    start: int  # where the suggestion now sits
    end: int


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``start..end``: after the previous end mark or line break, up to and
    including its own end mark (a line break is kept out)."""
    left = start
    while left > 0 and text[left - 1] not in SENTENCE_MARKS + "\n":
        left -= 1
    while left < start and text[left] in " \t　":
        left += 1
    right = end
    while right < len(text) and text[right] not in SENTENCE_MARKS + "\n":
        right += 1
    if right < len(text) and text[right] in SENTENCE_MARKS:
        right += 1
    return left, right


def apply_rewrite(text: str, start: int, end: int, suggestion: str) -> Rewrite:
    """``text`` with the sentence holding ``start..end`` replaced by ``suggestion``."""
    left, right = sentence_span(text, start, end)
    new = suggestion.strip()
    return Rewrite(text[:left] + new + text[right:], left, left + len(new))
