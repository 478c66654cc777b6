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


def test_gapped_members_are_found_where_the_regular_expression_finds_them():
    """The plain-Python matcher replaced ``c1[F]?c2[F]?…cn`` regular expressions (compiling
    one per member cost ~1 ms on the first query near it): same places on every text."""
    import random
    import re

    from agent_assist.search.expansion import FILLERS, _find

    def by_regex(member: str, text: str) -> tuple[int, int] | None:
        at = text.find(member)
        if at >= 0:
            return at, at + len(member)
        if len(member) < 3 or member[0] not in text:
            return None
        filler = "[" + re.escape(FILLERS) + "]?"
        m = re.compile(filler.join(re.escape(c) for c in member)).search(text)
        return (m.start(), m.end()) if m else None

    rng = random.Random(13)
    alphabet = "宽带换地址个了一下的"  # members may hold fillers themselves (换一下, 下单)
    cases = [
        ("宽带换地址", "宽带换个地址"),
        ("充值未到账", "充值了未到账了"),
        ("换一下", "换一一下"),
    ]
    for _ in range(3000):
        member = "".join(rng.choice(alphabet) for _ in range(rng.randint(2, 5)))
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        cases.append((member, text))
    for member, text in cases:
        assert _find(member, text) == by_regex(member, text), (member, text)


def test_groups_are_looked_at_only_when_a_member_could_be_in_the_query():
    from agent_assist.search.expansion import _groups_by_first_char

    index = _groups_by_first_char(GROUPS)
    assert index["宽"] == (0,) and index["充"] == (1,) and index["掉"] == (2,)
    assert _others("家里断网了") == {"掉线", "没网"}
