"""The guided-script runs of a note, as HTML for History's detail pane.

For each run: the script, whether it finished, the total time and whether it was escalated; then
one row per stage reached — its time (against the stage's target) and the steps walked there with
the customer's reaction chosen at each — and the techniques used. Reading the stored dicts is the
core's job (``agent_assist.notes.script_runs``); this only lays them out and translates.
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QCoreApplication

from agent_assist.notes import PLAIN_MOVES, stage_parts, stage_seconds


def _texts() -> dict[str, str]:
    """Every string of this view, spelled out so lupdate finds them."""
    return {
        "finished": QCoreApplication.translate("ScriptRunView", "已完成"),
        "abandoned": QCoreApplication.translate("ScriptRunView", "中途放弃"),
        "running": QCoreApplication.translate("ScriptRunView", "未结束"),
        "took": QCoreApplication.translate("ScriptRunView", "用时 %1"),
        "escalated": QCoreApplication.translate("ScriptRunView", "已升级"),
        "not_escalated": QCoreApplication.translate("ScriptRunView", "未升级"),
        "stage": QCoreApplication.translate("ScriptRunView", "阶段"),
        "time": QCoreApplication.translate("ScriptRunView", "用时"),
        "steps": QCoreApplication.translate("ScriptRunView", "步骤与客户反应"),
        "techniques": QCoreApplication.translate("ScriptRunView", "使用技巧"),
        "heading": QCoreApplication.translate("ScriptRunView", "引导脚本"),
    }


def mmss(seconds: float) -> str:
    s = max(0, int(round(seconds)))
    return f"{s // 60}:{s % 60:02d}"


def run_html(run: dict[str, Any]) -> str:
    title = str(run.get("title") or run.get("script_id") or "?")
    status = run.get("status")
    t = _texts()
    state = (
        t.get(str(status), t["running"]) if status in ("finished", "abandoned") else t["running"]
    )
    if status == "abandoned" and run.get("abandon_reason"):
        state += f"（{run['abandon_reason']}）"
    head = [
        state,
        t["took"].replace("%1", mmss(float(run.get("duration_seconds") or 0))),
        t["escalated"] if run.get("escalated") else t["not_escalated"],
    ]
    html = [
        f"<p style='margin-bottom:2px'><b>{escape(title)}</b>：{escape(' · '.join(head))}</p>",
        "<table cellspacing='0' cellpadding='2'>",
        f"<tr><th align='left'>{escape(t['stage'])}</th><th align='left'>{escape(t['time'])}"
        f"</th><th align='left'>{escape(t['steps'])}</th></tr>",
    ]
    times: dict[str, tuple[float, int]] = {}
    for stage, seconds, target in stage_seconds(run):
        times[stage] = (times.get(stage, (0.0, target))[0] + seconds, target)
    shown_time: set[str] = set()
    for part in stage_parts(run):
        moves = [
            escape(step) + (f" → <i>{escape(label)}</i>" if label not in PLAIN_MOVES else "")
            for step, label in part.moves
        ] or [escape(step) for step in part.steps]
        cell = ""
        if part.stage in times and part.stage not in shown_time:  # a stage re-entered: once
            shown_time.add(part.stage)
            seconds, target = times[part.stage]
            cell = mmss(seconds) + (f" / {mmss(target)}" if target else "")
            if target and seconds > target:
                cell = f"<span style='color:#e8590c'>{cell}</span>"
        html.append(
            f"<tr><td valign='top'>{escape(part.stage)}</td><td valign='top'>{cell}</td>"
            f"<td>{'；'.join(moves)}</td></tr>"
        )
    html.append("</table>")
    techniques = [str(x) for x in run.get("techniques") or []]
    if techniques:
        html.append(
            f"<p style='margin-top:2px'>{escape(t['techniques'])}：{escape('、'.join(techniques))}</p>"
        )
    return "".join(html)


def runs_html(runs: Any) -> str:
    """Every run of a note under one heading ('' when the call used no script)."""
    runs = [r for r in runs or () if isinstance(r, dict)]
    if not runs:
        return ""
    return f"<p><b>{escape(_texts()['heading'])}</b></p>" + "".join(run_html(r) for r in runs)
