from agent_assist.releases import diff_lines, inline_diff, to_html, to_text
from agent_assist.releases.diff import changes_only, summary


def test_changed_characters_inside_a_chinese_line():
    old, new = inline_diff("告知客户3个工作日内生效。", "告知客户5个工作日内生效。")
    assert [s.text for s in old if s.changed] == ["3"]
    assert [s.text for s in new if s.changed] == ["5"]
    assert "".join(s.text for s in new) == "告知客户5个工作日内生效。"


def test_numbers_change_as_a_whole_not_digit_by_digit():
    old, new = inline_diff("违约金100元", "违约金120元")
    assert [s.text for s in old if s.changed] == ["100"]
    assert [s.text for s in new if s.changed] == ["120"]


def test_lines_added_removed_and_changed():
    a = "第一行\n第二步：核验身份\n第三行\n要删除的行"
    b = "第一行\n第二步：核验身份证件\n第三行\n新增一行说明"
    lines = diff_lines(a, b)
    kinds = [line.kind for line in lines]
    assert kinds.count("same") == 2
    assert "change" in kinds
    assert summary(lines)["change"] >= 1
    text = to_text(lines)
    assert "{+证件+}" in text
    html = to_html(lines, labels=("旧：", "新："))
    assert "证件" in html and "line-through" in html


def test_unrelated_lines_show_as_delete_and_add():
    lines = diff_lines("办理携号转网", "查询积分余额并兑换")
    assert [line.kind for line in lines] == ["del", "add"]


def test_identical_texts_have_no_changes():
    lines = diff_lines("一\n二", "一\n二")
    assert changes_only(lines) == []
    assert to_text(lines) == ""
