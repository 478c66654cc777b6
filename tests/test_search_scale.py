"""Relevance when a KB grows: thousands of imported articles beside the curated processes.

Imported articles usually have a title and a long body but no keywords, customer phrases or
summary. Their presence must not change how a curated process's own fields are weighed."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent_assist.search import Searcher

PROCESS = """---
id: {pid}
title: {title}
category: 咨询
summary: {summary}
keywords: [{keywords}]
customer_phrases: [{phrases}]
---
## 步骤
1. {body}
"""

ARTICLE = """---
id: {pid}
title: {title}
category: 咨询
---
## 步骤
{body}
"""


# ATEC-like customer questions about another product, sharing generic words with the queries
TITLES = [
    "花呗第{i}期还剩多少钱没还",
    "手机上的花呗{i}号连不上怎么办",
    "借呗额度{i}元不想用了怎么关",
    "为什么我家里的手机看不到第{i}期账单",
]


def _write_kb(root: Path, articles: int) -> Path:
    procs = root / "processes"
    (procs / "curated").mkdir(parents=True)
    (procs / "imported").mkdir(parents=True)
    curated = [
        (
            "billing.balance",
            "话费余额查询",
            "查余额与实时话费",
            "余额, 查话费, 剩余话费",
            "我还剩多少话费, 卡里还有多少钱",
            "核验身份后告知余额与本月已用。",
        ),
        (
            "broadband.fault",
            "宽带故障报修",
            "先远程排查再派单",
            "宽带报修, 断网, 掉线",
            "家里网断了, 宽带连不上",
            "远程检查光猫状态后派单上门。",
        ),
        (
            "number.port-out",
            "携号转网",
            "条件核验与授权码",
            "携转, 转网, 授权码",
            "号码要转到别家, 不想用你们的了",
            "核对在网条件，发送授权码。",
        ),
    ]
    for pid, title, summary, keywords, phrases, body in curated:
        (procs / "curated" / f"{pid}.md").write_text(
            PROCESS.format(
                pid=pid, title=title, summary=summary, keywords=keywords, phrases=phrases, body=body
            ),
            encoding="utf-8",
        )
    for i in range(articles):
        (procs / "imported" / f"a{i:04d}.md").write_text(
            ARTICLE.format(
                pid=f"imp.a{i:04d}",
                title=TITLES[i % len(TITLES)].format(i=i),
                body="\n".join(f"{n}. 打开手机查看账单，还款多少钱以页面为准。" for n in range(20)),
            ),
            encoding="utf-8",
        )
    return root


@pytest.fixture(scope="module")
def mixed(tmp_path_factory) -> Searcher:
    import os

    root = tmp_path_factory.mktemp("mixed-kb")
    kb = _write_kb(root / "kb", articles=120)
    old = os.environ.get("AGENT_ASSIST_DATA_DIR")
    os.environ["AGENT_ASSIST_DATA_DIR"] = str(root / "data")
    try:
        s = Searcher.open(kb)
    finally:
        if old is not None:
            os.environ["AGENT_ASSIST_DATA_DIR"] = old
    yield s
    s.close()


def test_mean_field_length_counts_only_documents_that_have_the_field(mixed):
    # 3 keyword lists among 123 documents: their mean length is that of the 3, not of 123
    sc = mixed._scorer
    lengths = [n for n in sc.lengths("kw") if n]
    assert len(lengths) == 3
    assert sc.avg_length("kw") == pytest.approx(sum(lengths) / 3)
    assert sc.avg_length("summary") == pytest.approx(
        sum(sc.lengths("summary")) / sum(1 for n in sc.lengths("summary") if n)
    )


@pytest.mark.parametrize(
    "query, expected",
    [
        ("我手机里还剩多少钱", "billing.balance"),  # the articles share 手机, 钱 in title and body
        ("家里网断了一直连不上", "broadband.fault"),
        ("不想用你们的了号码要转走", "number.port-out"),
    ],
)
def test_customer_phrase_beats_articles_sharing_generic_words(mixed, query, expected):
    ids = [h.id for h in mixed.search(query, limit=5)]
    assert ids[0] == expected, ids
