"""Chinese full-text search over the knowledge base: analysis, whoosh index, ranking. No Qt.

``Searcher.open(kb_dir)`` syncs the index cache and answers ``search(query)`` with ranked ``Hit``s.
"""

from agent_assist.search.index import IndexStore, SyncStats
from agent_assist.search.normalize import normalize, to_simplified
from agent_assist.search.searcher import Hit, Searcher, highlight_spans, parse_query
from agent_assist.search.tail import MIN_HITS, WEAK_RATIO, strong_hits

__all__ = [
    "Hit",
    "MIN_HITS",
    "WEAK_RATIO",
    "IndexStore",
    "Searcher",
    "SyncStats",
    "highlight_spans",
    "normalize",
    "parse_query",
    "strong_hits",
    "to_simplified",
]
