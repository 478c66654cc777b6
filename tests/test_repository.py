"""The repository stands alone: no file in it points at a place outside the checkout."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUTSIDE = re.compile(r"\.\./shared|/work/|shared/bench|shared/DESIGN")


def tracked_text_files() -> list[Path]:
    out = subprocess.run(
        ["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=False
    ).stdout.split()
    if not out:  # not a git checkout (an unpacked source tree): walk it
        skip = {".git", ".venv", "build", "dist", "__pycache__"}
        files = [p for p in REPO.rglob("*") if p.is_file() and not skip & set(p.parts)]
    else:
        files = [REPO / f for f in out]
    suffixes = {".py", ".md", ".toml", ".yaml", ".yml", ".sh", ".cfg", ".spec", ".iss", ".txt"}
    return [p for p in files if p.suffix in suffixes or p.name == "run"]


def test_no_file_points_outside_the_repository():
    offenders = []
    for path in tracked_text_files():
        if path == Path(__file__) or not path.is_file():
            continue
        for n, line in enumerate(
            path.read_text(encoding="utf-8", errors="replace").splitlines(), 1
        ):
            if OUTSIDE.search(line):
                offenders.append(f"{path.relative_to(REPO)}:{n}: {line.strip()}")
    assert offenders == []


def test_docs_a_maintainer_needs_exist():
    for name in ("kb-format.md", "cli.md", "architecture.md"):
        assert (REPO / "docs" / name).stat().st_size > 1000, name
