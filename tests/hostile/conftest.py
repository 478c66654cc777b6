"""Hostile-input suite: every input a careless or hostile KB author (or a crash, or a full disk)
can produce is generated here, in temp folders, and must end in a ``path:line: message`` — never
a hang, a crash or a traceback. Commands run in a subprocess with a timeout where a hang is
possible, so a regression fails the test instead of stalling the suite."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

PROCESS = """---
id: {pid}
title: {title}
category: 办理
summary: {title}的办理说明
keywords: [{title}]
customer_phrases: [我要{title}, 怎么{title}, {title}怎么办]
updated: 2026-01-05
---
## 步骤
1. 核实身份。
2. 办理{title}。
"""

TITLES = {"demo.alpha": "停机保号", "demo.beta": "话费查询", "demo.gamma": "携号转网"}


def write_process(folder: Path, pid: str, name: str, **overrides: str) -> Path:
    """A valid process file, with ``overrides`` replacing (or adding) front-matter lines."""
    text = PROCESS.format(pid=pid, title=name)
    for key, value in overrides.items():
        lines = text.split("\n")
        lines = [f"{key}: {value}" if ln.startswith(f"{key}:") else ln for ln in lines]
        if not any(ln.startswith(f"{key}:") for ln in lines):
            lines.insert(1, f"{key}: {value}")
        text = "\n".join(lines)
    path = folder / f"{pid}.md"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def kb(tmp_path: Path) -> Path:
    """A small, clean KB: three processes under processes/."""
    root = tmp_path / "kb"
    (root / "processes").mkdir(parents=True)
    for pid, title in TITLES.items():
        write_process(root / "processes", pid, title)
    return root


def run_cli(*args: str, data_dir: Path, timeout: float = 90, stdin: str | None = None):
    """``python -m agent_assist ARGS`` in a subprocess; a hang fails the test after ``timeout``."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO)
    env["AGENT_ASSIST_DATA_DIR"] = str(data_dir)
    env["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.run(
        [sys.executable, "-m", "agent_assist", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
        env=env,
        input=stdin,
        cwd=REPO,
    )


def assert_clean(proc) -> None:
    """Finished by itself, with messages, not a traceback."""
    out = proc.stdout + proc.stderr
    assert "Traceback" not in out, out[-3000:]
    assert proc.returncode in (0, 1), (proc.returncode, out[-3000:])


def within(seconds: float, fn, *args):
    """``fn(*args)`` on a daemon thread; fails the test (instead of hanging the suite) when it
    has not returned after ``seconds``. For in-process calls that could block forever."""
    import threading

    box: dict = {}

    def target():
        try:
            box["value"] = fn(*args)
        except BaseException as exc:  # re-raised in the test's thread
            box["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"{getattr(fn, '__name__', fn)} still running after {seconds}s"
    if "error" in box:
        raise box["error"]
    return box["value"]
