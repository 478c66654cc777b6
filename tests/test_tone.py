"""Tone checker: a table of sentences that must be flagged and ordinary polite Chinese that must not."""

from __future__ import annotations

import re

import pytest

from agent_assist.knowledge import load_kb
from agent_assist.phrases import (
    ToneChecker,
    fold_traditional,
    load_tone_checker,
    load_tone_rules,
    sentence_bounds,
)


@pytest.fixture(scope="module")
def checker() -> ToneChecker:
    return load_tone_checker()


FLAGGED = [
    # (sentence, flagged text, category)
    ("我不能给您退这笔费用。", "我不能", "消极表达"),
    ("我不会操作这个。", "我不会", "消极表达"),
    ("这个我不可以帮您改。", "我不可以", "消极表达"),
    ("我们无法为您开通。", "我们无法", "消极表达"),
    ("不行，这个办理不了。", "不行", "消极表达"),
    ("这个真的没办法。", "没办法", "消极表达"),
    ("这个业务我这边做不了。", "做不了", "消极表达"),
    ("那不可能的。", "不可能", "消极表达"),
    ("我也不清楚。", "我也不清楚", "消极表达"),
    ("这个不归我们管。", "不归我们管", "推诿"),
    ("这不是我的问题。", "不是我的问题", "推诿"),
    ("那是技术部门的事，你找别人吧。", "那是技术部门的事", "推诿"),
    ("你找别人吧。", "你找别人", "推诿"),
    ("营业厅那边搞错了。", "营业厅那边搞错", "推诿"),
    ("跟我说没用。", "跟我说没用", "推诿"),
    ("这是公司规定。", "这是公司规定", "推诿"),
    ("是你自己没看清楚合同。", "是你自己", "指责客户"),
    ("你怎么不早说？", "你怎么不早说", "指责客户"),
    ("您是不是搞错了？", "您是不是搞错了", "指责客户"),
    ("我已经说过好几遍了。", "我已经说过好几遍", "指责客户"),
    ("我不是说了吗？", "我不是说了", "指责客户"),
    ("你到底想怎么样？", "你到底想怎么样", "指责客户"),
    ("这有什么好生气的？", "有什么好生气的", "否定情绪"),
    ("你别激动。", "你别激动", "否定情绪"),
    ("您先冷静一点。", "您先冷静一点", "否定情绪"),
    ("这只是小事。", "这只是小事", "否定情绪"),
    ("您必须本人到营业厅办理。", "您必须", "生硬命令"),
    ("我们会尽快处理。", "尽快", "空头承诺"),
    ("有结果了我们会通知您。", "有结果了我们会通知", "空头承诺"),
    ("稍后给您回复。", "稍后给您回复", "空头承诺"),
    ("我们第一时间联系您。", "第一时间", "空头承诺"),
    # pushing away, blaming, refusing without a subject, promises without a time
    ("那是你的问题。", "那是你的问题", "指责客户"),
    ("这件事是您自己的责任。", "这件事是您自己的责任", "指责客户"),
    ("这事我管不了。", "我管不了", "推诿"),
    ("这个我们这边管不着。", "我们这边管不着", "推诿"),
    ("找别人去。", "找别人去", "推诿"),
    ("你自己找别人去吧。", "你自己找别人", "推诿"),
    ("没法办理。", "没法办理", "消极表达"),
    ("您不能这样。", "您不能这样", "生硬命令"),
    ("您别这样。", "您别这样", "生硬命令"),
    ("等通知吧。", "等通知吧", "空头承诺"),
    ("我们会处理的。", "我们会处理的", "空头承诺"),
    ("我会帮您跟进。", "我会帮您跟进", "空头承诺"),
    ("我们会及时处理的，请放心。", "我们会及时处理的", "空头承诺"),
    ("这个业务不能办理。", "不能办理", "消极表达"),
    ("不支持退订。", "不支持退订", "消极表达"),
    ("这个套餐不予退费。", "不予退费", "消极表达"),
    ("系统不允许。", "系统不允许", "消极表达"),
    ("公司规定不允许。", "规定不允许", "消极表达"),
    ("我不知道您说的什么意思。", "我不知道", "消极表达"),
    # Traditional input: folded for matching, reported on the original characters
    ("我們不能幫你辦。", "我們不能", "消极表达"),
    ("那是營業廳的事。", "那是營業廳的事", "推诿"),
]

NOT_FLAGGED = [
    "不客气，这是我应该做的。",
    "没问题，我马上帮您办理。",
    "不好意思，让您久等了。",
    "不用担心，您的号码不会停机。",
    "这个操作不会影响您正常使用。",
    "不会影响您的通话。",
    "不要紧，我们再试一次。",
    "没关系，我再给您说一遍。",
    "不知道您现在方便吗？",
    "我们会在24小时内给您回复。",
    "我们会尽快处理，48小时内给您答复。",
    "我们会尽快处理，今天下午五点前回电。",
    "如果还是不行的话，我帮您升级处理。",
    "实在不行，我们还可以换一种方式。",
    "您看这样处理可以吗？",
    "我这边马上帮您查询。",
    "退订后不会再扣费。",
    "有没有办法帮您加急？我帮您申请一下。",
    "我们绝不会让您白跑一趟。",
    "我们不会泄露您的个人信息。",
    "我们不会向您索要验证码。",
    "客户说“你们就是乱扣费，我不能接受”。",
    "您也可以自己在APP上查看。",
    "请问还有什么可以帮您？",
    "您看怎么处理会比较好？",
    "您想怎样处理比较方便呢？",
    "这是不是我们系统的问题，我帮您核实一下。",
    "您之前办理的套餐还在有效期内。",
    "我们会在{时限}内回复您。",
    "我帮您想想办法。",
    "您不用着急，我一步一步带您操作。",
    "为了保障您的账户安全，需要先核对一下机主信息。",
    "手机无法上网的情况我已经记录了。",
    "能不能麻烦您再说一下号码？",
    # reassurances: 不会/不能/无法 + a harmful act, and double negatives
    "我不会挂断电话，您慢慢说",
    "我这边不会中途挂断，您慢慢说。",
    "我们不会不管的",
    "我们绝对不会不管您的。",
    "我不会推给别人",
    "我这边不会把您的问题推给别人。",
    "我们无法看到您的密码，请放心",
    "我们无法看到您的服务密码，请放心。",
    "我们不能让您白等",
    "我们这边不能让您白跑。",
    "我不会让您再跑一趟营业厅。",
    # polite Chinese with 不/没, as short as an agent types it
    "不客气",
    "没问题",
    "不好意思",
    "不用担心",
    "不会影响您",
    "不要紧",
    "没关系",
    "不知道您方便吗",
    "不知道您是否方便接听？",
    # 找 on the customer's behalf, conditions, facts about devices, immediate actions, promises with a time
    "我帮您找其他同事核实一下。",
    "如果系统无法办理，我帮您提交到后台。",
    "不能办理的话，我帮您申请特殊处理。",
    "这个手机不支持5G网络，我帮您看看其他机型。",
    "您别这么客气。",
    "我马上帮您处理。",
    "这个问题我来帮您处理。",
    "我们已经处理好了，您可以试一下。",
    "我会跟进到底，48小时内给您回电。",
    "我们会在两个工作日内处理好的。",
    "我們會在24小時內回覆您。",
    "",
]


@pytest.mark.parametrize("sentence,expected,category", FLAGGED)
def test_flagged(checker, sentence, expected, category):
    findings = checker.check(sentence)
    assert findings, f"not flagged: {sentence}"
    f = findings[0]
    assert sentence[f.start : f.end] == f.text
    assert expected in sentence[f.start : f.end + 3] or f.text in expected
    assert f.category == category
    assert f.suggestion and f.message and f.rule_id


@pytest.mark.parametrize("sentence", NOT_FLAGGED)
def test_not_flagged(checker, sentence):
    assert checker.check(sentence) == [], [(f.text, f.rule_id) for f in checker.check(sentence)]


def test_traditional_input_keeps_spans_on_the_original_text(checker):
    text = "您好。我們不能幫你辦，那是你的問題。"
    findings = checker.check(text)
    assert [(f.text, f.rule_id) for f in findings] == [
        ("我們不能", "negative.cannot"),
        ("那是你的問題", "blame.customer"),
    ]
    assert all(text[f.start : f.end] == f.text for f in findings)
    assert fold_traditional(text) == "您好。我们不能帮你办，那是你的问题。"
    assert fold_traditional("abc") == "abc" and fold_traditional("没问题") == "没问题"


def test_polite_question_does_not_hide_what_follows(checker):
    """The allow entry for 不知道您（是否/方便…） covers only 不知道, so a blame right after it still shows."""
    findings = checker.check("不知道您是不是搞错了？")
    assert [f.rule_id for f in findings] == ["blame.customer"]


def test_kb_phrasing_sections_pass(checker, sample_kb_dir):
    """Every line of the shipped processes' 话术参考 (quoted there, so the quotes are taken off
    here: the quote rule would otherwise skip them) is phrasing agents copy; it must pass."""
    kb = load_kb(sample_kb_dir)
    checked, flagged = 0, {}
    for process in kb:
        section = process.section("话术参考") or ""
        for line in section.splitlines():
            text = re.sub(r"^\s*[-*]\s*", "", line).strip().strip('"“”「」')
            if not text:
                continue
            checked += 1
            hits = [(f.text, f.rule_id) for f in checker.check(text)]
            if hits:
                flagged.setdefault(process.id, []).append((text, hits))
    assert checked >= 50
    assert flagged == {}


def test_several_findings_in_one_text_with_exact_spans(checker):
    text = "您好。这个不归我们管，你找别人吧。我们会尽快处理。"
    findings = checker.check(text)
    assert [f.text for f in findings] == ["不归我们管", "你找别人", "尽快"]
    assert [f.start for f in findings] == sorted(f.start for f in findings)
    assert all(text[f.start : f.end] == f.text for f in findings)


def test_time_in_another_sentence_does_not_excuse_a_vague_promise(checker):
    findings = checker.check("24小时内会有短信。我们会尽快处理。")
    assert [f.rule_id for f in findings] == ["promise.no-time"]


def test_sentence_bounds():
    text = "第一句。第二句，还是第二句！第三句"
    start = text.index("还是")
    assert text[slice(*sentence_bounds(text, start, start + 2))] == "第二句，还是第二句"


def test_bad_rules_file_reports_lines(tmp_path):
    path = tmp_path / "tone_rules.yaml"
    path.write_text(
        "rules:\n"
        "  - id: ok\n    category: 消极表达\n    message: m\n    suggestion: s\n    patterns: ['我不能']\n"
        "  - id: broken\n    category: 消极表达\n    message: m\n    suggestion: s\n    patterns: ['(unclosed']\n"
        "  - id: nosugg\n    category: 推诿\n    message: m\n    patterns: ['x']\n",
        encoding="utf-8",
    )
    checker, problems = load_tone_rules(path)
    assert [r.id for r in checker.rules] == ["ok"]
    assert {p.line for p in problems} == {7, 12}
    assert any("bad regex" in p.message for p in problems)
    assert any("missing suggestion" in p.message for p in problems)
    with pytest.raises(ValueError):
        ToneChecker.from_file(path)
    assert checker.check("我不能") and checker.check("我能") == []


PUSH_AWAY_AND_PROVOKING = [
    # issue 9 item 6: pushing the customer away, hiding behind rules
    ("你自己去营业厅办吧。", "你自己去营业厅", "推诿"),
    ("系统就是这样规定的。", "系统就是这样规定的", "推诿"),
    ("这是规定我也没办法。", "这是规定我也没办法", "推诿"),
    ("那你自己看着办。", "你自己看着办", "推诿"),
    ("您去营业厅问吧。", "您去营业厅问吧", "推诿"),
    # issue 14 item 8: talking the customer out of a complaint, threats, guarantees, 你
    ("投诉也没用。", "投诉也没用", "激化矛盾"),
    ("随便您。", "随便您", "激化矛盾"),
    ("通话有录音您注意。", "有录音您注意", "激化矛盾"),
    ("我保证明天给您恢复。", "我保证明天给您恢复", "过度承诺"),
    ("这笔钱我们一定给您退。", "一定给您退", "过度承诺"),
    ("你先等一下。", "你", "称呼不当"),
    ("你好，请问有什么可以帮您？", "你好", "称呼不当"),
]

STILL_POLITE = [
    "需要您本人带身份证到营业厅办理，我帮您查好最近的网点。",
    "您可以带上身份证到就近营业厅办理。",
    "这个不用您去营业厅，我在电话里就能办。",
    "您有投诉的权利，我们尊重您的选择。",
    "随便您选哪一种都可以，我都能帮您办。",
    "这么晚打过来，一定是遇到着急的事了。",
    "请您一定保管好验证码，不要告诉任何人。",
    "你们家里的宽带现在还能用吗？",
    "我们会按规定处理，24小时内给您回复。",
    "您放心，我会一直跟到底。",
]


@pytest.mark.parametrize("sentence,expected,category", PUSH_AWAY_AND_PROVOKING)
def test_push_away_provoke_guarantee_and_ni_are_flagged(checker, sentence, expected, category):
    findings = checker.check(sentence)
    assert findings, f"not flagged: {sentence}"
    assert findings[0].text == expected and findings[0].category == category


@pytest.mark.parametrize("sentence", STILL_POLITE)
def test_new_rules_raise_no_alarm_on_polite_chinese(checker, sentence):
    assert checker.check(sentence) == [], [(f.text, f.rule_id) for f in checker.check(sentence)]


def _agent_lines(kb) -> list[tuple[str, str]]:
    """What agents say from the KB: 话术参考 lines and the answers (答：…) of 常见追问."""
    out = []
    for process in kb:
        for line in (process.section("话术参考") or "").splitlines():
            text = re.sub(r"^\s*[-*]\s*", "", line).strip().strip('"“”「」')
            if text:
                out.append((process.id, text))
        for line in (process.section("常见追问") or "").splitlines():
            m = re.search(r"答[：:]\s*(.+)$", line)
            if m:
                out.append((process.id, m.group(1).strip()))
    return out


def test_whole_shipped_kb_phrases_and_scripts_pass_the_checker(checker, sample_kb_dir):
    """Everything the sample puts in an agent's mouth passes the app's own checker: process
    phrasing and answers, every phrase, and every script line (titles, what to do, checklists,
    branch labels)."""
    from agent_assist.phrases import load_phrases
    from agent_assist.scripts import load_scripts

    kb = load_kb(sample_kb_dir)
    texts = _agent_lines(kb)
    phrases, _ = load_phrases(sample_kb_dir / "phrases.yaml")
    texts += [(p.id, p.text) for p in phrases]
    for script in load_scripts(sample_kb_dir / "scripts").values():
        for step in script.steps.values():
            for text in (step.title, step.do, *step.checklist, *(b.label for b in step.branches)):
                texts.append((f"{script.id}/{step.id}", text))
    assert len(texts) >= 600
    flagged = [(where, t, [(f.text, f.rule_id) for f in checker.check(t)]) for where, t in texts]
    assert [f for f in flagged if f[2]] == []
