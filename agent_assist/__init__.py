"""Agent Assist: a desktop companion for call-centre agents.

The core packages (knowledge, search, phrases, scripts, notes, storage) hold every rule and never
import Qt; ``agent_assist.gui`` is the only place PySide6 is imported.
"""

__version__ = "0.2.0"  # the one place: pyproject.toml reads it (hatch dynamic version)
