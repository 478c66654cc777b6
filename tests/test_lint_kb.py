"""lint-kb: errors fail, warnings inform; the YAML beside the processes is checked too (reason
codes here; scripts in their tests)."""

from pathlib import Path

from agent_assist.cli import main

PROCESS = "---\nid: a.one\ntitle: 甲\ncategory: 咨询\nsummary: 一句\ncustomer_phrases: [一, 二, 三]\n---\n## 步骤\n1. 做\n"


def test_lint_kb_reports_bad_reason_codes(tmp_path: Path, capsys):
    (tmp_path / "a.md").write_text(PROCESS, encoding="utf-8")
    assert main(["lint-kb", str(tmp_path)]) == 0  # no reason_codes.yaml: the shipped one is used
    (tmp_path / "reason_codes.yaml").write_text(
        "codes:\n  - number: x\n    name: 坏\n", encoding="utf-8"
    )
    assert main(["lint-kb", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert f"{tmp_path / 'reason_codes.yaml'}:2:" in out


def test_warnings_are_printed_but_do_not_fail(tmp_path: Path, capsys):
    (tmp_path / "a.md").write_text(PROCESS, encoding="utf-8")
    (tmp_path / "b.md").write_text(
        "---\nid: a.two\ntitle: 乙\ncategory: 投诉\n---\n## 步骤\n转 a.one 处理；别用 a.oen。\n",
        encoding="utf-8",
    )
    assert main(["lint-kb", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    b = tmp_path / "b.md"
    assert captured.out.splitlines() == [
        f"{b}:3: warning: missing summary: add 'summary: …' after the title — the one line the quick card shows",
        f"{b}:3: warning: 0 customer_phrases (at least 3): add how customers actually say it, "
        "so their own words find this process",
        f"{b}:6: warning: section '步骤' has no numbered steps: write them as '1. …' lines so the quick card can show them",
        f"{b}:7: warning: mentions 'a.oen', which is not a process id in this knowledge base (did you mean 'a.one'?)",
    ]
    assert "2 processes, 0 errors, 4 warnings" in captured.err
    # an error in another file still fails the run, warnings or not
    (tmp_path / "c.md").write_text(
        "---\nid: a.three\ntitle: 丙\ncategory: 其他\n---\n", encoding="utf-8"
    )
    assert main(["lint-kb", str(tmp_path)]) == 1
    assert "1 errors, 4 warnings" in capsys.readouterr().err


def test_shipped_kb_lints_clean(capsys, sample_kb_dir):
    assert main(["lint-kb"]) == 0
    captured = capsys.readouterr()
    assert " 0 errors, " in captured.err
    processes = sample_kb_dir / "processes"
    assert [line for line in captured.out.splitlines() if line.startswith(str(processes))] == []
