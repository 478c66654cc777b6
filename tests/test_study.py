"""Study mode: the FSRS queue of unknown / uncertain processes, ratings, promotion offers."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Rating, Scheduler

from agent_assist.knowledge import (
    KnowledgeBase,
    Process,
    StudyQueue,
    Tier,
    TierStore,
    card_back,
    card_front,
)
from agent_assist.storage import open_db

T0 = datetime(2026, 10, 1, 9, 0, 0)

BODY = """## 适用情形
客户想换运营商但保留号码。

## 步骤
1. 核对在网时长与合约。
2. 发送短信 CXXZ 获取授权码。
   授权码有效期 90 天。
3. 到新运营商办理。

## 常见追问
- 要多久？
"""


def _process(pid: str, title: str, body: str = BODY, **extra) -> Process:
    return Process(id=pid, title=title, category="办理", body=body, **extra)


@pytest.fixture
def kb() -> KnowledgeBase:
    procs = [
        _process(
            "number.port-out",
            "携号转网",
            customer_phrases=("我想换运营商但号码不变",),
            summary="核对后发授权码",
        ),
        _process("billing.detail", "详单查询"),
        _process("plan.change", "套餐变更"),
        _process("account.close", "销户"),
        _process("vas.cancel", "退订增值业务"),
    ]
    return KnowledgeBase(root=Path("."), processes={p.id: p for p in procs})


def _queue(db, **kw) -> StudyQueue:
    return StudyQueue(db, "1001", scheduler=Scheduler(enable_fuzzing=False), **kw)


def test_card_front_is_the_customers_side_and_back_the_steps(kb):
    p = kb.get("number.port-out")
    front, back = card_front(p), card_back(p)
    assert "我想换运营商但号码不变" in front and "保留号码" in front
    assert "授权码" not in front  # the answer is on the back
    assert (
        back
        == "1. 核对在网时长与合约。\n2. 发送短信 CXXZ 获取授权码。 授权码有效期 90 天。\n3. 到新运营商办理。"
    )
    bare = Process(id="x", title="X", category="咨询", summary="一句话说明")
    assert card_front(bare) == "一句话说明" and card_back(bare) == "一句话说明"


def test_queue_holds_unknown_and_uncertain_and_stores_new_cards(kb):
    db = open_db(":memory:")
    tiers = TierStore(db, "1001")
    tiers.set_tier("plan.change", Tier.KNOWN)
    tiers.set_tier("vas.cancel", Tier.UNCERTAIN)
    queue = _queue(db)
    assert queue.card("billing.detail") is None
    assert queue.due_count(kb, now=T0) == 4
    assert queue.card("billing.detail") is None  # counting stores nothing
    cards = queue.due(kb, now=T0)
    assert {c.pid for c in cards} == {
        "number.port-out",
        "billing.detail",
        "account.close",
        "vas.cancel",
    }
    assert cards[0].pid == "vas.cancel"  # uncertain (met before) comes first among new cards
    assert all(c.is_new and c.state == "new" for c in cards)
    port = next(c for c in cards if c.pid == "number.port-out")
    assert (
        port.title == "携号转网"
        and "我想换运营商" in port.front
        and port.back.startswith("1. 核对")
    )
    assert queue.card("billing.detail") is not None  # first sight created the card
    assert len(queue.due(kb, now=T0, limit=2)) == 2
    assert TierStore(db, "other").tiers() == {}  # other agents untouched
    assert StudyQueue(db, "other").due_count(kb, now=T0) == 5


def test_rating_changes_due_date_and_leaves_the_queue(kb):
    db = open_db(":memory:")
    queue = _queue(db)
    queue.due(kb, now=T0)
    card = queue.rate("billing.detail", Rating.Good, now=T0)
    assert card.reps == 1 and card.state == "learning"
    assert card.due.timestamp() == (T0 + timedelta(minutes=10)).timestamp()  # FSRS learning step
    assert "billing.detail" not in {c.pid for c in queue.due(kb, now=T0 + timedelta(minutes=5))}
    assert "billing.detail" in {c.pid for c in queue.due(kb, now=T0 + timedelta(minutes=11))}
    card = queue.rate("billing.detail", 3, now=T0 + timedelta(minutes=11))
    assert card.state == "review" and card.due - (
        T0 + timedelta(minutes=11)
    ).astimezone() >= timedelta(days=1)
    easy = queue.rate("account.close", Rating.Easy, now=T0)
    again = queue.rate("plan.change", Rating.Again, now=T0)
    assert easy.due > again.due and easy.stability > again.stability
    assert [r for _, r in queue.history("billing.detail")] == [3, 3]


def test_schedule_survives_reopen(kb, tmp_path):
    path = tmp_path / "agent.db"
    queue = _queue(open_db(path))
    queue.due(kb, now=T0)
    queue.rate("number.port-out", Rating.Good, now=T0)
    rated = queue.rate("number.port-out", Rating.Good, now=T0 + timedelta(minutes=10))
    queue.db.close()

    reopened = _queue(open_db(path))
    stored = reopened.card("number.port-out")
    assert (
        stored.due == rated.due
        and stored.reps == 2
        and stored.stability == pytest.approx(rated.stability)
    )
    before = rated.due - timedelta(hours=1)
    assert "number.port-out" not in {c.pid for c in reopened.due(kb, now=before)}
    after = reopened.due(kb, now=rated.due + timedelta(minutes=1))
    assert after[0].pid == "number.port-out" and after[0].reps == 2  # due reviews come first
    # the next review continues the stored schedule
    nxt = reopened.rate("number.port-out", Rating.Good, now=rated.due)
    assert nxt.reps == 3 and nxt.stability > rated.stability


def test_new_cards_are_rationed_per_day(kb):
    db = open_db(":memory:")
    queue = _queue(db, new_per_day=2)
    first = queue.due(kb, now=T0)
    assert len(first) == 2 and queue.due_count(kb, now=T0) == 2
    for c in first:
        queue.rate(c.pid, Rating.Good, now=T0)
    assert (
        queue.due_count(kb, now=T0 + timedelta(minutes=1)) == 0
    )  # quota used, learning not yet due
    assert queue.due_count(kb, now=T0 + timedelta(minutes=20)) == 2  # learning steps due again
    next_day = T0 + timedelta(days=1, hours=1)
    tomorrow = {c.pid for c in queue.due(kb, now=next_day)}
    assert len(tomorrow - {c.pid for c in first}) == 2  # two fresh ones, plus the due reviews


def test_known_process_leaves_the_queue_and_keeps_its_schedule(kb):
    db = open_db(":memory:")
    queue = _queue(db)
    queue.rate("account.close", Rating.Good, now=T0)
    due_before = queue.card("account.close").due
    TierStore(db, "1001").set_tier("account.close", Tier.KNOWN)
    later = T0 + timedelta(days=30)
    assert "account.close" not in {c.pid for c in queue.due(kb, now=later)}
    TierStore(db, "1001").set_tier("account.close", Tier.UNCERTAIN)
    back = next(c for c in queue.due(kb, now=later) if c.pid == "account.close")
    assert back.reps == 1 and back.due == due_before


def test_invalid_rating_is_explained(kb):
    queue = _queue(open_db(":memory:"))
    with pytest.raises(ValueError, match="1（重来）"):
        queue.rate("account.close", 5)


def _recall(queue, pid, ratings, start):
    at = start
    for rating in ratings:
        card = queue.rate(pid, rating, now=at)
        at = card.due  # review exactly when due
    return at


def test_promotion_offered_after_repeated_good_recall(kb):
    db = open_db(":memory:")
    queue = _queue(db, kb=kb)
    at = _recall(queue, "number.port-out", [Rating.Good, Rating.Good], T0)
    assert not queue.suggest_promotion("number.port-out", now=at)  # too early: stability ~2 days
    at = _recall(queue, "number.port-out", [Rating.Good], at)
    assert queue.card("number.port-out").stability >= 10
    assert queue.suggest_promotion("number.port-out", now=at)
    assert TierStore(db, "1001").tier("number.port-out") is Tier.UNKNOWN  # offered, never automatic
    queue.dismiss_promotion("number.port-out", now=at)
    assert not queue.suggest_promotion("number.port-out", now=at + timedelta(days=3))
    assert queue.suggest_promotion("number.port-out", now=at + timedelta(days=8))
    TierStore(db, "1001").set_tier("number.port-out", Tier.KNOWN)
    assert not queue.suggest_promotion("number.port-out", now=at + timedelta(days=8))


def test_no_promotion_when_recall_was_shaky(kb):
    queue = _queue(open_db(":memory:"))
    at = _recall(queue, "plan.change", [Rating.Easy, Rating.Easy, Rating.Hard], T0)
    assert queue.card("plan.change").stability >= 10
    assert not queue.suggest_promotion("plan.change", now=at)  # a Hard among the last three
    at = _recall(queue, "plan.change", [Rating.Good, Rating.Good], at)
    assert not queue.suggest_promotion("plan.change", now=at)
    _recall(queue, "plan.change", [Rating.Easy], at)
    assert queue.suggest_promotion("plan.change", now=at + timedelta(days=400))
    assert not queue.suggest_promotion("never.studied", now=at)
