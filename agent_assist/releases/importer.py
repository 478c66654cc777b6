"""``kb import``: turn a Word / HTML / Markdown document into a process file to review.

Most centres' procedures start life as Word files. The importer does the mechanical part —
title, headings → ``##`` sections, numbered lists → numbered steps (under ``## 步骤`` when the
document has no such section), a front-matter skeleton with an id spelled from the title's
pinyin and a guessed category marked for review — and leaves the judgement (summary, customer
phrases, owner) to the KB owner, whom the lint report that follows points at each gap.

Libraries: ``mammoth`` (.docx → semantic HTML, keeps headings and list numbering) and
``markdownify`` (HTML → Markdown). A file that cannot be read is named with the reason; the
other files are still imported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from agent_assist.knowledge import CATEGORIES, ID_PATTERN

SUFFIXES = (".docx", ".html", ".htm", ".md", ".markdown")
STEP_HEADINGS = ("步骤", "流程", "处理")
# words that give the category away, checked in this order (投诉 before 办理: "投诉办理流程")
_CATEGORY_HINTS = (
    ("投诉", ("投诉", "申诉", "索赔", "赔偿", "升级")),
    ("查询", ("查询", "查看", "余额", "账单", "详单", "进度")),
    ("办理", ("办理", "开通", "取消", "退订", "变更", "补办", "申请", "携号", "过户", "销户")),
)
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_NUMBERED = re.compile(r"^\s*\d+[.、)]\s+\S")


class UnreadableDocument(Exception):
    """A document that cannot be turned into a process; the message says why."""


@dataclass
class ImportReport:
    written: list[Path] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Draft:
    """A process file's content before it is written."""

    pid: str
    title: str
    category: str
    text: str


def import_files(files: list[Path], out: Path) -> ImportReport:
    """Convert each file into ``out/<id>.md`` (never overwriting: a taken name gets ``-2``…)."""
    report = ImportReport()
    out.mkdir(parents=True, exist_ok=True)
    taken = {p.stem for p in out.glob("*.md")}
    for path in files:
        try:
            draft = draft_from_file(Path(path))
        except UnreadableDocument as exc:
            report.failed.append((Path(path), str(exc)))
            continue
        stem = draft.pid
        n = 2
        while stem in taken:
            stem = f"{draft.pid}-{n}"
            n += 1
        text = (
            draft.text
            if stem == draft.pid
            else draft.text.replace(f"id: {draft.pid}\n", f"id: {stem}\n", 1)
        )
        taken.add(stem)
        target = out / f"{stem}.md"
        target.write_text(text, encoding="utf-8")
        report.written.append(target)
    return report


def draft_from_file(path: Path) -> Draft:
    """Read ``path`` (by its suffix) and build the process draft; :class:`UnreadableDocument` says why not."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise UnreadableDocument(
            f"不支持的文件类型 {suffix or '（无扩展名）'}：请用 .docx、.html 或 .md"
        )
    if not path.is_file():
        raise UnreadableDocument("文件不存在")
    if suffix == ".docx":
        markdown = _markdown_from_html(_docx_html(path))
    elif suffix in (".html", ".htm"):
        markdown = _markdown_from_html(_read_text(path))
    else:
        markdown = _strip_front_matter(_read_text(path))
    return draft_from_markdown(markdown, fallback_title=path.stem)


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableDocument(f"无法读取：{exc.strerror or exc}") from None
    if b"\x00" in data[:4096]:
        raise UnreadableDocument("不是文本文件（含二进制内容）")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableDocument("文字编码无法识别（请另存为 UTF-8）")


def _docx_html(path: Path) -> str:
    import zipfile

    import mammoth  # type: ignore[import-untyped]

    try:
        with path.open("rb") as fh:
            result = mammoth.convert_to_html(fh)
    except zipfile.BadZipFile:
        raise UnreadableDocument("不是有效的 Word（.docx）文件：文件已损坏或实为其他格式") from None
    except KeyError as exc:
        raise UnreadableDocument(f"Word 文件缺少必要部分（{exc}）") from None
    except OSError as exc:
        raise UnreadableDocument(f"无法读取：{exc.strerror or exc}") from None
    return str(result.value)


def _markdown_from_html(html: str) -> str:
    from markdownify import markdownify

    text = markdownify(html, heading_style="ATX", bullets="-", strip=["img", "a"])
    text = text.replace("\u00a0", " ")
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def _strip_front_matter(text: str) -> str:
    if text.startswith("---"):
        end = text.find("\n---", 3)
        if end != -1:
            return text[end + 4 :].lstrip("\n")
    return text


def draft_from_markdown(markdown: str, fallback_title: str = "") -> Draft:
    """Title from the first heading (else the first line, else ``fallback_title``); headings
    normalised so the top remaining level becomes ``##``; numbered lists kept as steps."""
    lines = [line.rstrip() for line in markdown.splitlines()]
    title = ""
    for n, line in enumerate(lines):
        m = _HEADING.match(line)
        if m:
            title = _clean(m.group(2))
            del lines[n]
            break
    if not title:
        first = next((n for n, line in enumerate(lines) if line.strip()), None)
        if (
            first is not None
            and len(lines[first].strip()) <= 40
            and not _NUMBERED.match(lines[first])
        ):
            title = _clean(lines[first])
            del lines[first]
    title = title or fallback_title.strip() or "未命名流程"
    levels = [len(m.group(1)) for line in lines if (m := _HEADING.match(line))]
    shift = (min(levels) - 2) if levels else 0
    body: list[str] = []
    for line in lines:
        m = _HEADING.match(line)
        if m:
            level = max(2, len(m.group(1)) - shift)
            body.append(f"{'#' * level} {_clean(m.group(2))}")
        else:
            body.append(re.sub(r"^(\s*\d+)\\\.", r"\1.", line))  # markdownify escapes "1\."
    body = _steps_section(body)
    text_body = re.sub(r"\n{3,}", "\n\n", "\n".join(body)).strip() + "\n"
    category = guess_category(title + "\n" + text_body)
    pid = pinyin_id(title)
    summary = _first_paragraph(body)
    front = [
        "---",
        f"id: {pid}",
        f"title: {_yaml_str(title)}",
        f"category: {category}  # 自动猜测，请复核（{' / '.join(CATEGORIES)}）",
        f"summary: {_yaml_str(summary)}"
        if summary
        else "summary: ''  # 待填写：一句话说明怎么处理",
        f"keywords: [{_yaml_str(title)}]",
        "customer_phrases: []  # 待填写：客户的原话，至少 3 条",
        "owner: ''  # 待填写：负责这个流程的人或小组",
        f"updated: {date.today().isoformat()}",
        "---",
    ]
    return Draft(pid, title, category, "\n".join(front) + "\n" + text_body)


def _steps_section(body: list[str]) -> list[str]:
    """Put ``## 步骤`` before the first numbered list when no section is called 步骤/流程/处理."""
    for line in body:
        m = _HEADING.match(line)
        if m and any(word in m.group(2) for word in STEP_HEADINGS):
            return body
    for n, line in enumerate(body):
        if _NUMBERED.match(line):
            return [*body[:n], "", "## 步骤", *body[n:]]
    return body


def _first_paragraph(body: list[str]) -> str:
    for line in body:
        text = line.strip()
        if (
            text
            and not _HEADING.match(text)
            and not _NUMBERED.match(text)
            and not text.startswith(("-", "*", "|", ">"))
        ):
            return _clean(text)[:80]
    return ""


def _clean(text: str) -> str:
    return re.sub(r"[*_`]+", "", text).strip()


def _yaml_str(text: str) -> str:
    """A YAML scalar: quoted when plain style would misread it."""
    if re.search(r"[:#\[\]{},&*!|>'\"%@`]", text) or text != text.strip():
        return "'" + text.replace("'", "''") + "'"
    return text


def guess_category(text: str) -> str:
    """The category whose hint words occur first-ranked in ``text``; 咨询 when none does."""
    head = text[:400]
    for category, words in _CATEGORY_HINTS:
        if any(word in head for word in words):
            return category
    return "咨询"


def pinyin_id(title: str) -> str:
    """``携号转网办理`` → ``imported.xie-hao-zhuan-wang-ban-li`` (valid under ``ID_PATTERN``)."""
    from pypinyin import Style, lazy_pinyin

    parts = lazy_pinyin(
        title, style=Style.NORMAL, errors=lambda s: " ".join(re.findall(r"[A-Za-z0-9]+", s))
    )
    parts = [word for part in parts for word in part.split()]
    words = [re.sub(r"[^a-z0-9]", "", p.lower()) for p in parts]
    slug = "-".join(w for w in words if w)[:60].strip("-") or "process"
    pid = f"imported.{slug}"
    assert ID_PATTERN.match(pid), pid
    return pid
