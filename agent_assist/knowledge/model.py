"""The knowledge-base records: a process, a problem found while loading, the loaded base.

A process is one Markdown file with YAML front matter (see docs/kb-format.md). Records are frozen so the
search index, the views and the study queue can share them across threads without copying.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from agent_assist.knowledge.key_facts import KeyFacts

CATEGORIES: tuple[str, ...] = ("咨询", "查询", "办理", "投诉")
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9.-]*$")


@dataclass(frozen=True)
class Problem:
    """Something wrong in a KB file, reported as ``path:line: message`` (the compiler convention
    editors and CI logs already understand)."""

    path: Path
    line: int
    message: str
    severity: str = "error"  # "error" skips the file or fails lint; "warning" only informs

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(frozen=True)
class Section:
    """A ``## heading`` block of a process body (办理条件, 步骤, 常见追问, 注意事项 …)."""

    heading: str
    text: str


@dataclass(frozen=True)
class Process:
    """One business process an agent may need mid-call."""

    id: str
    title: str
    category: str
    body: str = ""
    summary: str = ""
    keywords: tuple[str, ...] = ()
    customer_phrases: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    owner: str = ""
    updated: str = ""
    review_by: str = ""  # front matter review_by (YYYY-MM-DD) / review_every (90d): kb-health
    review_every: str = ""
    script: str = ""  # id of a recommended guided script, if any
    key_facts: KeyFacts = KeyFacts()  # 关键信息: fee, time limit, documents, channel, identity
    path: Path | None = None
    content_hash: str = ""
    body_line: int = 1  # 1-based line where the body starts in the file (for messages)

    @property
    def sections(self) -> list[Section]:
        """Body split at ``## `` headings; text before the first heading is an untitled section."""
        out: list[Section] = []
        heading = ""
        lines: list[str] = []
        for line in self.body.splitlines():
            if line.startswith("## "):
                if heading or any(x.strip() for x in lines):
                    out.append(Section(heading, "\n".join(lines).strip()))
                heading, lines = line[3:].strip(), []
            else:
                lines.append(line)
        if heading or any(x.strip() for x in lines):
            out.append(Section(heading, "\n".join(lines).strip()))
        return out

    def section(self, *names: str) -> str:
        """Text of the first section whose heading contains any of ``names`` ('' if none)."""
        for sec in self.sections:
            if any(n in sec.heading for n in names):
                return sec.text
        return ""

    @property
    def steps(self) -> list[str]:
        """The numbered steps of the 步骤 section, without their numbers (for quick cards and
        study cards)."""
        text = self.section("步骤", "流程", "处理")
        steps: list[str] = []
        for line in text.splitlines():
            m = re.match(r"^\s*\d+[.、)]\s*(.+)$", line)
            if m:
                steps.append(m.group(1).strip())
            elif steps and line.startswith(("   ", "\t")) and line.strip():
                steps[-1] += " " + line.strip()
        return steps


@dataclass
class KnowledgeBase:
    """Every process that loaded, plus the problems of the files that did not (or half did)."""

    root: Path
    processes: dict[str, Process] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.processes)

    def __iter__(self) -> Iterator[Process]:
        return iter(self.processes.values())

    def __contains__(self, pid: object) -> bool:
        return pid in self.processes

    def get(self, pid: str) -> Process | None:
        return self.processes.get(pid)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def resource(self, name: str) -> Path | None:
        """A YAML resource (``phrases.yaml``, ``scripts`` …) from this KB, else the shipped one.

        A centre's own folder may hold only processes; the app still needs phrases, scripts,
        reason codes and tone rules, so those fall back to the sample that ships.
        """
        from agent_assist.storage import shipped_kb_dir

        for base in (self.root, shipped_kb_dir()):
            candidate = base / name
            if candidate.exists():
                return candidate
        return None
