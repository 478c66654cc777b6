"""Where the app keeps what it writes, and where the shipped sample content lives.

Every file the app writes goes under one data dir so that tests (and a centre that wants data on a
network share) can move all of it with ``AGENT_ASSIST_DATA_DIR`` or ``--data-dir``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ENV_DATA_DIR = "AGENT_ASSIST_DATA_DIR"
_PACKAGE = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """The user data dir (created on first use); ``AGENT_ASSIST_DATA_DIR`` overrides it."""
    override = os.environ.get(ENV_DATA_DIR)
    if override:
        path = Path(override).expanduser()
    else:
        import platformdirs

        path = Path(platformdirs.user_data_dir("agent-assist", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def db_path() -> Path:
    """The one SQLite database holding tiers, usage, study, feedback, phrases and notes."""
    return data_dir() / "agent_assist.db"


def cache_dir() -> Path:
    """Rebuildable caches (search indexes); safe to delete at any time."""
    path = data_dir() / "cache"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _shipped(name: str) -> Path:
    """A folder shipped beside the package: in a wheel it is copied into the package as
    ``_name``; in a source checkout / editable install it sits at the repository root. A frozen
    (PyInstaller) app unpacks its data under ``sys._MEIPASS``, where ``packaging/agent-assist.spec``
    lays it out as in a wheel; that folder may be read-only, and nothing is written there."""
    bundle = getattr(sys, "_MEIPASS", None)
    package = Path(bundle) / "agent_assist" if bundle else _PACKAGE
    inside = package / f"_{name}"
    if inside.is_dir():
        return inside
    return _PACKAGE.parent / name


def shipped_kb_dir() -> Path:
    """The sample knowledge base that ships with the app."""
    return _shipped("knowledge")


def shipped_ui_dir() -> Path:
    """Themes, icons and translations."""
    return _shipped("ui")
