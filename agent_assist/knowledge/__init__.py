"""The knowledge base: process model, loader and validator; per-agent tiers; study scheduling.

No Qt here: the GUI asks these objects and shows the answer.
"""

from agent_assist.knowledge.loader import (
    content_hash,
    iter_process_files,
    load_kb,
    parse_process,
    read_process,
)
from agent_assist.knowledge.model import CATEGORIES, ID_PATTERN, KnowledgeBase, Problem, Process, Section

__all__ = [
    "CATEGORIES",
    "ID_PATTERN",
    "KnowledgeBase",
    "Problem",
    "Process",
    "Section",
    "content_hash",
    "iter_process_files",
    "load_kb",
    "parse_process",
    "read_process",
]
