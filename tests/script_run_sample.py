"""A small four-stage script and one run through it with a fake clock, shared by the tests of
the script path in exports and in History (issue 9 item 5)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from agent_assist.scripts import ScriptRun, parse_script

SCRIPT = {
    "id": "test-four-stage",
    "title": "测试四步",
    "stages": [
        {
            "id": "accept",
            "title": "受理",
            "target_seconds": 60,
            "steps": [
                {
                    "id": "listen",
                    "title": "倾听原话",
                    "techniques": ["倾听"],
                    "branches": [
                        {"label": "情绪平稳", "goto": "check"},
                        {"label": "情绪激动", "goto": "soothe"},
                    ],
                },
                {"id": "soothe", "title": "先处理心情", "next": "check"},
            ],
        },
        {
            "id": "explain",
            "title": "解释澄清",
            "target_seconds": 60,
            "steps": [
                {
                    "id": "check",
                    "title": "核实问题",
                    "branches": [
                        {"label": "客户仍不满", "goto": "check", "technique": "换一种说法"},
                        {"label": "客户接受解释", "goto": "offer"},
                    ],
                }
            ],
        },
        {
            "id": "propose",
            "title": "提出方案",
            "steps": [
                {
                    "id": "offer",
                    "title": "给出方案",
                    "branches": [
                        {"label": "客户接受方案", "goto": "end"},
                        {"label": "要求升级", "goto": "end", "escalate": True},
                    ],
                }
            ],
        },
    ],
}


class Clock:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


def sample_run() -> dict:
    """受理 (45 s: 情绪激动, then next) → 解释澄清 (90 s: 客户仍不满 once) → 提出方案 (要求升级)."""
    script, problems = parse_script(SCRIPT, Path("test-four-stage.yaml"))
    assert script is not None, problems
    clock = Clock()
    run = ScriptRun(script, clock=clock, now=lambda: dt.datetime(2026, 11, 24, 9, 31))
    for seconds, label in (
        (30, "情绪激动"),
        (15, "下一步"),
        (50, "客户仍不满"),
        (40, "客户接受解释"),
        (20, "要求升级"),
    ):
        clock.t += seconds
        run.choose_label(label)
    return run.summary().to_dict()
