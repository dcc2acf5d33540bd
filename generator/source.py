"""Read a YAML file into plain Python data plus the line of every value."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import InputError, Problem

Lines = dict[str, int]


def read_text(path: Path, name: str) -> str:
    """A UTF-8 input file's text, or InputError naming the file."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError.single(name, "file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError.single(name, f"cannot read the file ({exc.__class__.__name__}: {exc})") from None


def read_yaml(path: Path, display: str | None = None) -> tuple[Any, Lines]:
    """Return (data, lines) where lines maps a field path like
    `phases[0].weeks[1].title` to its 1-based line number ("" is the root)."""
    name = display or str(path)
    return parse_yaml(read_text(path, name), name)


def parse_yaml(text: str, name: str) -> tuple[Any, Lines]:
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise InputError.single(name, "the file is empty; expected a plan (a YAML mapping)", line=1)
        lines: Lines = {}
        problems: list[Problem] = []
        data = _convert(loader, node, "", lines, problems, name)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = " ".join(s for s in (exc.context, exc.problem) if s)
        raise InputError.single(name, f"YAML syntax error: {what}", line=line) from None
    except yaml.YAMLError as exc:
        raise InputError.single(name, f"YAML error: {exc}") from None
    finally:
        loader.dispose()
    if problems:
        raise InputError(problems)
    return data, lines


def _join(path: str, key: Any) -> str:
    return f"{path}.{key}" if path else str(key)


def _convert(loader: yaml.SafeLoader, node: yaml.Node, path: str, lines: Lines,
             problems: list[Problem], name: str) -> Any:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if key in result:
                problems.append(Problem(name, key_node.start_mark.line + 1, _join(path, key),
                                        "duplicate key; expected each key once in a mapping"))
                continue
            result[key] = _convert(loader, value_node, _join(path, key), lines, problems, name)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(loader, item, f"{path}[{i}]", lines, problems, name) for i, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)
