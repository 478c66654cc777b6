"""``agent-assist tone``: text, --json and --file, for quality inspectors."""

from __future__ import annotations

import json

from agent_assist.cli import main


def test_tone_text_output(capsys):
    rc = main(["tone", "这个不归我们管，我们会尽快处理。"])
    out = capsys.readouterr().out
    assert rc == 1
    assert "推诿" in out and "不归我们管" in out and "空头承诺" in out
    assert "建议" in out


def test_tone_clean_text_exits_zero(capsys):
    rc = main(["tone", "不好意思让您久等了，我这边马上帮您查询。"])
    assert rc == 0
    assert "未发现" in capsys.readouterr().out


def test_tone_json(capsys):
    main(["tone", "--json", "你别激动。"])
    data = json.loads(capsys.readouterr().out)
    assert data["count"] == 1
    f = data["findings"][0]
    assert (
        f["category"] == "否定情绪"
        and f["text"] == "你别激动"
        and f["start"] == 0
        and f["end"] == 4
    )
    assert f["suggestion"]


def test_tone_file_reports_lines(tmp_path, capsys):
    path = tmp_path / "call.txt"
    path.write_text(
        "您好，请问有什么可以帮您？\n这个没办法。\n好的，再见。\n我不知道。\n", encoding="utf-8"
    )
    rc = main(["tone", "--file", str(path), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert rc == 1
    assert [f["line"] for f in data["findings"]] == [2, 4]
    assert [f["column"] for f in data["findings"]] == [3, 1]


def test_tone_missing_file_is_a_clear_error(tmp_path, capsys):
    rc = main(["tone", "--file", str(tmp_path / "nope.txt")])
    assert rc == 2
    assert "nope.txt" in capsys.readouterr().err
