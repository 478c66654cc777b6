"""Item 1: one bad value in one file is that file's ``path:line: message``; the rest loads.

A broken side file (phrases, tone rules, reason codes, a script) falls back to the shipped one
with a visible warning, and no command prints a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent_assist.knowledge import load_kb
from tests.hostile.conftest import TITLES, assert_clean, run_cli, write_process

BAD_VALUES = {
    "feb30": ("updated", "2026-02-30"),
    "month13": ("updated", "2026-13-45"),
    "int_tag": ("title", "!!int abc"),
    "float_tag": ("title", "!!float abc"),
    "timestamp_tag": ("updated", "!!timestamp yesterday"),
    "binary_tag": ("summary", '!!binary "@@@"'),
    "python_tag": ("title", "!!python/object/apply:os.system [echo]"),
    "set_tag": ("keywords", "!!set {a: 1}"),
    "omap_tag": ("summary", "!!omap [1, 2]"),
    "deep_nesting": ("keywords", "[" * 3000 + "]" * 3000),
    "mapping_key": ("keywords", "{[a]: b}"),
}


@pytest.mark.parametrize("case", sorted(BAD_VALUES))
def test_bad_value_is_one_problem_and_the_rest_loads(kb: Path, case: str):
    key, value = BAD_VALUES[case]
    bad = write_process(kb / "processes", "demo.bad", "坏文件", **{key: value})
    loaded = load_kb(kb)
    assert set(TITLES) <= set(loaded.processes)
    mine = [p for p in loaded.problems if p.path == bad]
    if "demo.bad" not in loaded.processes:  # refused: an error that says where
        assert any(p.severity == "error" for p in mine), loaded.problems
    assert all(p.line >= 1 for p in mine)
    if key == "updated" and case in ("feb30", "month13"):
        # an impossible date is a warning on its line; the process itself is fine
        assert "demo.bad" in loaded.processes
        assert [p.line for p in mine if "date" in p.message] == [bad_line(bad, "updated")]


def bad_line(path: Path, key: str) -> int:
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith(key + ":"):
            return n
    raise AssertionError(key)


def test_commands_survive_bad_values(kb: Path, tmp_path: Path):
    write_process(kb / "processes", "demo.feb", "坏日期", updated="2026-02-30")
    bad = write_process(kb / "processes", "demo.tag", "坏标签", title="!!int abc")
    data = tmp_path / "data"
    lint = run_cli("lint-kb", str(kb), data_dir=data)
    assert_clean(lint)
    assert f"{bad}:{bad_line(bad, 'title')}: bad YAML" in lint.stdout, lint.stdout
    index = run_cli("index", "--kb", str(kb), data_dir=data)
    assert_clean(index)
    search = run_cli("search", "--kb", str(kb), "--json", "停机保号", data_dir=data)
    assert_clean(search)
    assert "demo.alpha" in search.stdout


SIDE_FILES = {
    "phrases.yaml": "phrases:\n  - id: greet.x\n    trigger: nh\n    text: !!int abc\n",
    "tone_rules.yaml": "rules:\n  - id: r1\n    category: x\n    message: !!int abc\n",
    "reason_codes.yaml": "codes:\n  - number: !!int abc\n    name: 坏\n",
    "scripts/bad.yaml": "id: bad\ntitle: !!float x\nstages: []\n",
}


@pytest.mark.parametrize("case", sorted(SIDE_FILES))
def test_broken_side_file_is_reported_by_lint_kb(kb: Path, tmp_path: Path, case: str):
    target = kb / case
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(SIDE_FILES[case], encoding="utf-8")
    lint = run_cli("lint-kb", str(kb), data_dir=tmp_path / "data", timeout=60)
    assert_clean(lint)
    assert f"{target}:" in lint.stdout, lint.stdout


def test_broken_side_files_fall_back_to_shipped_with_a_warning(kb: Path):
    from agent_assist.health import resource_problems
    from agent_assist.notes import reason_codes_for
    from agent_assist.phrases import PhraseLibrary, load_tone_checker

    (kb / "phrases.yaml").write_text(SIDE_FILES["phrases.yaml"], encoding="utf-8")
    (kb / "tone_rules.yaml").write_text(SIDE_FILES["tone_rules.yaml"], encoding="utf-8")
    (kb / "reason_codes.yaml").write_text(SIDE_FILES["reason_codes.yaml"], encoding="utf-8")
    loaded = load_kb(kb)
    assert len(PhraseLibrary.load(kb=loaded, build=False)) > 10  # the shipped phrases
    assert len(reason_codes_for(loaded)) > 5  # the shipped codes
    assert load_tone_checker(loaded).check("这个不归我们管")  # the shipped rules
    problems = resource_problems(loaded)
    for name in ("phrases.yaml", "tone_rules.yaml", "reason_codes.yaml"):
        mine = [p for p in problems if p.path == kb / name]
        assert any(p.severity == "error" for p in mine), (name, problems)
        assert any("shipped" in p.message for p in mine), (name, problems)


def test_date_like_values_in_side_files_are_plain_text(kb: Path):
    """``2026-02-30`` is text in a phrase or a code name, not a date PyYAML fails to build."""
    from agent_assist.notes import reason_codes_for
    from agent_assist.phrases import load_phrases

    (kb / "phrases.yaml").write_text(
        "phrases:\n  - id: greet.x\n    trigger: nh\n    text: 2026-02-30\n", encoding="utf-8"
    )
    (kb / "reason_codes.yaml").write_text(
        "codes:\n  - number: 1\n    name: 2026-13-45\n", encoding="utf-8"
    )
    phrases, problems = load_phrases(kb / "phrases.yaml")
    assert [p.text for p in phrases] == ["2026-02-30"] and not problems
    assert reason_codes_for(kb).name(1) == "2026-13-45"


@pytest.mark.parametrize("command", ["lint_kb", "index", "search"])
def test_unexpected_failure_is_one_line_not_a_traceback(kb: Path, command, monkeypatch, capsys):
    """Whatever a future KB breaks, these commands end with a message, never a traceback."""
    import importlib

    from agent_assist.cli import build_parser

    def boom(*a, **k):
        raise RuntimeError("unexpected")

    monkeypatch.delenv("AGENT_ASSIST_DEBUG", raising=False)
    monkeypatch.setattr("agent_assist.knowledge.load_kb", boom)
    monkeypatch.setattr("agent_assist.search.IndexStore.sync", boom)
    module = importlib.import_module(f"agent_assist.commands.{command}")
    argv = {"lint_kb": ["lint-kb", str(kb)], "index": ["index", "--kb", str(kb)]}.get(
        command, ["search", "--kb", str(kb), "停机"]
    )
    assert module.run(build_parser().parse_args(argv)) == 2
    err = capsys.readouterr().err
    assert "RuntimeError: unexpected" in err and "Traceback" not in err
