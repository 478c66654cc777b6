"""Loader and validator: every problem is reported as path:line and the rest still loads."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent_assist.cli import main
from agent_assist.knowledge import load_kb

GOOD = """---
id: {id}
title: {title}
category: 办理
summary: 一句话
keywords: [甲, 乙]
customer_phrases: [我想办, 怎么办理, 帮我弄一下]
related: [{related}]
updated: 2026-10-01
---
## 步骤
1. 第一步
2. 第二步
   接着第二步
3. 第三步
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def kb_dir(tmp_path: Path) -> Path:
    write(tmp_path, "a/one.md", GOOD.format(id="x.one", title="第一个", related="x.two"))
    write(tmp_path, "b/two.md", GOOD.format(id="x.two", title="第二个", related="x.one"))
    write(tmp_path, "README.md", "# 这是说明，不是流程\n")
    return tmp_path


def test_clean_folder_loads_everything(kb_dir):
    kb = load_kb(kb_dir)
    assert sorted(kb.processes) == ["x.one", "x.two"]
    assert kb.problems == []
    one = kb.get("x.one")
    assert one.keywords == ("甲", "乙")
    assert one.steps == ["第一步", "第二步 接着第二步", "第三步"]
    assert one.updated == "2026-10-01"
    assert one.content_hash


@pytest.mark.parametrize(
    "text, line, fragment",
    [
        ("---\nid: x.bad\ntitle: [未闭合\ncategory: 办理\n---\n", 3, "bad YAML"),
        ("---\ntitle: 无编号\ncategory: 办理\n---\n", 1, "missing id"),
        ("---\nid: X_Bad\ntitle: 大写\ncategory: 办理\n---\n", 2, "bad id"),
        ("---\nid: x.cat\ntitle: 类别\ncategory: 其他\n---\n", 4, "unknown category"),
        ("---\nid: x.empty\ntitle: ''\ncategory: 办理\n---\n", 3, "empty title"),
        ("---\nid: x.open\ntitle: 没有结束\ncategory: 办理\n", 1, "not closed"),
        (
            "---\nid: x.kw\ntitle: 关键词\ncategory: 办理\nkeywords: {a: 1}\n---\n",
            5,
            "keywords must be a list",
        ),
    ],
)
def test_broken_file_is_reported_and_skipped(kb_dir, text, line, fragment):
    bad = write(kb_dir, "c/bad.md", text)
    kb = load_kb(kb_dir)
    assert "x.one" in kb and "x.two" in kb  # the rest still loads
    messages = [p for p in kb.problems if p.path == bad]
    assert messages, kb.problems
    assert messages[0].line == line
    assert fragment in messages[0].message
    assert str(messages[0]).startswith(f"{bad}:{line}: ")


def test_duplicate_id_keeps_first_and_reports_second(kb_dir):
    dup = write(kb_dir, "z/dup.md", GOOD.format(id="x.one", title="重复", related="x.two"))
    kb = load_kb(kb_dir)
    assert kb.get("x.one").title == "第一个"
    (problem,) = [p for p in kb.problems if p.path == dup]
    assert "duplicate id 'x.one'" in problem.message and problem.line == 2


def test_dangling_related_is_an_error_but_process_loads(kb_dir):
    path = write(
        kb_dir, "a/three.md", GOOD.format(id="x.three", title="第三个", related="x.nowhere")
    )
    kb = load_kb(kb_dir)
    assert "x.three" in kb
    (problem,) = [p for p in kb.problems if p.path == path]
    assert "x.nowhere" in problem.message and problem.line == 8


def test_non_utf8_file_is_reported(kb_dir):
    path = kb_dir / "gbk.md"
    path.write_bytes("---\nid: x.gbk\ntitle: 编码\ncategory: 办理\n---\n".encode("gbk"))
    kb = load_kb(kb_dir)
    assert any(p.path == path and "UTF-8" in p.message for p in kb.problems)


def test_lint_kb_exit_codes(kb_dir, capsys):
    assert main(["lint-kb", str(kb_dir)]) == 0
    write(kb_dir, "c/bad.md", "---\nid: x.cat\ntitle: 类别\ncategory: 其他\n---\n")
    assert main(["lint-kb", str(kb_dir)]) == 1
    out = capsys.readouterr().out
    assert f"{kb_dir / 'c/bad.md'}:4: unknown category" in out


def test_shipped_knowledge_base_is_clean(sample_kb_dir, capsys):
    kb = load_kb(sample_kb_dir)
    assert kb.errors == [], [str(p) for p in kb.errors]
    assert len(kb) >= 60
    assert main(["lint-kb", str(sample_kb_dir)]) == 0, capsys.readouterr().out


REQUIRED = {
    "查询": "billing.balance billing.detail data.usage points.redeem plan.subscribed",
    "办理": "plan.change data.addon vas.unsubscribe sim.replace number.loss-report number.resume number.port-out "
    "account.close account.realname roaming.international invoice.issue payment.not-credited broadband.install "
    "broadband.relocate password.reset family.member",
    "咨询": "plan.5g device.contract promo.current coverage.query",
    "投诉": "complaint.billing-dispute complaint.unauthorized-vas complaint.broadband-fault complaint.weak-signal "
    "complaint.staff-attitude complaint.spam complaint.repeat complaint.regulator-threat complaint.refund "
    "complaint.fraud-report",
}


def test_shipped_kb_has_required_processes_usable_mid_call(sample_kb_dir):
    kb = load_kb(sample_kb_dir)
    for category, ids in REQUIRED.items():
        for pid in ids.split():
            p = kb.get(pid)
            assert p is not None, pid
            assert p.category == category, pid
            assert p.summary and len(p.customer_phrases) >= 3 and p.keywords, pid
            assert len(p.steps) >= 4, pid
            assert p.section("常见追问"), pid
    phrases = [x for p in kb for x in p.customer_phrases]
    assert len(phrases) == len(set(phrases)), "customer phrases repeat across processes"


# --- content warnings (lint-kb): the file loads, but agents would miss something -------------
def test_content_warnings_are_empty_for_a_complete_process(kb_dir):
    from agent_assist.knowledge import content_warnings

    assert content_warnings(load_kb(kb_dir)) == []


def test_shipped_kb_has_no_content_warnings(sample_kb_dir):
    from agent_assist.knowledge import content_warnings

    assert [str(p) for p in content_warnings(load_kb(sample_kb_dir))] == []


THIN = """---
id: x.thin
title: 单薄的流程
category: 咨询
customer_phrases: [就一句]
---
先核实身份。

## 步骤
先查询，再答复。
1）这不是被识别的编号
"""


def test_thin_process_gets_warnings_with_lines_and_still_loads(kb_dir):
    from agent_assist.knowledge import content_warnings

    path = write(kb_dir, "c/thin.md", THIN)
    kb = load_kb(kb_dir)
    assert "x.thin" in kb and kb.problems == []  # warnings are not load problems
    found = {(p.line, p.message.split(":")[0]): p for p in content_warnings(kb) if p.path == path}
    assert set(found) == {
        (3, "missing summary"),
        (5, "1 customer_phrases (at least 3)"),
        (9, "section '步骤' has no numbered steps"),
    }
    assert all(p.severity == "warning" for p in found.values())
    assert "'1）这不是被识别的编号'" in found[(9, "section '步骤' has no numbered steps")].message


def test_no_steps_section_and_no_phrases(kb_dir):
    from agent_assist.knowledge import content_warnings

    path = write(
        kb_dir,
        "c/bare.md",
        "---\nid: x.bare\ntitle: 光秃秃\ncategory: 咨询\nsummary: 有一句\n---\n## 说明\n只有文字。\n",
    )
    messages = {(p.line, p.message) for p in content_warnings(load_kb(kb_dir)) if p.path == path}
    assert (
        3,
        "0 customer_phrases (at least 3): add how customers actually say it, so their own words find this process",
    ) in messages
    assert any(line == 7 and "no '## 步骤' section" in m for line, m in messages)


BODY = """---
id: x.refer
title: 引用其他流程
category: 投诉
summary: 一句话
customer_phrases: [甲, 乙, 丙]
---
## 步骤
1. 按 x.one 同时升级督办，再看x.two。
2. 客户提到 x.tow 时（写错了），或 x.nowhere.deep-link 也不存在。
3. 官网 www.10086.cn、文件 phrases.yaml、https://x.one.example/x.gone 不是流程编号。
"""


def test_body_mentions_of_unknown_ids_are_warned_with_their_line(kb_dir):
    from agent_assist.knowledge import content_warnings

    path = write(kb_dir, "c/refer.md", BODY)
    warned = [(p.line, p.message) for p in content_warnings(load_kb(kb_dir)) if p.path == path]
    assert warned == [
        (
            10,
            "mentions 'x.tow', which is not a process id in this knowledge base (did you mean 'x.two'?)",
        ),
        (10, "mentions 'x.nowhere.deep-link', which is not a process id in this knowledge base"),
    ]
    assert path.read_text(encoding="utf-8").splitlines()[9].startswith("2. 客户提到 x.tow")


def test_body_line_numbers_survive_bom_and_crlf(kb_dir):
    from agent_assist.knowledge import content_warnings

    path = kb_dir / "c/crlf.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\xef\xbb\xbf" + BODY.replace("\n", "\r\n").encode("utf-8"))
    assert [p.line for p in content_warnings(load_kb(kb_dir)) if p.path == path] == [10, 10]
