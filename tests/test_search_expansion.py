"""Synonym expansion at query time: which groups a customer's wording triggers."""

from __future__ import annotations

from agent_assist.search import parse_query
from agent_assist.search.expansion import expand

GROUPS = (
    ("宽带移机", "搬家宽带", "宽带换地址"),
    ("充值未到账", "缴费未到账", "充值没到账"),
    ("掉线", "断网", "没网"),
)


def _words(name: str) -> frozenset[str]:
    return frozenset(parse_query(name).words)


def _others(query: str) -> set[str]:
    exp = expand(parse_query(query), GROUPS, _words)
    return {m for _, others in exp.concepts for m in others}


def test_member_said_as_written_triggers_its_group():
    assert "宽带移机" in _others("宽带换地址要多少钱")


def test_a_filler_inside_a_member_still_triggers_its_group():
    # customers slip 个 / 了 into the KB owners' phrase: 换个地址, 充值了没到账
    assert "宽带移机" in _others("宽带换个地址要多少钱")
    assert "缴费未到账" in _others("充值了没到账怎么办")


def test_other_characters_inside_a_member_do_not_trigger_it():
    assert not _others("宽带换新的大地址")  # more than one filler, and not only fillers
    assert not _others("没了网")  # two-character members only as written
    assert not _others("宽带换成别的地址")


def test_the_longest_member_wins_where_two_groups_overlap():
    groups = (("显示骚扰电话", "号码被标记"), ("骚扰电话", "推销电话"))
    exp = expand(parse_query("我打电话别人那边显示骚扰电话"), groups, _words)
    assert [others for _, others in exp.concepts] == [("号码被标记",)]
    # where the shorter member stands on its own, its group still counts
    exp = expand(parse_query("天天接到骚扰电话"), groups, _words)
    assert [others for _, others in exp.concepts] == [("推销电话",)]


def test_a_keyword_inside_a_longer_synonym_is_not_an_exact_match():
    from agent_assist.search.rerank import key_match

    groups = (("显示骚扰电话", "号码被标记"), ("骚扰电话", "推销电话"))
    query = "我打电话别人那边显示骚扰电话"
    exp = expand(parse_query(query), groups, _words)
    assert key_match(query, ["骚扰电话"]) == 0.5  # contained, as far as the text goes
    assert key_match(query, ["骚扰电话"], exp) == 0.0  # but the customer said 显示骚扰电话
    other = "天天接到骚扰电话"
    assert key_match(other, ["骚扰电话"], expand(parse_query(other), groups, _words)) == 0.5
