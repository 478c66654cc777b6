"""The front door: ``agent-assist [COMMAND]``. With no command it starts the desktop app.

The GUI and these commands share one code path (the core packages), so what the benchmarks and
quality inspectors drive from the shell is exactly what agents see. Each command lives in its own
module under ``agent_assist.commands`` with ``add_parser(subparsers)`` and ``run(args) -> int``;
modules import heavy libraries (jieba, whoosh, Qt) only inside ``run`` so ``--help`` stays instant.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path
from types import ModuleType

from agent_assist import __version__

# command module names under agent_assist.commands, in the order --help lists them
COMMANDS = (
    "gui",
    "search",
    "index",
    "lint_kb",
    "tone",
    "report",
    "export",
    "import_notes",
    "team",
    "kb",
    "learn",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="agent-assist",
        description="Agent Assist — 坐席助手: knowledge search, quick cards, phrasing, scripts and complaint notes.",
    )
    parser.add_argument("--version", action="version", version=f"agent-assist {__version__}")
    parser.add_argument(
        "--data-dir",
        type=Path,
        help="where every file the app writes goes (default: user data dir; env AGENT_ASSIST_DATA_DIR)",
    )
    parser.add_argument("--kb", type=Path, help="knowledge folder (default: the sample that ships)")
    parser.add_argument(
        "--screenshot",
        type=str,
        metavar="FILE.png|DIR/",
        help="render offscreen and exit: FILE.png = the main window; DIR/ = every tab, dialog "
        "and call mode as PNGs plus DIR/ui.json (sizes and every visible UI string)",
    )
    parser.add_argument(
        "--screenshot-size", metavar="WxH", help="window size for --screenshot (default 1280x800)"
    )
    parser.add_argument(
        "--font-size", type=int, metavar="PT", help="UI font size in points for this run"
    )
    parser.add_argument("--lang", choices=["zh_CN", "en"], help="UI language for this run")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        _module(name).add_parser(sub)
    return parser


def _module(name: str) -> ModuleType:
    """A command module; imported by name so each keeps its heavy imports inside ``run``."""
    return importlib.import_module(f"agent_assist.commands.{name}")


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.data_dir is not None:
        os.environ["AGENT_ASSIST_DATA_DIR"] = str(args.data_dir.expanduser().resolve())
    # team mode: queue locally saved work for the centre's server (a no-op while it is off);
    # installed before a release pull below, so its tier changes are queued like any other
    from agent_assist.team.hook import install as install_team_outbox

    install_team_outbox()
    if str(getattr(args, "kb", None) or "") == "team:":  # team mode: the server's releases
        from agent_assist.commands.kb import team_pull

        args.kb, problem = team_pull()
        if problem:
            print(problem, file=sys.stderr)
    if getattr(args, "kb", None) is not None:
        args.kb = args.kb.expanduser().resolve()
    for name in ("kb", "sub_kb"):  # a release folder works wherever a KB folder does
        # (the desktop app resolves it itself: it keeps pulling from the folder while it runs)
        if getattr(args, "command", None) not in (None, "gui") and getattr(args, name, None):
            setattr(args, name, _release_kb(Path(getattr(args, name))))
    handler = getattr(args, "handler", None)
    if handler is None:  # no command: the desktop app
        handler = _module("gui").run
    try:
        return int(handler(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `agent-assist search … | head`
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        except OSError:
            pass
        return 0


def _release_kb(path: Path) -> Path:
    """``--kb`` naming a release folder: pull its newest good release into the data dir and use
    the local copy (a plain KB folder is returned unchanged)."""
    from agent_assist.releases import is_release_folder

    if not path.is_dir() or not is_release_folder(path):
        return path
    from agent_assist.releases import sync
    from agent_assist.storage import open_db

    result = sync(path, open_db())
    for message in result.messages:
        print(f"{path}: {message}", file=sys.stderr)
    # no complete release and no local copy: a folder that does not exist, so the command says
    # "knowledge folder not found" after the messages above (never the releases' raw files)
    return result.kb_dir if result.kb_dir is not None else path / ".no-complete-release"


if __name__ == "__main__":
    sys.exit(main())
