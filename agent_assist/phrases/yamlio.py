"""YAML reading that remembers line numbers, so every complaint about a KB file can say
``path:line`` (KB editors fix what they can find; "phrase 37 is bad" is not findable).

Files are read as untrusted input (regular files only, size-capped, no YAML aliases, any
exception a value raises turned into that value's line): see ``knowledge.kbfiles``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from agent_assist.knowledge import Problem
from agent_assist.knowledge.kbfiles import KBFileError, SafeLoader, load_yaml, read_text


class LineDict(dict[str, Any]):
    """A mapping from YAML that knows the 1-based line it started on (``.line``)."""

    line: int = 0


class _LineLoader(SafeLoader):
    pass


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    out = LineDict()
    out.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            out[key] = loader.construct_object(value_node, deep=True)
        except TypeError:  # an unhashable key ({[a]: b})
            raise yaml.constructor.ConstructorError(
                None, None, "a list or mapping cannot be a key", key_node.start_mark
            ) from None
    return out


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def line_of(obj: Any, default: int = 1) -> int:
    return getattr(obj, "line", 0) or default


def parse_yaml(text: str, path: Path) -> tuple[Any, list[Problem]]:
    """Parse ``text``; any failure becomes one ``Problem`` at the line YAML points to."""
    data, failure = load_yaml(text, _LineLoader, context_first=False)
    if failure is None:
        return data, []
    msg = f"bad YAML: {failure.what}"
    if failure.syntax:
        msg += "; check indentation and quotes on this line"
    return None, [Problem(path, failure.line + 1, msg)]


def read_yaml(path: Path, root: Path | None = None) -> tuple[Any, list[Problem]]:
    """Read a YAML file (UTF-8 or UTF-16 with BOM); unreadable files are problems, never
    exceptions. ``root``: the folder a symlinked file must stay inside."""
    try:
        text = read_text(path, root if root is not None else Path(path).parent)
    except KBFileError as exc:
        return None, [exc.problem(path)]
    return parse_yaml(text, path)
