"""Shared fixtures. Every test runs offscreen with the data dir in a temp folder, so the suite
never touches an agent's real data."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Set before any agent_assist import so nothing can reach the real user data dir.
_SESSION_DATA = tempfile.mkdtemp(prefix="agent-assist-test-")
os.environ["AGENT_ASSIST_DATA_DIR"] = _SESSION_DATA

import pytest  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SAMPLE_KB = REPO / "knowledge"


@pytest.fixture(autouse=True)
def data_dir(tmp_path_factory, monkeypatch) -> Path:
    """A fresh data dir per test."""
    path = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("AGENT_ASSIST_DATA_DIR", str(path))
    return path


@pytest.fixture
def sample_kb_dir() -> Path:
    return SAMPLE_KB
