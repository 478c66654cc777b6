"""Helpers shared by commands: resolving the knowledge folder and printing JSON."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO, TypeAlias

# what each command's ``add_parser`` receives: the ``agent-assist`` command list
SubParsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def kb_dir(args: argparse.Namespace) -> Path:
    """``--kb`` given on either side of the command name, else the shipped sample."""
    kb = getattr(args, "kb", None) or getattr(args, "sub_kb", None)
    if kb:
        return Path(kb)
    from agent_assist.storage import shipped_kb_dir

    return shipped_kb_dir()


def add_kb_option(parser: argparse.ArgumentParser) -> None:
    """``--kb`` after the command name too (``agent-assist search --kb DIR …``)."""
    parser.add_argument(
        "--kb",
        dest="sub_kb",
        type=Path,
        default=None,
        help="knowledge folder (default: the sample that ships)",
    )


def print_json(obj: Any, stream: TextIO | None = None) -> None:
    (stream or sys.stdout).write(json.dumps(obj, ensure_ascii=False) + "\n")
