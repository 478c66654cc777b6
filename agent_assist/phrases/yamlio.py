"""YAML reading that remembers line numbers, so every complaint about a KB file can say
``path:line`` (KB editors fix what they can find; "phrase 37 is bad" is not findable)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from agent_assist.knowledge import Problem

try:
    _Base = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Base = yaml.SafeLoader  # type: ignore[misc]


class LineDict(dict):
    """A mapping from YAML that knows the 1-based line it started on (``.line``)."""

    line: int = 0


class _LineLoader(_Base):  # type: ignore[misc, valid-type]
    pass


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    out = LineDict()
    out.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        out[key] = loader.construct_object(value_node, deep=True)
    return out


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def line_of(obj: Any, default: int = 1) -> int:
    return getattr(obj, "line", 0) or default


def parse_yaml(text: str, path: Path) -> tuple[Any, list[Problem]]:
    """Parse ``text``; a syntax error becomes one ``Problem`` at the line YAML points to."""
    try:
        return yaml.load(text, Loader=_LineLoader), []
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark is not None else 1
        what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        context = getattr(exc, "context", None)
        msg = f"bad YAML: {what}" + (f" ({context})" if context else "")
        return None, [Problem(path, line, msg + "; check indentation and quotes on this line")]


def read_yaml(path: Path) -> tuple[Any, list[Problem]]:
    """Read a UTF-8 YAML file; unreadable files are problems, never exceptions."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [Problem(path, 1, f"cannot read file: {exc.strerror or exc}")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, [
            Problem(
                path, data[: exc.start].count(b"\n") + 1, "not UTF-8 text: save the file as UTF-8"
            )
        ]
    return parse_yaml(text, path)
