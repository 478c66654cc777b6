"""Lint of broken scripts and of processes naming scripts; the lint-kb command reports them."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

from agent_assist.cli import main
from agent_assist.knowledge import load_kb
from agent_assist.scripts import lint_kb_scripts, lint_scripts_folder, script_phrases_path

REPO = Path(__file__).resolve().parent.parent

GOOD = """\
id: ok
title: 好
stages:
  - id: a
    title: 甲
    steps:
      - id: s1
        title: 一
        say: [greet.open]
        next: s2
      - id: s2
        title: 二
        end: true
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def messages(problems):
    return [(p.path.name, p.line, p.message) for p in problems]


def test_good_script_is_clean(tmp_path):
    write(tmp_path, "ok.yaml", GOOD)
    scripts, problems = lint_scripts_folder(tmp_path, {"greet.open"})
    assert list(scripts) == ["ok"] and problems == []


def test_yaml_error_has_path_and_line(tmp_path):
    write(
        tmp_path,
        "bad.yaml",
        "id: bad\ntitle: 坏\nstages:\n  - id: a\n    title: [unclosed\n    steps: []\n",
    )
    _, problems = lint_scripts_folder(tmp_path)
    assert len(problems) == 1
    assert problems[0].path.name == "bad.yaml" and problems[0].line in (5, 6)
    assert str(problems[0]).startswith(str(tmp_path / "bad.yaml") + ":")


def test_unreachable_dangling_unknown_phrase_and_dead_end(tmp_path):
    write(
        tmp_path,
        "broken.yaml",
        """\
        id: broken
        title: 坏
        stages:
          - id: a
            title: 甲
            steps:
              - id: s1
                title: 一
                say: [greet.open, no.such.phrase]
                branches:
                  - {label: 去二, goto: s2}
                  - {label: 去不存在, goto: ghost}
              - id: s2
                title: 二
                end: true
              - id: island
                title: 孤岛
                end: true
              - id: stuck
                title: 死路
        """,
    )
    _, problems = lint_scripts_folder(tmp_path, {"greet.open"})
    found = messages(problems)
    assert ("broken.yaml", 12, "step s1: branch '去不存在' goes to unknown step 'ghost'") in found
    assert any(line == 7 and "unknown phrase id 'no.such.phrase'" in m for _, line, m in found)
    assert any(line == 16 and "step island: unreachable" in m for _, line, m in found)
    assert any(line == 19 and "step stuck: dead end" in m for _, line, m in found)


def test_loop_without_limit_and_bad_limits(tmp_path):
    write(
        tmp_path,
        "loop.yaml",
        """\
        id: loop
        title: 循环
        stages:
          - id: a
            title: 甲
            steps:
              - id: ask
                title: 问
                branches:
                  - {label: 坚持, goto: insist}
                  - {label: 好, goto: end}
              - id: insist
                title: 坚持
                branches:
                  - {label: 再问, goto: ask}
              - id: self
                title: 自循环
                branches:
                  - {label: 再来, goto: self}
                  - {label: 结束, goto: end}
                repeat: {max: 0, then: nowhere}
        """,
    )
    _, problems = lint_scripts_folder(tmp_path)
    found = [m for _, _, m in messages(problems)]
    assert any("loop without a limit: ask → insist → ask" in m for m in found)
    assert any("repeat max must be 1-20" in m for m in found)
    assert any("repeat then goes to unknown step 'nowhere'" in m for m in found)
    assert not any("loop without a limit: self" in m for m in found)  # it has a repeat


def test_too_many_branches_for_number_keys(tmp_path):
    branches = "".join(f"          - {{label: 选{i}, goto: end}}\n" for i in range(10))
    write(
        tmp_path,
        "many.yaml",
        "id: many\ntitle: 多\nstages:\n  - id: a\n    title: 甲\n    steps:\n"
        "      - id: s\n        title: 一\n        branches:\n"
        + branches.replace("          -", "          -"),
    )
    _, problems = lint_scripts_folder(tmp_path)
    assert any("10 branches; at most 9" in p.message for p in problems)


def test_kb_lint_checks_process_script_references(tmp_path):
    kb_dir = tmp_path / "kb"
    write(kb_dir / "scripts", "ok.yaml", GOOD)
    write(
        kb_dir / "processes",
        "a.md",
        """\
        ---
        id: a.one
        title: 一
        category: 投诉
        script: ok
        ---
        ## 步骤
        1. 做
        """,
    )
    write(
        kb_dir / "processes",
        "b.md",
        """\
        ---
        id: b.two
        title: 二
        category: 投诉
        script: not-a-script
        ---
        ## 步骤
        1. 做
        """,
    )
    problems = lint_kb_scripts(load_kb(kb_dir))
    bad = [p for p in problems if p.severity == "error"]
    assert len(bad) == 1
    assert bad[0].path.name == "b.md" and bad[0].line == 5
    assert "script 'not-a-script' does not exist" in bad[0].message


def test_lint_kb_command_fails_on_a_broken_script(tmp_path, capsys):
    kb_dir = tmp_path / "kb"
    shutil.copytree(REPO / "knowledge" / "scripts", kb_dir / "scripts")
    write(
        kb_dir / "scripts",
        "zz.yaml",
        GOOD.replace("id: ok", "id: zz").replace("next: s2", "next: s3"),
    )
    rc = main(["lint-kb", str(kb_dir)])
    out = capsys.readouterr().out
    assert rc == 1
    assert f"{kb_dir / 'scripts' / 'zz.yaml'}:" in out and "unknown step 's3'" in out


def test_shipped_kb_scripts_and_references_lint_clean():
    problems = lint_kb_scripts(load_kb(REPO / "knowledge"))
    assert [str(p) for p in problems if "script" in p.message or p.path.suffix == ".yaml"] == []


CENTRE_PHRASES = """\
phrases:
  - id: centre.hello
    trigger: nh
    text: 您好，这里是本中心，请问有什么可以帮您？
    tags: {stage: greeting}
  - id: centre.refuse
    trigger: bn
    text: 我不能帮您办理这个业务。
    tags: {stage: explain}
"""


def test_shipped_scripts_resolve_phrases_in_the_shipped_library(tmp_path):
    """A centre with its own phrases.yaml but no scripts/ gets the shipped scripts; their phrase
    ids are the shipped library's, so the centre's phrases must not turn them into errors."""
    kb_dir = tmp_path / "kb"
    write(kb_dir, "phrases.yaml", CENTRE_PHRASES)
    kb = load_kb(kb_dir)
    assert script_phrases_path(kb) == REPO / "knowledge" / "phrases.yaml"
    problems = lint_kb_scripts(kb)
    assert [str(p) for p in problems if "unknown phrase id" in p.message] == []
    # the centre's own phrases are still tone-checked
    assert any("phrase centre.refuse: tone" in p.message for p in problems)


def test_own_scripts_resolve_phrases_in_the_own_library(tmp_path):
    kb_dir = tmp_path / "kb"
    write(kb_dir, "phrases.yaml", CENTRE_PHRASES)
    write(
        kb_dir / "scripts", "ok.yaml", GOOD
    )  # says greet.open: a shipped id, not one of this centre's
    kb = load_kb(kb_dir)
    assert script_phrases_path(kb) == kb_dir / "phrases.yaml"
    problems = lint_kb_scripts(kb)
    assert [p.message for p in problems if "unknown phrase id" in p.message] == [
        "step s1: unknown phrase id 'greet.open' (not in phrases.yaml)"
    ]
    write(kb_dir / "scripts", "ok.yaml", GOOD.replace("greet.open", "centre.hello"))
    assert [p for p in lint_kb_scripts(load_kb(kb_dir)) if "unknown phrase id" in p.message] == []


def test_phrases_are_tone_checked_with_shipped_rules_when_own_rules_break(tmp_path):
    kb_dir = tmp_path / "kb"
    write(kb_dir, "phrases.yaml", CENTRE_PHRASES)
    write(kb_dir, "tone_rules.yaml", "rules:\n  - id: x\n    patterns: [unclosed\n")
    problems = lint_kb_scripts(load_kb(kb_dir))
    rules_problems = [p for p in problems if p.path.name == "tone_rules.yaml"]
    assert any(p.severity == "error" and "bad YAML" in p.message for p in rules_problems)
    assert any("checked with the shipped rules" in p.message for p in rules_problems)
    tone = [p for p in problems if "tone:" in p.message]
    assert [p.message.split(":")[0] for p in tone] == ["phrase centre.refuse"]
    assert tone[0].line == 6  # the "- id: centre.refuse" line


def test_problems_come_file_by_file_in_file_order(tmp_path):
    """The lint loads the folder as the app does (load_scripts) and lists each file's problems
    together, in file order: a.yaml's unknown phrase, then b.yaml's duplicate id, then c.yaml's
    YAML error."""
    write(tmp_path, "a.yaml", GOOD)
    write(tmp_path, "b.yaml", GOOD)
    write(tmp_path, "c.yaml", "id: bad\ntitle: 坏\nstages:\n  - id: a\n    title: [unclosed\n")
    scripts, problems = lint_scripts_folder(tmp_path, set())  # greet.open is unknown here
    assert list(scripts) == ["ok"]
    names = [p.path.name for p in problems]
    assert names == sorted(names) and set(names) == {"a.yaml", "b.yaml", "c.yaml"}, names
    assert any("greet.open" in p.message for p in problems if p.path.name == "a.yaml")
    assert any("duplicate script id 'ok'" in p.message for p in problems if p.path.name == "b.yaml")
