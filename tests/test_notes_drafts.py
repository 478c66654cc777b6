"""Autosaved drafts survive a crash: a real subprocess is killed with SIGKILL mid-draft."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import datetime

import pytest

from agent_assist.notes import DraftStore, NoteDraft
from agent_assist.storage import open_db


def test_save_replaces_and_pending_is_newest_first(tmp_path):
    ticks = iter(datetime(2026, 3, 2, 9, 0, s) for s in range(60))
    drafts = DraftStore(open_db(tmp_path / "d.db"), clock=lambda: next(ticks))
    a = NoteDraft(reason_text="第一版")
    drafts.save(a)
    a.reason_text = "第二版，客户说流量扣多了"
    drafts.save(a)
    b = NoteDraft(customer_phone="138")
    drafts.save(b)  # a second later by the injected clock
    assert [d.draft_id for d in drafts.pending()] == [b.draft_id, a.draft_id]
    assert drafts.get(a.draft_id).reason_text == "第二版，客户说流量扣多了"
    assert drafts.latest(exclude=b.draft_id).draft_id == a.draft_id
    drafts.discard(b.draft_id)
    assert [d.draft_id for d in drafts.pending()] == [a.draft_id]


def test_blank_draft_is_not_offered_back(tmp_path):
    drafts = DraftStore(open_db(tmp_path / "d.db"))
    d = NoteDraft(reason_text="有内容")
    drafts.save(d)
    d.reason_text = ""
    drafts.save(d)  # the agent cleared the form
    assert drafts.pending() == []


def test_old_draft_with_unknown_and_missing_keys_still_loads():
    d = NoteDraft.from_dict({"reason_text": "旧版本草稿", "field_from_the_future": 1})
    assert d.reason_text == "旧版本草稿" and d.reason_codes == ""


WRITER = textwrap.dedent(
    """
    import sys, time
    from agent_assist.notes import DraftStore, NoteDraft
    from agent_assist.storage import open_db
    drafts = DraftStore(open_db(sys.argv[1]))
    draft = NoteDraft(draft_id="crash-test", agent_no="A1", reason_codes="7")
    i = 0
    while True:
        i += 1
        draft.reason_text = "客户说充了100元没到账" + "。" * i
        draft.customer_phone = str(i)
        drafts.save(draft)
        print(i, flush=True)  # printed only after the save returned
        time.sleep(0.02)
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")
def test_draft_survives_sigkill(tmp_path):
    path = tmp_path / "crash.db"
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ},
    )
    acknowledged = 0
    try:
        deadline = time.monotonic() + 20
        while acknowledged < 15 and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            acknowledged = int(line)
        assert acknowledged >= 15, proc.stderr
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    assert proc.returncode == -signal.SIGKILL
    drafts = DraftStore(open_db(path))  # "next start"
    offered = drafts.latest()
    assert offered is not None and offered.draft_id == "crash-test"
    # every save that returned before the kill is there (it may have got one more in)
    assert int(offered.customer_phone) >= acknowledged
    assert offered.reason_text == "客户说充了100元没到账" + "。" * int(offered.customer_phone)
    assert offered.reason_codes == "7"
