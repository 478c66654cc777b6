"""Phrase library: shipped content, loading errors, placeholders, personal phrases, frecency."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from agent_assist.phrases import (
    STAGES,
    PhraseError,
    PhraseLibrary,
    PhraseStore,
    bump,
    context_values,
    decayed,
    fill,
    load_phrases,
    load_tone_checker,
)
from agent_assist.storage import open_db

REPO = Path(__file__).resolve().parent.parent
SHIPPED = REPO / "knowledge" / "phrases.yaml"

REQUIRED_STAGES = {
    "greeting",
    "identity",
    "emotion",
    "apology",
    "explain",
    "options",
    "repeat",
    "escalation",
    "closing",
    "followup",
}


def test_shipped_library_is_complete_and_clean():
    phrases, problems = load_phrases(SHIPPED)
    assert [p for p in problems if p.severity == "error"] == []
    assert len(phrases) >= 80
    stages = Counter(p.stage for p in phrases)
    assert set(stages) >= REQUIRED_STAGES, REQUIRED_STAGES - set(stages)
    assert all(stages[s] >= 3 for s in REQUIRED_STAGES)
    triggers = Counter(p.trigger for p in phrases)
    assert [t for t, n in triggers.items() if n > 1] == []
    texts = Counter(p.text for p in phrases)
    assert [t for t, n in texts.items() if n > 1] == []
    assert any("{工号}" in p.text for p in phrases) and any("{称呼}" in p.text for p in phrases)
    assert any("{时限}" in p.text for p in phrases)


def test_shipped_library_passes_the_tone_checker():
    phrases, _ = load_phrases(SHIPPED)
    checker = load_tone_checker()
    flagged = {p.id: [(f.text, f.rule_id) for f in checker.check(p.text)] for p in phrases}
    assert {k: v for k, v in flagged.items() if v} == {}


def test_bad_entries_are_reported_with_line_and_skipped(tmp_path):
    path = tmp_path / "phrases.yaml"
    path.write_text(
        "phrases:\n"
        "  - id: ok.one\n    trigger: ok\n    text: 您好\n    tags: {stage: greeting}\n"
        "  - id: Bad Id\n    trigger: x\n    text: 你好\n"
        "  - id: no.text\n    trigger: nt\n"
        "  - id: ok.one\n    trigger: ok2\n    text: 重复\n"
        "  - id: bad.stage\n    trigger: bs\n    text: 好的\n    tags: {stage: lunch}\n",
        encoding="utf-8",
    )
    phrases, problems = load_phrases(path)
    assert [p.id for p in phrases] == ["ok.one"]
    lines = {p.line: p.message for p in problems}
    assert "bad phrase id" in lines[6]
    assert "empty text" in lines[9]
    assert "duplicate phrase id 'ok.one'" in lines[11]
    assert "unknown stage 'lunch'" in lines[14]


def test_yaml_syntax_error_points_at_the_line(tmp_path):
    path = tmp_path / "phrases.yaml"
    path.write_text("phrases:\n  - id: a\n    text: [unclosed\n  - id: b\n", encoding="utf-8")
    phrases, problems = load_phrases(path)
    assert phrases == []
    assert len(problems) == 1 and problems[0].line >= 3 and "bad YAML" in problems[0].message


def test_fill_uses_context_and_never_inserts_hints():
    values = context_values(agent_no="8866", customer_title="王先生", today=dt.date(2026, 3, 5))
    filled = fill(
        "{称呼}您好，我是{工号}号，{日期}反映的问题{时限}内回复，{称呼}请放心。{原因}",
        values,
        {"时限": "24小时"},
    )
    # the hint is a suggestion for the agent, not a fact to put in the customer's record
    assert (
        filled.text == "王先生您好，我是8866号，3月5日反映的问题{时限}内回复，王先生请放心。{原因}"
    )
    names = [s.name for s in filled.slots]
    assert names == ["称呼", "工号", "日期", "时限", "称呼", "原因"]
    for slot in filled.slots:
        shown = filled.text[slot.start : slot.end]
        assert shown == (f"{{{slot.name}}}" if not slot.filled else shown) and shown
    assert filled.unfilled == ["时限", "原因"]
    assert [s.hint for s in filled.slots if s.name == "时限"] == ["24小时"]
    assert [s.start for s in filled.shifted(10)] == [s.start + 10 for s in filled.slots]


def test_deadline_fills_the_time_limit_as_spoken():
    today = dt.date(2026, 3, 5)
    tomorrow = context_values(deadline=dt.datetime(2026, 3, 6, 18, 0), today=today)
    assert tomorrow["时限"] == "明天18:00前"
    later = context_values(deadline=dt.datetime(2026, 3, 20, 9, 30), today=today)
    assert later["时限"] == "3月20日09:30前"
    assert "时限" not in context_values(today=today)


def test_fill_without_context_leaves_placeholders_for_the_agent():
    filled = fill("您好，{工号}号为您服务")
    assert filled.text == "您好，{工号}号为您服务"
    assert filled.slots[0].filled is False
    assert filled.text[filled.slots[0].start : filled.slots[0].end] == "{工号}"


def test_personal_phrases_crud_and_validation():
    db = open_db(":memory:")
    lib = PhraseLibrary.load(db=db)
    team = len(lib)
    p = lib.save_personal(
        "王姐您好，又是我小李，您上次说的宽带问题我跟进好了。",
        "wj",
        title="老客户回访",
        stage="followup",
    )
    assert p.id.startswith("my.") and p.is_personal
    assert len(lib) == team + 1 and lib.get(p.id).text.startswith("王姐")
    assert lib.search("/wj")[0].phrase.id == p.id
    edited = lib.save_personal("王姐您好，宽带已经修好了。", "wj", pid=p.id)
    assert edited.id == p.id and lib.get(p.id).text == "王姐您好，宽带已经修好了。"
    # the store is the truth: a second library on the same db sees it
    assert PhraseLibrary.load(db=db).get(p.id).text == "王姐您好，宽带已经修好了。"
    with pytest.raises(PhraseError) as err:
        lib.save_personal("  ", "ab")
    assert err.value.field == "text"
    with pytest.raises(PhraseError) as err:
        lib.save_personal("你好", "有中文")
    assert err.value.field == "trigger"
    with pytest.raises(PhraseError):
        lib.save_personal("你好", "ok", pid="my.999")
    assert lib.delete_personal(p.id) is True
    assert lib.get(p.id) is None and len(lib) == team
    assert lib.delete_personal(p.id) is False


def test_personal_ids_never_reuse_a_live_id():
    store = PhraseStore(open_db(":memory:"))
    a = store.save("一", "a")
    b = store.save("二", "b")
    store.delete(a.id)
    c = store.save("三", "c")
    assert len({a.id, b.id, c.id} - {a.id}) == 2 and c.id != b.id


def test_usage_is_counted_and_persists(tmp_path):
    db_file = tmp_path / "a.db"
    lib = PhraseLibrary.load(db=open_db(db_file))
    for _ in range(3):
        lib.record_use("closing.thanks")
    lib.record_use("not.a.phrase")  # ignored: unknown ids never pollute usage
    again = PhraseLibrary.load(db=open_db(db_file))
    assert again.use_count("closing.thanks") == 3
    assert again.use_count("not.a.phrase") == 0


def test_frecency_decays_with_half_life_and_ranks_recent_over_old():
    day = 86400.0
    assert decayed(8.0, 0.0, 7 * day) == pytest.approx(4.0)
    assert bump(0.0, 0.0, 100.0) == 1.0
    now = [1_000_000.0]
    store = PhraseStore(open_db(":memory:"), clock=lambda: now[0])
    lib = PhraseLibrary.load(db=store.db)
    lib.store = store
    for _ in range(10):  # used a lot, a month ago
        store.record_use("closing.thanks")
    now[0] += 30 * day
    for _ in range(3):  # used a little, today
        store.record_use("closing.survey")
    f = store.frecency()
    assert f["closing.survey"] > f["closing.thanks"]
    top = [m.phrase.id for m in lib.search("", limit=2)]
    assert top == ["closing.survey", "closing.thanks"]


def test_stage_filter_and_stage_labels():
    lib = PhraseLibrary.load()
    greetings = lib.search("", limit=0, stage="greeting")
    assert greetings and {m.phrase.stage for m in greetings} == {"greeting"}
    assert all(stage in STAGES for stage in {p.stage for p in lib.phrases()})


def test_fuzzy_index_is_built_once_on_demand_or_by_prepare():
    lib = PhraseLibrary.load(build=False)
    assert not lib.ready and lib.get("greet.open") is not None  # lookup by id needs no index
    assert lib.path == SHIPPED
    built = lib.prepare()
    assert lib.ready and lib.prepare() is built and lib.matcher is built
    assert lib.search("/qr")  # uses the prepared index
    lazy = PhraseLibrary.load(build=False)
    assert lazy.search("抱歉") and lazy.ready  # a search before prepare builds it once


def test_prepare_on_a_worker_thread_and_rebuild_after_a_personal_phrase():
    import threading

    from agent_assist.phrases import pinyin_keys

    lib = PhraseLibrary.load(db=open_db(":memory:"), build=False)
    worker = threading.Thread(target=lib.prepare)
    worker.start()
    worker.join()
    assert lib.ready
    before = pinyin_keys.cache_info()
    lib.save_personal("我这边马上帮您加急处理。", "jj")
    after = pinyin_keys.cache_info()
    # a rebuild re-reads the pinyin of unchanged phrases from the cache: only the new text costs
    assert after.misses - before.misses <= 1
    assert lib.ready and lib.search("jj")[0].phrase.text == "我这边马上帮您加急处理。"


# A default is inserted as it stands: it must never say an amount, a deadline, a person or a
# promise the processes forbid before they are checked and approved (issue 14 item 2).
_INVENTED = {
    "amount": r"\d|[一二两三四五六七八九十百千万半]+\s*(?:元|块|个月|GB|G|M)|元|块钱|GB",
    "deadline": r"小时|分钟|工作日|天内|日内|今天|今晚|明天|后天|本周|下周|周[一二三四五六日]|点前|月底|之前|以内",
    "person": r"主管|经理|班长|组长|师傅|先生|女士|老师|[李王张刘陈杨赵黄周吴][主经组班]",
    "promise": r"退还|退回|退费|减免|赠送|送[一个你您]|免费|补偿|赔|保证|一定|肯定|恢复|到账|已经",
}


def test_no_shipped_default_invents_an_amount_deadline_person_or_promise():
    import re

    phrases, _ = load_phrases(SHIPPED)
    found = {
        (p.id, name, value, what)
        for p in phrases
        for name, value in p.hints
        for what, rx in _INVENTED.items()
        if re.search(rx, value)
    }
    assert found == set()


@pytest.mark.parametrize(
    "value",
    ["李主管", "10", "3个工作日内", "一个月的套餐费减免", "今天晚上8点前", "10GB应急流量包，免费"],
)
def test_the_invented_default_check_can_fail(value):
    import re

    assert any(re.search(rx, value) for rx in _INVENTED.values())


def test_refund_and_escalation_phrases_leave_the_facts_to_the_agent():
    """/tf and /sj (issue 9 item 7): the amount, the refund route, the time and the supervisor
    are the agent's to fill in, never a sample value."""
    phrases, _ = load_phrases(SHIPPED)
    by_trigger = {p.trigger: p for p in phrases}
    tf, sj = by_trigger["tf"], by_trigger["sj"]
    assert {"金额", "退回方式", "时限"} <= set(tf.placeholders) and not tf.hints
    assert "时限" in sj.placeholders and "主管" not in sj.placeholders and not sj.hints
    assert "李主管" not in sj.text


def test_identity_phrases_never_ask_for_a_code_aloud_and_match_the_password_process():
    phrases, _ = load_phrases(SHIPPED)
    by_id = {p.id: p for p in phrases}
    sms = by_id["identity.sms-code"].text
    assert "键盘" in sms and "告诉我" not in sms
    reset = (REPO / "knowledge/processes/password/password.reset.md").read_text(encoding="utf-8")
    assert "MMCZ#证件号码#新密码#新密码" in reset
    assert "MMCZ#证件号码#新密码#新密码" in by_id["identity.forgot-password"].text
