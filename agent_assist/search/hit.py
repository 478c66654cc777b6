"""A ranked process, as every caller of the search sees it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Hit:
    """One ranked process. ``terms`` are surface strings to highlight in title and summary."""

    id: str
    title: str
    category: str
    summary: str
    score: float
    terms: tuple[str, ...] = ()
