"""The knowledge base: process model, loader and validator; per-agent tiers; study scheduling.

No Qt here: the GUI asks these objects and shows the answer.
"""

from agent_assist.knowledge.feedback import FeedbackStore
from agent_assist.knowledge.feedback_model import (
    FEEDBACK_KINDS,
    FEEDBACK_STATUSES,
    Feedback,
    FeedbackError,
    FeedbackSummary,
)
from agent_assist.knowledge.kbfiles import MAX_FILE_BYTES, scan_kb
from agent_assist.knowledge.loader import (
    content_hash,
    content_warnings,
    iter_process_files,
    load_kb,
    parse_process,
    read_process,
)
from agent_assist.knowledge.model import (
    CATEGORIES,
    ID_PATTERN,
    KnowledgeBase,
    Problem,
    Process,
    Section,
)
from agent_assist.knowledge.profile import AgentProfile, ProfileError, ProfileStore
from agent_assist.knowledge.slim import FULL_CACHE, SlimKB
from agent_assist.knowledge.study import (
    RATING_LABELS,
    Rating,
    StudyCard,
    StudyQueue,
    card_back,
    card_front,
)
from agent_assist.knowledge.tiers import Tier, TierStore

__all__ = [
    "FULL_CACHE",
    "SlimKB",
    "CATEGORIES",
    "ID_PATTERN",
    "KnowledgeBase",
    "MAX_FILE_BYTES",
    "Problem",
    "Process",
    "Section",
    "content_hash",
    "content_warnings",
    "iter_process_files",
    "load_kb",
    "parse_process",
    "read_process",
    "scan_kb",
    # tiers, profile, study, feedback
    "FEEDBACK_KINDS",
    "FEEDBACK_STATUSES",
    "RATING_LABELS",
    "Rating",
    "AgentProfile",
    "Feedback",
    "FeedbackError",
    "FeedbackStore",
    "FeedbackSummary",
    "ProfileError",
    "ProfileStore",
    "StudyCard",
    "StudyQueue",
    "Tier",
    "TierStore",
    "card_back",
    "card_front",
]
