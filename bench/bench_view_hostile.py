#!/usr/bin/env python3
"""Hostile process bodies in the process view: seconds per open, what is shown. Prints numbers.

Each case is one process file in a temp KB (the hostile-content cases of issue 8 item 8 plus
python-markdown's worst patterns), opened in the full view and as a quick card, offscreen, with
the real ProcessView. The times include Markdown, sanitizing, limiting and Qt's layout.

usage:  python bench/bench_view_hostile.py [--only div20000,table50000]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

CASES = {
    "text2MB": lambda: "客户说的话很长。\n" * 220_000,
    "div20000": lambda: "<div>" * 20_000 + "x" + "</div>" * 20_000,
    "table50000": lambda: "| a | b |\n| --- | --- |\n" + "| x | y |\n" * 50_000,
    "htmltable50000": lambda: "<table>" + "<tr><td>x</td></tr>" * 50_000 + "</table>",
    "list2000": lambda: "".join("  " * i + "- x\n" for i in range(700)),
    "htmllist2000": lambda: "<ul><li>" * 2_000 + "x",
    "quote2000": lambda: ">" * 2_000 + " x",
    "brackets100k": lambda: "[" * 100_000,
    "footnotes": lambda: "[^1]" * 25_000 + "\n\n[^1]: x",
    "lines50k": lambda: "a\n" * 50_000,
    "stars": lambda: "*a" * 50_000,
    "lt": lambda: "<a b='" * 30_000,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="comma-separated case names")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["AGENT_ASSIST_DATA_DIR"] = tempfile.mkdtemp(prefix="bench-view-")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from agent_assist.gui.context import AppContext
    from agent_assist.gui.process_view import ProcessView

    wanted = [c for c in (args.only.split(",") if args.only else CASES) if c]
    kb = Path(tempfile.mkdtemp(prefix="bench-kb-")) / "kb"
    folder = kb / "processes" / "evil"
    folder.mkdir(parents=True)
    for name in wanted:
        (folder / f"evil.{name.lower()}.md").write_text(
            f"---\nid: evil.{name.lower()}\ntitle: {name}\ncategory: 办理\n---\n## 步骤\n"
            + CASES[name]()
            + "\n",
            encoding="utf-8",
        )
    view = ProcessView(AppContext(kb_dir=kb))
    view.resize(1024, 600)
    view.show()
    print(f"{'case':16} {'file':>9} {'mode':6} {'seconds':>8} {'shown':>7}  notice")
    for name in wanted:
        pid = f"evil.{name.lower()}"
        size = (folder / f"{pid}.md").stat().st_size
        for mode in ("learn", "quick"):
            start = time.perf_counter()
            view.show_process(pid, log=False, mode=mode)
            view.browser.document().adjustSize()
            app.processEvents()
            took = time.perf_counter() - start
            plain = view.browser.toPlainText()
            notice = "内容过大" in plain
            print(f"{name:16} {size:>9} {mode:6} {took:8.2f} {len(plain):>7}  {notice}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
