"""Search that learns the customers' words (issue 13): the search log, what it tells KB owners
(failed searches, suggested customer phrases) and learned word → process associations. No Qt.

Sits above ``search`` and ``notes`` (it reads both); ``search`` never imports it — a Searcher is
handed the learned signal as a plain object (see :class:`LearnedAssociations`).
"""

from agent_assist.learning.associations import LearnedAssociations, learn_pairs
from agent_assist.learning.masking import mask_query
from agent_assist.learning.searchlog import SearchLog, SearchSession

__all__ = ["LearnedAssociations", "SearchLog", "SearchSession", "learn_pairs", "mask_query"]
