"""Frecency: how often *and* how recently a phrase was used, as one decaying number.

Each use adds 1 to a score that halves every ``HALF_LIFE_DAYS``. Storing the score at the last use
is enough to know it at any later time (``decayed``), so ranking needs no use history and no
periodic job. A phrase used 20 times last month still loses to one used 5 times today — agents'
habits change with campaigns and seasons.
"""

from __future__ import annotations

import math

HALF_LIFE_DAYS = 7.0
_DAY = 86400.0


def decayed(
    score: float, last_used: float, now: float, half_life_days: float = HALF_LIFE_DAYS
) -> float:
    """``score`` (valid at ``last_used``) as it stands at ``now``."""
    if score <= 0:
        return 0.0
    age_days = max(0.0, now - last_used) / _DAY
    return score * math.pow(0.5, age_days / half_life_days)


def bump(
    score: float, last_used: float, now: float, half_life_days: float = HALF_LIFE_DAYS
) -> float:
    """The score right after one more use at ``now``."""
    return decayed(score, last_used, now, half_life_days) + 1.0


def bonus(frecency: float) -> float:
    """Points added to a match score: enough to order near-equal matches by habit, never enough
    to lift a weaker match kind over a stronger one (at most 4 on a 0-100 scale; an exact
    trigger scores 100 and the best prefix 95, so typing a whole trigger always gets it)."""
    return min(4.0, 2.0 * math.log1p(max(0.0, frecency)))
