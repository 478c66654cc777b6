"""What a set of search sessions reduces to for the search report (``report search``): counts,
the top failed searches, the top reformulation chains and each (opened process, queries) path.

One dataclass for both places that compute it — the local log in Python
(``learning.report.aggregate``) and the team server in SQL (``team.search_report``) — so the
step that turns it into a report (``learning.report.report_from``) reads one shape. It lives in
the search package because ``learning`` and ``team`` are sibling layers that may not import
each other; both stand on ``search``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# the ways a search session fails: no result at all, results but nothing opened, reformulated
# before the open (the first wording failed), flagged 缺少流程 by the agent
FAILED_KINDS = ("no_result", "no_open", "reformulated", "missing_flag")


@dataclass
class SearchAggregates:
    """Everything the search report needs, reduced from the sessions (local or on the server)."""

    sessions: int = 0
    zero: int = 0
    opened: int = 0
    rank_sum: int = 0
    ranked: int = 0  # opened sessions with a known rank
    failed: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    chains: list[tuple[list[str], str, int]] = field(default_factory=list)
    # (opened, distinct queries of the chain, sessions), in the order of their first session
    paths: list[tuple[str, list[str], int]] = field(default_factory=list)


__all__ = ["FAILED_KINDS", "SearchAggregates"]
