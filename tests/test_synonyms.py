"""Synonyms (issue 13 item 3): the shipped file, lint problems as path:line, the fallback, and
query-time use weighted below the words the agent typed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from agent_assist.cli import main
from agent_assist.knowledge.synonyms import load_synonyms, synonyms_for
from agent_assist.search import Searcher

REPO = Path(__file__).resolve().parent.parent


def test_shipped_file_is_clean_and_large_enough():
    book = load_synonyms(REPO / "knowledge" / "synonyms.yaml")
    assert book.problems == []
    assert len(book) >= 150
    members = book.members()
    assert members["掉线"] == members["网断了"] == members["连不上"]


def test_bad_entries_are_reported_at_their_line_and_the_rest_loads(tmp_path):
    path = tmp_path / "synonyms.yaml"
    path.write_text(
        "groups:\n"
        "  - [掉线, 断网]\n"
        "  - 42\n"
        "  - [网, 宽带坏了]\n"
        "  - [断网, 连不上]\n"
        "  - [拉黑, 黑名单]\n",
        encoding="utf-8",
    )
    book = load_synonyms(path)
    found = {(p.line, p.severity) for p in book.problems}
    assert (3, "error") in found  # not a list
    assert (4, "warning") in found  # 网 too short; the group is left with one word
    assert (5, "warning") in found  # 断网 already on line 2
    assert ("掉线", "断网") in book.groups and ("拉黑", "黑名单") in book.groups
    assert all(str(p).startswith(f"{path}:") for p in book.problems)


@pytest.mark.parametrize(
    "text",
    ["groups: [掉线, 断网\n", "a: &x [1]\nb: *x\n", "- [掉线, 断网]\n", "", "groups:\n  - 42\n"],
)
def test_unusable_file_falls_back_to_the_shipped_one(tmp_path, text):
    (tmp_path / "synonyms.yaml").write_text(text, encoding="utf-8")
    book = synonyms_for(tmp_path)
    assert len(book) >= 150  # the shipped groups
    assert book.problems and book.problems[-1].severity == "warning"
    assert "shipped" in book.problems[-1].message


def test_lint_kb_shows_synonym_problems(tmp_path, capsys):
    kb = tmp_path / "kb"
    shutil.copytree(REPO / "knowledge", kb)
    (kb / "synonyms.yaml").write_text("groups:\n  - [掉线, 断网]\n  - [断网, 网断了]\n")
    main(["lint-kb", str(kb)])
    out = capsys.readouterr()
    assert f"{kb / 'synonyms.yaml'}:3:" in out.out + out.err


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    import os

    old = os.environ.get("AGENT_ASSIST_DATA_DIR")
    os.environ["AGENT_ASSIST_DATA_DIR"] = str(tmp_path_factory.mktemp("syn-data"))
    kb = tmp_path_factory.mktemp("syn-kb")
    proc = kb / "processes"
    proc.mkdir()
    (proc / "a.md").write_text(
        "---\nid: fault\ntitle: 宽带故障报修\ncategory: 投诉\nkeywords: [断网, 报修]\n---\n正文\n",
        encoding="utf-8",
    )
    (proc / "b.md").write_text(
        "---\nid: typed\ntitle: 宽带连不上的自助排查\ncategory: 咨询\nkeywords: [连不上]\n---\n正文\n",
        encoding="utf-8",
    )
    (kb / "synonyms.yaml").write_text("groups:\n  - [断网, 连不上, 网断了]\n", encoding="utf-8")
    try:
        s = Searcher.open(kb)
    finally:
        if old is not None:
            os.environ["AGENT_ASSIST_DATA_DIR"] = old
    yield s
    s.close()


def test_a_synonym_finds_the_process(searcher):
    ids = [h.id for h in searcher.search("家里网断了", limit=5)]
    assert ids and ids[0] in {"fault", "typed"} and {"fault", "typed"} <= set(ids)


def test_typed_words_rank_above_synonyms(searcher):
    hits = searcher.search("连不上", limit=5)
    assert [h.id for h in hits][:2] == ["typed", "fault"], hits
    hits = searcher.search("断网", limit=5)
    assert [h.id for h in hits][:2] == ["fault", "typed"], hits
