"""The shipped reason codes and the loader's messages for a broken file."""

from __future__ import annotations

from pathlib import Path

from agent_assist.knowledge import load_kb
from agent_assist.notes import load_reason_codes, reason_codes_for

SAMPLE = Path(__file__).resolve().parent.parent / "knowledge"


def test_shipped_codes_are_numbered_with_examples_and_processes():
    book = reason_codes_for()
    assert book.problems == []
    assert 30 <= len(book) <= 40
    numbers = [c.number for c in book]
    # every number ever used is either a current code or a retired one, never both, never reused
    assert sorted([*numbers, *book.legacy]) == list(range(1, max(numbers) + 1))
    kb = load_kb(SAMPLE)
    for code in book:
        assert code.name and code.examples, code
        assert all(pid in kb for pid in code.processes), code
        assert code.processes or code.name.startswith("其他"), code


def test_rebuilt_codes_fix_the_reverse_name_and_split_the_lumped_ones():
    book = reason_codes_for()
    names = {c.name for c in book}
    assert not any("换号不换运营商" in n for n in names)
    port = next(c for c in book if "携号转网" in c.name)
    assert {"number.port-out", "number.port-in"} <= set(port.processes)
    for wanted in (
        "信息泄露",
        "被骗",
        "关停",
        "验证码",
        "服务密码",
        "销户",
        "宽带新装",
        "升套餐",
        "营销",
        "表扬",
        "积分",
        "骚扰",
        "诈骗",
        "合约",
        "维修",
    ):
        assert any(wanted in n for n in names), wanted
    assert not any("说好回复" in n for n in names)  # a follow-up failure is a flag now
    assert book.legacy[18].now == () and book.legacy[18].flag


def test_parse_keeps_typing_order_and_reports_unknown_tokens():
    book = reason_codes_for()
    assert book.parse("3 23，3、7") == ([3, 23, 7], [])
    assert book.parse(" 3  x 99 ") == ([3], ["x", "99"])
    assert book.parse("") == ([], [])


def test_old_codes_still_read_and_map_to_the_new_ones():
    book = reason_codes_for()
    # 12 became exactly one code: typed over when an old note is amended, merged in reports
    assert book.canonical(12) == 23 and book.parse("12 3") == ([23, 3], [])
    assert book.parse("23 12") == ([23], [])
    # split or flagged ones cannot be guessed: the agent picks again, the old name still reads
    assert book.parse("15 19 18") == ([], ["15", "19", "18"])
    assert "骚扰电话/诈骗短信" in book.name(15) and "24 25" in book.name(15)
    assert "说好回复一直没回" in book.name(18) and "标记" in book.name(18)
    assert book.canonical(15) == 15 and book.canonical(3) == 3
    assert book.name(99) == "未知代码99"


def _store_filed_under(tmp_path, code_lists):
    """Notes stored as they were, under the codes of their day (retired ones included), one an
    hour from 2026-11-03 10:00."""
    import datetime as dt

    from agent_assist.notes import Note, NoteStore
    from agent_assist.storage import open_db

    store = NoteStore(open_db(tmp_path / "n.db"))
    start = dt.datetime(2026, 11, 3, 10, 0)
    for n, codes in enumerate(code_lists):
        store.add(
            Note(
                started_at=start + dt.timedelta(hours=n),
                ended_at=start + dt.timedelta(hours=n, minutes=4),
                agent_name="李娜",
                agent_no="A1",
                reason_text="客户想转到别家号码不变",
                reason_codes=codes,
                emotion_start="平静",
                emotion_end="平静",
                stage="受理",
                handling_minutes=4,
            )
        )
    return store


def test_reports_merge_notes_filed_under_a_retired_code(tmp_path):
    from agent_assist.notes import NoteFilter, handling_cost, pareto, repeat_calls

    book = reason_codes_for()
    store = _store_filed_under(tmp_path, [(12,), (12,), (23,), (15,), (3,)])
    rows = {r.code: (r.count, r.name) for r in pareto(store.db, NoteFilter(), book).rows}
    assert rows[23][0] == 3 and "携号转网" in rows[23][1]
    assert 12 not in rows
    assert rows[15][0] == 1 and "旧代码" in rows[15][1]
    assert {r.code for r in repeat_calls(store.db, NoteFilter(), book).by_code} == {23, 15, 3}
    cost = {r.code: r.calls for r in handling_cost(store.db, NoteFilter(), book, 1.0).rows}
    assert cost[23] == 3


def test_legacy_entries_are_checked(tmp_path):
    path = tmp_path / "reason_codes.yaml"
    path.write_text(
        "codes:\n  - number: 1\n    name: 话费\n  - number: 3\n    name: 流量\n"
        "legacy:\n"
        "  - {number: 1, name: 撞号, now: [3]}\n"
        "  - {number: 2, name: 旧的, now: [9]}\n"
        "  - {number: 4, name: 好的, now: [3]}\n",
        encoding="utf-8",
    )
    book = load_reason_codes(path)
    assert list(book.legacy) == [4] and book.canonical(4) == 3
    messages = [str(p) for p in book.problems]
    assert any(":7: legacy: 停用的编号 1" in m for m in messages), messages
    assert any(":8: legacy 2" in m and "[9]" in m for m in messages), messages


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


def test_a_parsed_file_is_reused_but_each_caller_gets_its_own_copy(tmp_path, monkeypatch):
    import agent_assist.notes.reason_codes as rc

    path = tmp_path / "reason_codes.yaml"
    path.write_text("codes:\n  - number: 1\n    name: 话费扣多了\n", encoding="utf-8")
    parsed = []
    real = rc._parse_reason_codes
    monkeypatch.setattr(rc, "_parse_reason_codes", lambda p: parsed.append(p) or real(p))
    first = rc.load_reason_codes(path)
    first.problems.append("mine")
    second = rc.load_reason_codes(path)
    assert len(parsed) == 1 and second.problems == [] and 1 in second
    path.write_text("codes:\n  - number: 2\n    name: 流量不够用\n", encoding="utf-8")
    import os

    os.utime(path, ns=(1, 1))  # a changed file is read again, whatever its timestamp
    third = rc.load_reason_codes(path)
    assert len(parsed) == 2 and 2 in third and 1 not in third


def test_the_numbers_a_code_is_filed_under():
    book = reason_codes_for()
    assert book.filed_under(23) == (12, 23)  # legacy: 12 → 23
    assert book.filed_under(12) == (12, 23)  # the retired number asks for the same notes
    assert book.filed_under(24) == (24,)  # 15 was split: it cannot be guessed
    assert book.filed_under(15) == (15,)
    assert book.filed_under(3) == (3,)


def test_filtering_by_a_code_finds_the_notes_filed_under_its_retired_number(tmp_path):
    """Issue 14: History and reports filtered by 23 include the old notes filed under 12."""
    from agent_assist.notes import NoteFilter, build_report, export_notes

    book = reason_codes_for()
    # two under retired 12 (now 23), one under 23, one under split 15, one under 3
    store = _store_filed_under(tmp_path, [(12,), (12, 3), (23,), (15,), (3,)])

    def codes_of(flt):
        return sorted(n.reason_codes for n in store.search(flt))

    # History (the store's search and count)
    by_23 = NoteFilter(code=23).with_codes(book)
    assert codes_of(by_23) == [(12,), (12, 3), (23,)]
    assert store.count(by_23) == 3
    assert codes_of(NoteFilter(code=12).with_codes(book)) == [(12,), (12, 3), (23,)]
    # a split code keeps only its own notes; other codes are untouched
    assert codes_of(NoteFilter(code=24).with_codes(book)) == []
    assert codes_of(NoteFilter(code=15).with_codes(book)) == [(15,)]
    assert codes_of(NoteFilter(code=3).with_codes(book)) == [(3,), (12, 3)]
    assert NoteFilter().with_codes(book) == NoteFilter()  # no code: nothing added
    # reports and exports take the book and apply it themselves
    report = build_report(store.db, NoteFilter(code=23), book)
    assert report.calls == 3
    assert {r.code: r.count for r in report.pareto.rows} == {23: 3, 3: 1}
    out = tmp_path / "23.csv"
    assert export_notes(store.db, out, "csv", book, NoteFilter(code=23)) == 3
