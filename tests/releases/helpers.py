"""Small KBs for the release tests: written by the test, so every change is visible here."""

from __future__ import annotations

from pathlib import Path

STEPS = "## 步骤\n1. 核验身份（服务密码或短信验证码）。\n2. 在系统中查询并办理。\n3. 告知客户 {days} 个工作日内生效。\n"


def process_text(pid: str, title: str, days: int = 3, updated: str = "2026-03-01") -> str:
    return (
        "---\n"
        f"id: {pid}\n"
        f"title: {title}\n"
        "category: 办理\n"
        f"summary: {title}的处理要点\n"
        f"keywords: [{title}]\n"
        f"customer_phrases: [我要{title}, {title}怎么办, 帮我{title}]\n"
        "owner: 客服部\n"
        f"updated: {updated}\n"
        "---\n"
        "## 适用情形\n"
        f"客户要求{title}。\n\n" + STEPS.format(days=days)
    )


def write_kb(root: Path, count: int = 5, days: dict[str, int] | None = None) -> Path:
    """``count`` processes ``p.proc00`` … under ``root/processes``; ``days`` overrides step 3."""
    folder = root / "processes"
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        pid = f"p.proc{n:02d}"
        text = process_text(pid, f"业务办理{n:02d}", (days or {}).get(pid, 3))
        (folder / f"proc{n:02d}.md").write_text(text, encoding="utf-8")
    return root


def change(root: Path, pid: str, days: int) -> None:
    n = pid.removeprefix("p.proc")
    path = root / "processes" / f"proc{n}.md"
    path.write_text(process_text(pid, f"业务办理{n}", days, "2026-04-01"), encoding="utf-8")
