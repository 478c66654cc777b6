"""Helpers shared by commands: resolving the knowledge folder and printing JSON."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeAlias

if TYPE_CHECKING:
    from agent_assist.storage import Database

# what each command's ``add_parser`` receives: the ``agent-assist`` command list
SubParsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def kb_dir(args: argparse.Namespace) -> Path:
    """``--kb`` given on either side of the command name, else the shipped sample."""
    kb = getattr(args, "kb", None) or getattr(args, "sub_kb", None)
    if kb:
        return Path(kb)
    from agent_assist.storage import shipped_kb_dir

    return shipped_kb_dir()


def add_date_range(parser: argparse.ArgumentParser) -> None:
    """``--from`` / ``--to`` (inclusive calendar days, ``args.date_from`` / ``args.date_to``),
    as every notes command reads them: a bad date is argparse's one-line error."""
    parser.add_argument(
        "--from", dest="date_from", type=day_arg, metavar="YYYY-MM-DD", help="first day (inclusive)"
    )
    parser.add_argument(
        "--to", dest="date_to", type=day_arg, metavar="YYYY-MM-DD", help="last day (inclusive)"
    )


def day_arg(text: str) -> dt.date | None:
    """``2026-11-01`` → a date for argparse; a bad one is the notes package's message."""
    from agent_assist.notes import parse_day

    try:
        return parse_day(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


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


def open_data(prog: str, readonly: bool = False) -> Database | None:
    """The app database for command ``prog``, or None after printing (one line) why it cannot be
    used. Commands that only read pass ``readonly=True``: they then work in a read-only data dir
    and never migrate or write.

    A damaged database is reported, never moved or repaired from the shell: the desktop app asks
    the agent and moves it aside (``….corrupt-<time>``); from the shell, moving the file away
    yourself does the same.
    """
    from agent_assist.storage import DatabaseDamaged, StorageError, open_db

    try:
        return open_db(readonly=readonly)
    except DatabaseDamaged as exc:
        print(
            f"{prog}: {exc.message}。启动桌面程序可把它移到一旁（改名为 {exc.path.name}.corrupt-<时间>，"
            "不会删除）并用新数据库开始；也可以自己把它移走后再运行。",
            file=sys.stderr,
        )
    except StorageError as exc:
        print(f"{prog}: {exc.message}", file=sys.stderr)
    return None


def database_failed(prog: str, exc: Exception) -> int:
    """A database error in the middle of a command (a damaged page deep in the file): one line
    naming the file, exit status 1 — never a traceback."""
    from agent_assist.storage import db_path, describe_error

    print(f"{prog}: 读取数据库 {db_path()} 出错：{describe_error(exc)}", file=sys.stderr)
    return 1


def one_line_failures(
    prog: str, run: Callable[[argparse.Namespace], int]
) -> Callable[[argparse.Namespace], int]:
    """``run`` with any unexpected failure as one line on stderr and exit 2: a KB editor or an
    agent sees what went wrong, never a traceback (set AGENT_ASSIST_DEBUG=1 to get one)."""

    def guarded(args: argparse.Namespace) -> int:
        try:
            return run(args)
        except (KeyboardInterrupt, BrokenPipeError):
            raise
        except Exception as exc:
            if os.environ.get("AGENT_ASSIST_DEBUG"):
                raise
            print(f"{prog}: failed: {type(exc).__name__}: {exc}", file=sys.stderr)
            return 2

    return guarded
