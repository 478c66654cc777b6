"""``kb import``: Word, HTML and Markdown documents become process files (inputs built here)."""

from __future__ import annotations

from agent_assist.cli import main
from agent_assist.knowledge import load_kb
from agent_assist.releases.importer import guess_category, pinyin_id


def _docx(path):
    from docx import Document

    doc = Document()
    doc.add_heading("携号转网办理", level=1)
    doc.add_paragraph("客户要求把号码转到其他运营商时使用。")
    doc.add_heading("办理条件", level=2)
    doc.add_paragraph("在网满120天，无欠费。", style="List Bullet")
    doc.add_heading("办理步骤", level=2)
    for step in ("核验机主身份", "发送短信获取授权码", "告知客户到新运营商办理"):
        doc.add_paragraph(step, style="List Number")
    doc.save(path)
    return path


def test_docx_becomes_a_process_with_steps(tmp_path, capsys):
    src = _docx(tmp_path / "携转.docx")
    out = tmp_path / "out"
    assert main(["kb", "import", str(src), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "lint:" in printed and "customer_phrases" in printed  # the lint report follows
    kb = load_kb(out)
    assert not kb.errors
    (process,) = list(kb)
    assert process.id == "imported.xie-hao-zhuan-wang-ban-li"
    assert process.title == "携号转网办理"
    assert process.category == "办理"
    assert process.steps == ["核验机主身份", "发送短信获取授权码", "告知客户到新运营商办理"]
    text = process.path.read_text(encoding="utf-8")
    assert "# 自动猜测，请复核" in text
    assert "## 办理条件" in text


def test_html_with_a_bare_numbered_list_gets_a_steps_section(tmp_path, capsys):
    src = tmp_path / "查询.html"
    src.write_text(
        "<html><body><h1>话费余额查询</h1><p>客户问还剩多少钱。</p>"
        "<ol><li>核验身份</li><li>读出余额与截止日期</li></ol></body></html>",
        encoding="gb18030",
    )
    assert main(["kb", "import", str(src), "--out", str(tmp_path / "out")]) == 0
    (process,) = list(load_kb(tmp_path / "out"))
    assert process.category == "查询"
    assert process.steps == ["核验身份", "读出余额与截止日期"]
    assert process.summary == "客户问还剩多少钱。"


def test_markdown_and_name_clash(tmp_path, capsys):
    md = tmp_path / "a.md"
    md.write_text("# 宽带报修\n\n## 处理\n1. 远程检测\n2. 派单\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["kb", "import", str(md), str(md), "--out", str(out)]) == 0
    ids = sorted(p.id for p in load_kb(out))
    assert ids == ["imported.kuan-dai-bao-xiu", "imported.kuan-dai-bao-xiu-2"]


def test_unreadable_files_are_named_with_the_reason(tmp_path, capsys):
    fake = tmp_path / "坏.docx"
    fake.write_text("not a zip", encoding="utf-8")
    odd = tmp_path / "x.pdf"
    odd.write_bytes(b"%PDF")
    good = tmp_path / "ok.md"
    good.write_text("# 积分兑换\n1. 查询积分\n", encoding="utf-8")
    code = main(
        [
            "kb",
            "import",
            str(fake),
            str(odd),
            str(tmp_path / "missing.md"),
            str(good),
            "--out",
            str(tmp_path / "o"),
        ]
    )
    err = capsys.readouterr().err
    assert code == 1
    assert "坏.docx: 无法导入：不是有效的 Word" in err
    assert "x.pdf: 无法导入：不支持的文件类型 .pdf" in err
    assert "missing.md: 无法导入：文件不存在" in err
    assert [p.id for p in load_kb(tmp_path / "o")] == ["imported.ji-fen-dui-huan"]


def test_guesses():
    assert guess_category("投诉处理流程") == "投诉"
    assert guess_category("套餐介绍") == "咨询"
    assert pinyin_id("5G套餐") == "imported.5g-tao-can"
