"""The shipped sample as a trainer signs it off (issue 14): one set of facts, a 关键信息 block on
every process, the 15 call types that were missing, and each at the depth of the best ones."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from agent_assist.knowledge import load_kb, parse_process
from agent_assist.knowledge.key_fact_lint import key_fact_conflicts
from agent_assist.knowledge.key_facts import (
    KEY_FACT_FIELDS,
    fill_slots,
    local_facts,
    parse_key_facts,
)

SAMPLE = Path(__file__).resolve().parent.parent / "knowledge"

NEW_CALL_TYPES = {
    "security.fraud-shutdown": "涉诈",
    "number.call-restricted": "限制呼出",
    "service.marketing-dnd": "营销",
    "call.no-audio": "VoLTE",
    "billing.statement": "账单",
    "number.recycled": "二次放号",
    "roaming.idd": "国际长途",
    "account.app-login": "APP",
    "service.ticket-status": "工单",
    "complaint.suggestion": "表扬",
    "number.port-in": "携号转入",
    "family.vnet": "亲情网",
    "sim.iot-watch": "物联网卡",
    "broadband.account-wifi": "WiFi",
    "plan.low-cost": "保号",
}


@pytest.fixture(scope="module")
def kb():
    return load_kb(SAMPLE)


def test_the_sample_has_78_processes_each_with_key_facts(kb):
    assert len(kb) >= 78 and kb.errors == []
    for process in kb:
        fields = {f.field for f in process.key_facts}
        assert fields == set(KEY_FACT_FIELDS), process.id


@pytest.mark.parametrize("pid,word", sorted(NEW_CALL_TYPES.items()))
def test_each_new_call_type_is_a_full_process(kb, pid, word):
    p = kb.get(pid)
    assert p is not None, pid
    assert word in p.title + p.summary + " ".join(p.keywords), pid
    assert len(p.customer_phrases) >= 3 and len(p.keywords) >= 5
    assert len(p.steps) >= 6
    for section in ("适用情形", "话术参考", "时限", "常见追问", "注意事项"):
        assert p.section(section), (pid, section)
    assert p.owner and p.updated
    assert all(r in kb for r in p.related)
    # local figures are slots the centre fills, not invented numbers
    assert "元" not in p.key_facts.get("fee").text() or "【本地" in p.key_facts.get("fee").text()


def test_summaries_carry_the_key_condition(kb):
    port_in = kb.get("number.port-in").summary
    assert all(x in port_in for x in ("120天", "无欠费", "合约", "免费"))


def test_shared_facts_agree_across_processes(kb):
    assert key_fact_conflicts(kb) == []
    # the same named item really is shared (else the check would see nothing)
    refund = [
        p.id
        for p in kb
        if (f := p.key_facts.get("time_limit")) and any(n == "退回话费账户" for n, _ in f.items)
    ]
    assert len(refund) >= 3
    text = "\n".join(p.body for p in kb)
    assert "5元来电提醒" not in text and "5元的来电提醒" not in text
    assert "24–72小时内会暂停短信验证" not in text
    assert "您的账户是安全的" not in kb.get("number.loss-report").body


def test_key_facts_parse_items_slots_and_problems(tmp_path):
    facts, problems = parse_key_facts(
        {
            "fee": {"补卡": "【本地：补卡工本费】"},
            "time_limit": "即时生效",
            "documents": ["身份证", "委托书"],
            "colour": "红",
        }
    )
    assert [f.field for f in facts] == ["fee", "time_limit", "documents"]
    assert facts.get("fee").text() == "补卡：【本地：补卡工本费】"
    assert facts.get("fee").text({"补卡工本费": "免费"}) == "补卡：免费"
    assert facts.slots() == ["补卡工本费"]
    assert [s for _, s in problems] == ["warning"] and "colour" in problems[0][0]
    bad, problems = parse_key_facts({"fee": {"a": ["x"]}})
    assert not bad and problems[0][1] == "error"
    assert fill_slots("【本地：X】元", {}) == "【本地：X】元"
    (tmp_path / "local_facts.yaml").write_text("补卡工本费: 免费\n", encoding="utf-8")
    assert local_facts(tmp_path) == {"补卡工本费": "免费"}
    (tmp_path / "local_facts.yaml").write_text(": [broken", encoding="utf-8")
    assert local_facts(tmp_path) == {}


def _write(path: Path, pid: str, fee: str) -> None:
    path.write_text(
        f"---\nid: {pid}\ntitle: {pid}\ncategory: 办理\nsummary: s\n"
        "customer_phrases: [a, b, c]\n"
        f"key_facts:\n  fee: {{来电提醒: {fee}}}\n---\n## 步骤\n1. 做\n",
        encoding="utf-8",
    )


def test_lint_flags_a_fee_that_contradicts_another_process(tmp_path, capsys):
    from agent_assist.cli import main

    _write(tmp_path / "a.md", "call.a", "2元/月")
    _write(tmp_path / "b.md", "call.b", "5元/月")
    _write(tmp_path / "c.md", "call.c", "2元/月")
    kb = load_kb(tmp_path)
    conflicts = key_fact_conflicts(kb)
    assert len(conflicts) == 1 and conflicts[0].severity == "warning"
    assert "来电提醒" in conflicts[0].message and "5元/月" in conflicts[0].message
    assert conflicts[0].line == 7  # the key_facts line of the file that disagrees
    main(["lint-kb", str(tmp_path)])
    assert "来电提醒" in capsys.readouterr().out


def test_a_broken_key_facts_block_is_reported_with_its_line(tmp_path):
    path = tmp_path / "x.md"
    text = "---\nid: a.b\ntitle: t\ncategory: 办理\nkey_facts: [1, 2]\n---\n正文\n"
    process, problems = parse_process(path, text)
    assert process is None and problems[0].line == 5 and "key_facts" in problems[0].message


def test_no_process_says_a_lone_invented_amount_as_policy(kb):
    """Local figures in key facts are either slots or explicitly marked as samples."""
    for process in kb:
        fee = process.key_facts.get("fee")
        for _name, value in fee.items:
            amounts = re.findall(r"\d+(?:\.\d+)?元", value)
            if amounts:
                assert "样例" in value or "【本地" in value, (process.id, value)


def test_phrases_that_restate_a_process_are_listed_and_contradictions_warned(tmp_path):
    """Issue 14 item 3: the old MMCZ phrase (space-separated, “to this number”) against
    password.reset's MMCZ#证件号码#新密码#新密码 is a warning; an agreeing phrase is a note."""
    from agent_assist.phrases.fact_review import phrase_fact_review

    (tmp_path / "password.reset.md").write_text(
        "---\nid: password.reset\ntitle: 服务密码重置\ncategory: 办理\n---\n"
        "## 步骤\n1. 本机发送“MMCZ#证件号码#新密码#新密码”到10086，3个工作日内无效的重发。\n",
        encoding="utf-8",
    )
    (tmp_path / "phrases.yaml").write_text(
        "phrases:\n"
        "  - id: identity.old\n    process: password.reset\n    trigger: a\n"
        "    text: 发送短信“MMCZ 身份证号 新密码”到本号码重置\n"
        "  - id: identity.new\n    process: password.reset\n    trigger: b\n"
        "    text: 编辑短信“MMCZ#证件号码#新密码#新密码”发送到10086\n"
        "  - id: password.reset.time\n    trigger: c\n    text: 重置后5个工作日生效\n"
        "  - id: plain.one\n    trigger: d\n    text: 您好\n",
        encoding="utf-8",
    )
    found = {(p.line, p.severity): p.message for p in phrase_fact_review(load_kb(tmp_path))}
    assert "MMCZ 身份证号 新密码" in found[(2, "warning")]
    assert found[(6, "info")].startswith("phrase identity.new restates facts of password.reset")
    assert "5个工作日" in found[(10, "warning")]  # named by its id, not by a field
    assert len(found) == 3


def test_lint_kb_lists_notes_without_counting_them_as_warnings(capsys):
    from agent_assist.cli import main

    assert main(["lint-kb", str(SAMPLE)]) == 0
    captured = capsys.readouterr()
    assert "0 errors, 0 warnings" in captured.err and "for review" in captured.err
    assert "info: phrase identity.forgot-password restates facts of password.reset" in captured.out
