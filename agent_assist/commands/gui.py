"""``agent-assist [gui]``: the desktop app (the default when no command is given).

Honors the global options: ``--kb DIR`` (knowledge folder), ``--data-dir`` (where everything is
written), ``--lang zh_CN|en`` (UI language for this run), ``--font-size PT`` and
``--screenshot FILE.png`` (render the main window offscreen with a search typed and a quick card
open, save, exit 0) or ``--screenshot DIR/`` (every screen plus ``DIR/ui.json``, see
:mod:`agent_assist.gui.screenshots`; ``--screenshot-size WxH``).

Example::

    agent-assist --kb ~/centre-kb
    agent-assist --lang en --screenshot-size 1024x600 --screenshot /tmp/shots/
"""

from __future__ import annotations

import argparse

from agent_assist.commands.common import SubParsers


def add_parser(sub: SubParsers) -> None:
    from agent_assist.commands.common import add_kb_option

    p = sub.add_parser("gui", help="the desktop app (default): search, quick cards, scripts, notes")
    add_kb_option(p)  # agent-assist gui --kb DIR works as well as agent-assist --kb DIR gui
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from agent_assist.gui.app import run as run_app  # Qt is imported only when the app starts

    return run_app(args)
