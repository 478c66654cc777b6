"""The shipped reason codes and the loader's messages for a broken file."""

from __future__ import annotations

from agent_assist.knowledge import load_kb
from agent_assist.notes import load_reason_codes, reason_codes_for


def test_shipped_codes_are_about_twenty_numbered_with_examples():
    book = reason_codes_for()
    assert book.problems == []
    assert 18 <= len(book) <= 25
    numbers = [c.number for c in book]
    assert numbers == list(range(1, len(book) + 1))
    for code in book:
        assert code.name and code.examples, code


def test_parse_keeps_typing_order_and_reports_unknown_tokens():
    book = reason_codes_for()
    assert book.parse("3 12，3、7") == ([3, 12, 7], [])
    assert book.parse(" 3  x 99 ") == ([3], ["x", "99"])
    assert book.parse("") == ([], [])


def test_broken_entries_are_reported_with_line_and_the_rest_loads(tmp_path):
    path = tmp_path / "reason_codes.yaml"
    path.write_text(
        "codes:\n"
        "  - number: 1\n    name: 话费扣多了\n"
        "  - number: 1\n    name: 重复的\n"
        "  - number: x\n    name: 坏编号\n"
        "  - number: 4\n    name: ''\n"
        "  - number: 5\n    name: 信号差\n    examples: 家里没信号\n",
        encoding="utf-8",
    )
    book = load_reason_codes(path)
    assert sorted(book.codes) == [1, 5]
    assert book.get(5).examples == ("家里没信号",)
    messages = [str(p) for p in book.problems]
    assert any(":4: 代码编号 1 重复" in m for m in messages), messages
    assert any(":6: number 应为正整数" in m for m in messages), messages
    assert any(":8: 代码 4 缺少 name" in m for m in messages), messages


def test_kb_folder_without_codes_falls_back_to_shipped(tmp_path):
    kb = load_kb(tmp_path)
    assert len(reason_codes_for(kb)) == len(reason_codes_for())
    (tmp_path / "reason_codes.yaml").write_text(
        "codes:\n  - number: 1\n    name: 只有一个\n", encoding="utf-8"
    )
    assert [c.name for c in reason_codes_for(tmp_path)] == ["只有一个"]
    assert len(load_reason_codes(tmp_path / "missing.yaml")) == 0
