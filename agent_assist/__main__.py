"""``python -m agent_assist`` behaves exactly like the ``agent-assist`` console script."""

import sys

from agent_assist.cli import main

sys.exit(main())
