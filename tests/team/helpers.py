"""Small helpers for the team tests (imported by name)."""

from __future__ import annotations

import datetime as dt
import uuid

from agent_assist.notes import Note

BASE = dt.datetime(2026, 11, 2, 9, 0, 0)


def make_note(agent_no: str, i: int = 0, **overrides) -> Note:
    """A valid note; ``i`` varies the time, codes and facts."""
    start = BASE + dt.timedelta(minutes=7 * i)
    values = dict(
        started_at=start,
        ended_at=start + dt.timedelta(minutes=5),
        submitted_at=start + dt.timedelta(minutes=6),
        agent_name=f"坐席{agent_no}",
        agent_no=agent_no,
        reason_text=f"客户说话费扣多了 {i}",
        reason_codes=(1 + i % 5, 6 + i % 3) if i % 2 else (1 + i % 5,),
        emotion_start=("平静", "焦虑", "不满", "愤怒")[i % 4],
        emotion_end=("平静", "焦虑", "不满", "愤怒")[(i * 3) % 4],
        stage=("受理", "解释澄清", "提出方案", "回访")[i % 4],
        handling_minutes=3.5 + (i % 7),
        customer_name="张先生",
        customer_phone=f"1381234{i % 10000:04d}",
        repeat_call=i % 3 == 0,
        previous_calls=(i % 3 == 0) * (1 + i % 4),
        other_department=["", "网络部", "营业厅"][i % 3],
        resolved=i % 4 != 1,
        escalated=i % 5 == 0,
        escalated_to="二线" if i % 5 == 0 else "",
        deadline=start + dt.timedelta(days=1) if i % 6 == 0 else None,
        customer_value=["", "价值", "烦扰"][i % 3],
        company_value=["", "烦扰", "价值"][(i // 2) % 3],
    )
    if not values["customer_value"]:
        values["company_value"] = ""
    values.update(overrides)
    return Note(**values)


def server_note(agent_no: str, i: int = 0, **overrides) -> dict:
    """A note as the server's insert payload."""
    from agent_assist.team.payloads import note_payload

    return note_payload(make_note(agent_no, i, **overrides), str(uuid.uuid4()))


def insert_notes(conn, payloads: list[dict]) -> None:
    """Insert through the same statement the pusher uses."""
    import json

    from agent_assist.team.pusher import _INSERTS

    conn.execute(_INSERTS["note"], [json.dumps(payloads, ensure_ascii=False)])
