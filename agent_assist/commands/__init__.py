"""One module per command-line command: ``add_parser(subparsers)`` and ``run(args) -> int``.

Kept apart from ``cli.py`` so each command is small, owned by the package it drives, and imports
its heavy dependencies only when it runs.
"""
