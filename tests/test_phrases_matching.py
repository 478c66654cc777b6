"""Fuzzy lookup: trigger, pinyin initials, text, typos; ranking is deterministic."""

from __future__ import annotations

from agent_assist.phrases import Phrase, PhraseLibrary, PhraseMatcher, normalize_query, pinyin_keys


def _p(pid, trigger, text, **kw):
    return Phrase(id=pid, trigger=trigger, text=text, **kw)


PHRASES = [
    _p("a.sorry", "bq", "给您带来这样的困扰，真的非常抱歉。"),
    _p("a.wait", "dd", "请您稍等一下，我帮您查询。"),
    _p("a.bqx", "bqx", "抱歉让您久等了。"),
    _p("a.understand", "lj", "我非常理解您现在的心情。"),
    _p("a.5g", "wg", "5G套餐的资费是每月{金额}元。"),
]


def test_pinyin_keys_drop_placeholders_and_punctuation():
    assert pinyin_keys("请您稍等一下。") == ("qnsdyx", "qingninshaodengyixia")
    initials, _ = pinyin_keys("5G套餐的资费是每月{金额}元。")
    assert initials == "5gtcdzfsmyy"


def test_normalize_query_strips_slash_variants():
    assert normalize_query("/BQ ") == "bq"
    assert normalize_query("／bq") == "bq"
    assert normalize_query("、bq") == "bq"


def test_exact_trigger_wins_then_prefix():
    m = PhraseMatcher(PHRASES)
    ids = [x.phrase.id for x in m.search("/bq")]
    assert ids[0] == "a.sorry" and ids[1] == "a.bqx"
    assert m.search("bq")[0].field == "trigger"


def test_pinyin_initials_find_text():
    m = PhraseMatcher(PHRASES)
    res = m.search("fcljn")  # 非常理解您
    assert res[0].phrase.id == "a.understand" and res[0].field == "initials"


def test_full_pinyin_and_chinese_text():
    m = PhraseMatcher(PHRASES)
    assert m.search("shaodeng")[0].phrase.id == "a.wait"
    assert m.search("久等")[0].phrase.id == "a.bqx"
    assert m.search("心情")[0].phrase.id == "a.understand"


def test_typo_tolerance_and_no_match():
    m = PhraseMatcher(PHRASES)
    assert m.search("qnsdx")[0].phrase.id == "a.wait"  # one initial missing
    assert m.search("zzzzzz") == []
    assert m.search("火星文字") == []


def test_chinese_typo_and_missing_words():
    m = PhraseMatcher(PHRASES)
    assert m.search("非常报歉")[0].phrase.id == "a.sorry"  # 报 typed for 抱
    assert m.search("理解您心情")[0].phrase.id == "a.understand"


def test_frecency_breaks_ties_but_does_not_beat_a_better_match():
    m = PhraseMatcher(PHRASES)
    plain = [x.phrase.id for x in m.search("")]
    assert plain == [p.id for p in PHRASES]  # library order without usage
    boosted = [x.phrase.id for x in m.search("", frecency={"a.5g": 5.0})]
    assert boosted[0] == "a.5g"
    assert m.search("bq", frecency={"a.bqx": 100.0})[0].phrase.id == "a.sorry"


def test_shipped_library_lookup_examples():
    lib = PhraseLibrary.load()
    assert lib.search("/kc")[0].phrase.id == "greet.open"
    assert lib.search("工信部")[0].phrase.id == "escalation.regulator"
    top5 = [m.phrase.id for m in lib.search("fcbq", limit=5)]
    assert any(
        lib.get(pid).text.startswith("给您带来") or "非常抱歉" in lib.get(pid).text for pid in top5
    )
