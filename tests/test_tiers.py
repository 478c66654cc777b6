"""Per-agent tiers, the open log, the demotion suggestion, and the agent profile."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

import pytest

from agent_assist.knowledge import AgentProfile, ProfileError, ProfileStore, Tier, TierStore
from agent_assist.storage import open_db

T0 = datetime(2026, 10, 1, 9, 0, 0)


@pytest.fixture
def db():
    return open_db(":memory:")


def test_tier_keys_and_labels():
    assert Tier.from_key("1") is Tier.KNOWN
    assert Tier.from_key("2") is Tier.UNCERTAIN
    assert Tier.from_key(3) is Tier.UNKNOWN
    assert Tier.from_key("known") is Tier.KNOWN
    assert Tier.from_key("不会") is Tier.UNKNOWN
    assert [t.label for t in (Tier.KNOWN, Tier.UNCERTAIN, Tier.UNKNOWN)] == [
        "已掌握",
        "不确定",
        "未掌握",
    ]
    with pytest.raises(ValueError, match="1（已掌握"):
        Tier.from_key("4")


def test_never_seen_is_unknown_and_set_tier(db):
    store = TierStore(db, "1001")
    assert store.tier("number.port-out") is Tier.UNKNOWN
    assert store.tiers() == {}
    store.set_tier("number.port-out", Tier.KNOWN, now=T0)
    store.set_tier("billing.detail", "2", now=T0)
    assert store.tier("number.port-out") is Tier.KNOWN
    assert store.tiers() == {"number.port-out": Tier.KNOWN, "billing.detail": Tier.UNCERTAIN}
    assert store.changed_at("number.port-out").timestamp() == T0.timestamp()
    store.set_tier("number.port-out", Tier.UNCERTAIN, now=T0 + timedelta(hours=1))
    assert store.tier("number.port-out") is Tier.UNCERTAIN
    assert store.changed_at("number.port-out").timestamp() == (T0 + timedelta(hours=1)).timestamp()


def test_tiers_are_per_agent(db):
    TierStore(db, "1001").set_tier("a", Tier.KNOWN)
    assert TierStore(db, "1002").tier("a") is Tier.UNKNOWN
    assert TierStore(db).tier("a") is Tier.UNKNOWN  # the default agent


def test_tier_persists_across_reopen(tmp_path):
    path = tmp_path / "agent.db"
    db = open_db(path)
    TierStore(db, "1001").set_tier("number.port-out", Tier.KNOWN)
    TierStore(db, "1001").log_open("number.port-out", "携转")
    db.close()
    again = TierStore(open_db(path), "1001")
    assert again.tier("number.port-out") is Tier.KNOWN
    assert again.recent() == ["number.port-out"]


def test_log_open_recent_and_most_used(db):
    store = TierStore(db, "1001")
    opens = [("a", 0), ("b", 1), ("a", 2), ("c", 3), ("b", 4), ("a", 5), ("d", 6)]
    for pid, hour in opens:
        store.log_open(pid, f"q{hour}", now=T0 + timedelta(hours=hour))
    assert store.recent() == ["d", "a", "b", "c"]  # distinct, newest first
    assert store.recent(limit=2) == ["d", "a"]
    now = T0 + timedelta(hours=7)
    assert store.most_used(now=now) == ["a", "b", "d", "c"]  # b and d/c ties: count, then recency
    assert store.open_counts(now=now) == {"a": 3, "b": 2, "c": 1, "d": 1}
    # the window: 31 days later only new opens count
    later = T0 + timedelta(days=31)
    store.log_open("c", "", now=later)
    assert store.open_counts(days=30, now=later) == {"c": 1}
    assert store.most_used(days=30, now=later) == ["c"]
    assert store.queries("a") == ["q5", "q2", "q0"]
    assert TierStore(db, "other").recent() == []


def test_demotion_suggested_after_three_opens_in_seven_days(db):
    store = TierStore(db, "1001")
    store.set_tier("p", Tier.KNOWN, now=T0)
    for day in (1, 3):
        store.log_open("p", now=T0 + timedelta(days=day))
    assert not store.suggest_demotion("p", now=T0 + timedelta(days=3, hours=1))
    store.log_open("p", now=T0 + timedelta(days=5))
    assert store.suggest_demotion("p", now=T0 + timedelta(days=5, hours=1))
    # a week later the first open has left the window
    assert not store.suggest_demotion("p", now=T0 + timedelta(days=8, hours=1))


def test_demotion_only_for_known_and_only_opens_after_marking(db):
    store = TierStore(db, "1001")
    for hour in range(4):
        store.log_open("p", now=T0 + timedelta(hours=hour))
    assert not store.suggest_demotion(
        "p", now=T0 + timedelta(hours=5)
    )  # unknown: nothing to demote
    store.set_tier("p", Tier.UNCERTAIN, now=T0 + timedelta(hours=5))
    assert not store.suggest_demotion("p", now=T0 + timedelta(hours=6))
    # looked up while learning, then marked known: not a sign of forgetting
    store.set_tier("p", Tier.KNOWN, now=T0 + timedelta(hours=6))
    assert not store.suggest_demotion("p", now=T0 + timedelta(hours=7))
    for hour in (8, 9, 10):
        store.log_open("p", now=T0 + timedelta(hours=hour))
    assert store.suggest_demotion("p", now=T0 + timedelta(hours=11))
    assert not TierStore(db, "1002").suggest_demotion("p", now=T0 + timedelta(hours=11))


def test_dismissed_demotion_stays_quiet_for_a_week(db):
    store = TierStore(db, "1001")
    store.set_tier("p", Tier.KNOWN, now=T0)
    for hour in (1, 2, 3):
        store.log_open("p", now=T0 + timedelta(hours=hour))
    assert store.suggest_demotion("p", now=T0 + timedelta(hours=4))
    store.dismiss_suggestion("p", now=T0 + timedelta(hours=4))
    store.log_open("p", now=T0 + timedelta(days=2))
    assert not store.suggest_demotion("p", now=T0 + timedelta(days=2, hours=1))
    for day in (8, 9, 10):
        store.log_open("p", now=T0 + timedelta(days=day))
    assert store.suggest_demotion("p", now=T0 + timedelta(days=10, hours=1))


def test_gui_worker_reads_while_main_thread_writes(tmp_path):
    db = open_db(tmp_path / "agent.db")
    store = TierStore(db, "1001")
    errors: list[BaseException] = []

    def reader():
        try:
            for _ in range(300):
                store.tiers()
                store.recent()
                store.open_counts()
        except BaseException as exc:
            errors.append(exc)

    worker = threading.Thread(target=reader)
    worker.start()
    for n in range(300):
        store.log_open(f"p{n % 7}", "q")
        store.set_tier(f"p{n % 5}", Tier.from_key(str(n % 3 + 1)))
    worker.join()
    assert errors == []
    assert sum(store.open_counts().values()) == 300


# --- profile ------------------------------------------------------------------------------
def test_first_run_profile_is_none_then_skipped_is_empty(db):
    store = ProfileStore(db)
    assert store.load() is None
    store.mark_skipped()
    profile = store.load()
    assert profile == AgentProfile() and profile.is_empty


def test_profile_round_trip_across_reopen(tmp_path):
    path = tmp_path / "agent.db"
    ProfileStore(open_db(path)).save(
        AgentProfile(
            name=" 王小明 ",
            agent_no="A1001",
            theme="dark",
            font_size=14,
            language="en",
            kb_dir="/srv/kb",
        )
    )
    store = ProfileStore(open_db(path))
    assert store.load() == AgentProfile("王小明", "A1001", "dark", 14, "en", "/srv/kb")
    store.mark_skipped()  # never throws away a saved profile
    assert store.load().agent_no == "A1001"


def test_profile_bad_field_named(db):
    store = ProfileStore(db)
    with pytest.raises(ProfileError, match="主题") as err:
        store.save(AgentProfile(name="王", theme="neon"))
    assert err.value.field == "theme"
    with pytest.raises(ProfileError) as err:
        store.save(AgentProfile(font_size=200))
    assert err.value.field == "font_size"
    assert store.load() is None  # nothing half-saved


def test_damaged_profile_loads_with_defaults(db):
    store = ProfileStore(db)
    store.set_setting(
        "agent.profile", {"name": "李", "theme": "neon", "font_size": "big", "future": 1}
    )
    assert store.load() == AgentProfile(name="李")


def test_generic_settings(db):
    store = ProfileStore(db)
    assert store.get_setting("report.cost_per_minute", 1.5) == 1.5
    store.set_setting("report.cost_per_minute", 2.25)
    store.set_setting("layout", {"splitter": [300, 700], "名称": "中文"})
    assert store.get_setting("report.cost_per_minute") == 2.25
    assert store.get_setting("layout") == {"splitter": [300, 700], "名称": "中文"}
    store.delete_setting("layout")
    assert store.get_setting("layout", "gone") == "gone"
    with pytest.raises(TypeError):
        store.set_setting("bad", object())


def test_rank_boosts_uncertain_and_usage(db):
    from agent_assist.knowledge.tiers import UNCERTAIN_BOOST, USAGE_BOOST

    store = TierStore(db, "1001", clock=lambda: T0.timestamp())
    assert store.rank_boosts() == {}
    store.set_tier("a", Tier.UNCERTAIN)
    store.set_tier("k", Tier.KNOWN)
    store.set_tier("u", Tier.UNKNOWN)
    for _ in range(4):
        store.log_open("b")
    store.log_open("a")
    store.log_open("old", now=T0 - timedelta(days=40))  # outside the 30-day window
    boosts = store.rank_boosts()
    assert set(boosts) == {"a", "b"}
    assert boosts["b"] == pytest.approx(USAGE_BOOST)  # the most used gets the full usage nudge
    assert boosts["a"] == pytest.approx(UNCERTAIN_BOOST + USAGE_BOOST / 4)
    assert "old" in store.rank_boosts(days=60)
    # another agent's opens and tiers don't leak in
    assert TierStore(db, "1002").rank_boosts() == {}
    # a nudge stays small next to a text match (0..~1.7): it reorders near-ties only
    assert max(boosts.values()) < 0.3


def test_stores_take_now_from_their_injected_clock():
    """One rule for every knowledge store (tiers, study, feedback): an explicit moment wins,
    else the store's clock, else the system time."""
    from datetime import datetime

    from agent_assist.knowledge.schema import to_ts

    assert to_ts(None, lambda: 5.0) == 5.0
    assert to_ts(7, lambda: 5.0) == 7.0
    assert to_ts(datetime.fromtimestamp(9.0), lambda: 5.0) == 9.0
    assert to_ts(None) > 1e9
