"""Polyphonic characters read from words (issue 13 item 6): 银行 is "yin hang", not "yin xing".

Agents type initials or full pinyin without switching the input method, and they type what they
hear. A per-character table reads 银行 as "yinxing" and 重复 as "zhongfu", so `yhdk` and `cfts`
found nothing; readings now come from words (pypinyin's phrase data plus a few call-centre words
it lacks), the same way for the index and the query.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from agent_assist.search import Searcher, analyzer

REPO = Path(__file__).resolve().parent.parent

# word, initials agents type, full pinyin agents type
HETERONYMS = [
    ("银行", "yh", "yinhang"),
    ("银行卡", "yhk", "yinhangka"),
    ("银行代扣", "yhdk", "yinhangdaikou"),
    ("重复", "cf", "chongfu"),
    ("重复投诉", "cfts", "chongfutousu"),
    ("重新办理", "cxbl", "chongxinbanli"),
    ("重置密码", "czmm", "chongzhimima"),
    ("重发验证码", "cfyzm", "chongfayanzhengma"),
    ("还款", "hk", "huankuan"),
    ("花呗还款", "hbhk", "huabeihuankuan"),
    ("还剩", "hs", "haisheng"),
    ("还剩多少流量", "hsdsll", "haishengduoshaoliuliang"),
    ("退还", "th", "tuihuan"),
    ("调整", "tz", "tiaozheng"),
    ("调整套餐", "tztc", "tiaozhengtaocan"),
    ("调速", "ts", "tiaosu"),
    ("长期", "cq", "changqi"),
    ("长途", "ct", "changtu"),
    ("会员", "hy", "huiyuan"),
    ("星级会员", "xjhy", "xingjihuiyuan"),
    ("单独", "dd", "dandu"),
    ("处理", "cl", "chuli"),
    ("重复投诉处理", "cftscl", "chongfutousuchuli"),
    ("发票", "fp", "fapiao"),
    ("开发票", "kfp", "kaifapiao"),
    ("便宜", "py", "pianyi"),
    ("出差", "cc", "chuchai"),
    ("给予", "jy", "jiyu"),
    ("会计", "kj", "kuaiji"),
]


@pytest.mark.parametrize("word, short, full", HETERONYMS)
def test_heteronyms_read_as_agents_type_them(word, short, full):
    assert analyzer.initials(word) == short
    assert analyzer.full_pinyin(word) == full


def test_same_character_reads_by_its_word():
    # 行 in 银行 is hang, in 行程 xing; 重 in 重复 chong, in 重要 zhong; 还 in 还款 huan, 还剩 hai
    assert analyzer.full_pinyin("银行行程") == "yinhangxingcheng"
    assert analyzer.full_pinyin("重复很重要") == "chongfuhenzhongyao"
    assert analyzer.full_pinyin("还款还剩") == "huankuanhaisheng"


def test_readings_keep_one_syllable_per_character():
    text = "a银行b重复，还款5G"
    readings = analyzer.text_readings(text)
    assert len(readings) == len(text)
    assert readings[1:3] == ["yin", "hang"] and readings[0] == "a" and readings[-1] == "G"


def test_homophone_slip_still_shares_the_sound():
    # a slip on a heteronym word: the slip is read by its characters, the word by its word
    assert analyzer.pinyin_bigrams("银航代扣") == analyzer.pinyin_bigrams("银行代扣")
    assert analyzer.pinyin_bigrams("虫复投诉") == analyzer.pinyin_bigrams("重复投诉")


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    import os

    old = os.environ.get("AGENT_ASSIST_DATA_DIR")
    os.environ["AGENT_ASSIST_DATA_DIR"] = str(tmp_path_factory.mktemp("readings-data"))
    try:
        s = Searcher.open(REPO / "knowledge")
    finally:
        if old is not None:
            os.environ["AGENT_ASSIST_DATA_DIR"] = old
    yield s
    s.close()


@pytest.mark.parametrize(
    "query, expected",
    [
        ("yhdk", "billing.autopay"),
        ("yinhangdaikou", "billing.autopay"),
        ("cfts", "complaint.repeat"),
        ("chongfutousu", "complaint.repeat"),
        ("czmm", "password.reset"),
        ("xjhy", "member.level"),
        ("kfp", "invoice.issue"),
        ("银航代扣", "billing.autopay"),  # homophone slip on a heteronym
        ("虫复投诉", "complaint.repeat"),
    ],
)
def test_heteronym_pinyin_finds_the_process(searcher, query, expected):
    ids = [h.id for h in searcher.search(query, limit=3)]
    assert ids and ids[0] == expected, ids


def test_wrong_per_character_readings_no_longer_match(searcher):
    ids = [h.id for h in searcher.search("yxdk", limit=3)]
    assert "billing.autopay" not in ids[:1], ids
