"""The frozen app's entry script: what PyInstaller runs as ``agent-assist``.

``multiprocessing.freeze_support()`` comes first: the search index is built in ``spawn`` worker
processes once Qt is loaded (see ``agent_assist.search.bulk``), and a spawned child of a frozen
app is the same executable started with special arguments — without this call it would start a
second copy of the app instead of running the worker.
"""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from agent_assist.cli import main

    sys.exit(main())
