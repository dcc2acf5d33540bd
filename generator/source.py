"""Read a YAML file into plain Python data plus the line of every value.

Input is untrusted: every limit below is checked before PyYAML builds anything
big or deep, so a hostile file ends in a located message (exit 2), never in a
traceback, a RecursionError or gigabytes of memory.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml

from .errors import InputError, Problem

Lines = dict[str, int]

MAX_BYTES = 4 * 1024 * 1024  # a plan is tens of KB; refused before reading
MAX_DEPTH = 20  # a plan needs 8 levels (plan > phases > phase > weeks > week > tasks > task > text)
MAX_VALUES = 50_000  # the shipped plan has about 700, a 365-day plan a few thousand
MAX_ALIAS_NODES = 10_000  # values added by expanding aliases (*name), merges included
MAX_DIGITS = 100  # past this a number is refused here (Python refuses past 4,300); the validator bounds each field

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: same marks, several times faster
# What the YAML spec (and PyYAML's reader) refuses, plus DEL: every C0 control
# character except tab, line feed and carriage return; C1 controls except NEL;
# lone surrogates and the two non-characters U+FFFE, U+FFFF.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_INT = "tag:yaml.org,2002:int"
_MERGE = "tag:yaml.org,2002:merge"


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n:,} bytes"


def read_text(path: Path, name: str, max_bytes: int = MAX_BYTES) -> str:
    """A UTF-8 input file's text, or InputError naming the file (and the line
    of a byte that is not UTF-8)."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError.single(name, f"expected a file of at most {_size(max_bytes)} but got {_size(size)}; "
                                          "nothing was read")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError.single(name, "file not found") from None
    except IsADirectoryError:
        raise InputError.single(name, "expected a file but got a directory") from None
    except OSError as exc:
        raise InputError.single(name, f"cannot read the file ({exc.strerror or exc.__class__.__name__})") from None
    return decode(data, name)


def decode(data: bytes, name: str) -> str:
    """UTF-8 bytes as text (a leading byte order mark is dropped)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError.single(name, "expected UTF-8 text but got UTF-16 (it starts with a UTF-16 byte order mark); "
                                      "save the file as UTF-8", line=1)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError.single(name, f"expected UTF-8 text but got the byte 0x{data[exc.start]:02X} at column {column} "
                                      "(save the file as UTF-8)", line=line) from None


def read_yaml(path: Path, display: str | None = None) -> tuple[Any, Lines]:
    """Return (data, lines) where lines maps a field path like
    `phases[0].weeks[1].title` to its 1-based line number ("" is the root)."""
    name = display or str(path)
    return parse_yaml(read_text(path, name), name)


def _label(char: str) -> str:
    name = unicodedata.name(char, "") or {0: "NUL", 7: "BEL", 8: "BACKSPACE", 0x1B: "ESC", 0x7F: "DEL"}.get(ord(char), "")
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")


def _control_problems(text: str, name: str) -> list[Problem]:
    problems = []
    for match in _CONTROL.finditer(text):
        char = match.group()
        line = text.count("\n", 0, match.start()) + 1
        if problems and problems[-1].line == line:
            continue  # one problem a line is enough
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        problems.append(Problem(name, line, "", f"expected text without control characters but got {_label(char)} at column {column}"))
        if len(problems) == 20:
            break
    return problems


def _field(stack: list[list[Any]]) -> str:
    path = ""
    for frame in stack:
        if frame[0] == "seq":
            path += f"[{frame[1]}]"
        elif frame[2] is not None:
            path = _join(path, frame[2])
    return path


def _scan(text: str, name: str) -> None:
    """Walk the parser's events (no tree is built) and refuse nesting deeper
    than MAX_DEPTH and aliases that would expand past MAX_ALIAS_NODES values:
    both are checked before composing, which recurses and expands."""
    # A frame per open collection: ["seq", index, None, size, anchor] or
    # ["map", expecting_key, key, size, anchor]; size counts the values inside.
    stack: list[list[Any]] = []
    anchored: dict[str, int] = {}
    expanded = 0
    events = yaml.parse(text, Loader=_Loader)

    def place(size: int) -> None:
        """A finished value of `size` values joins its parent."""
        if not stack:
            return
        top = stack[-1]
        top[3] += size
        if top[0] == "seq":
            top[1] += 1
        else:
            top[1] = not top[1]

    def _event(count: int, event: yaml.Event) -> None:
        nonlocal expanded
        if count > MAX_VALUES:
            raise InputError([Problem(name, event.start_mark.line + 1, _field(stack),
                                      f"expected a plan of at most {MAX_VALUES:,} values but got more")])
        if isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent, yaml.CollectionStartEvent)):
            parent = stack[-1] if stack else None
            if parent and parent[0] == "map" and parent[1]:  # this value is a key
                parent[2] = event.value if isinstance(event, yaml.ScalarEvent) else "?"
        if isinstance(event, yaml.CollectionStartEvent):
            if len(stack) >= MAX_DEPTH:
                raise InputError([Problem(name, event.start_mark.line + 1, _field(stack),
                                          f"expected at most {MAX_DEPTH} levels of nesting but got more "
                                          "(a plan needs 8)")])
            kind = "seq" if isinstance(event, yaml.SequenceStartEvent) else "map"
            stack.append([kind, 0 if kind == "seq" else True, None, 1, event.anchor])
        elif isinstance(event, yaml.CollectionEndEvent):
            frame = stack.pop()
            if frame[4]:
                anchored[frame[4]] = frame[3]
            place(frame[3])
        elif isinstance(event, yaml.ScalarEvent):
            if event.anchor:
                anchored[event.anchor] = 1
            place(1)
        elif isinstance(event, yaml.AliasEvent):
            if event.anchor not in anchored and any(f[4] == event.anchor for f in stack):
                raise InputError([Problem(name, event.start_mark.line + 1, _field(stack),
                                          f"expected an alias to a finished value but *{event.anchor} refers to a value "
                                          "that contains it")])
            size = anchored.get(event.anchor, 1)  # an unknown anchor: the composer names it
            expanded += size
            if expanded > MAX_ALIAS_NODES:
                raise InputError([Problem(name, event.start_mark.line + 1, _field(stack),
                                          f"expected aliases (*name) to add at most {MAX_ALIAS_NODES:,} values but got more "
                                          "(aliases that expand aliases multiply); write the values out instead")])
            place(size)

    try:
        for count, event in enumerate(events):
            _event(count, event)
    except yaml.MarkedYAMLError as exc:
        if "maximum nesting depth" not in str(exc.problem):
            raise
        line = exc.problem_mark.line + 1 if exc.problem_mark else None  # libyaml's own limit (1000), met scanning ahead
        raise InputError([Problem(name, line, "", f"expected at most {MAX_DEPTH} levels of nesting but got more "
                                                  "(a plan needs 8)")]) from None


def parse_yaml(text: str, name: str) -> tuple[Any, Lines]:
    problems = _control_problems(text, name)
    if problems:
        raise InputError(problems)
    loader = None
    try:
        _scan(text, name)
        loader = _Loader(text)
        node = loader.get_single_node()
        if node is None:
            raise InputError.single(name, "the file is empty; expected a plan (a YAML mapping)", line=1)
        lines: Lines = {}
        data = _convert(loader, node, "", lines, problems, name)
    except yaml.MarkedYAMLError as exc:
        exc = _pure_python_error(text) or exc
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = " ".join(s for s in (exc.context, exc.problem) if s)
        raise InputError.single(name, f"YAML syntax error: {what}", line=line) from None
    except yaml.YAMLError as exc:
        raise InputError.single(name, f"YAML error: {exc}") from None
    finally:
        if loader is not None:
            loader.dispose()
    if problems:
        raise InputError(problems)
    return data, lines


def _pure_python_error(text: str) -> yaml.MarkedYAMLError | None:
    """PyYAML's own parser says what it found ("expected ',' or ']', but
    got ':'"), libyaml less; ask it again when that is cheap."""
    if len(text) > 256 * 1024:
        return None
    try:
        for _ in yaml.parse(text, Loader=yaml.SafeLoader):
            pass
    except yaml.MarkedYAMLError as exc:
        return exc
    return None


def _join(path: str, key: Any) -> str:
    return f"{path}.{key}" if path else str(key)


def _kind(node: yaml.Node) -> str:
    return "a list" if isinstance(node, yaml.SequenceNode) else "a mapping" if isinstance(node, yaml.MappingNode) else "text"


def _merged(node: yaml.MappingNode, path: str, problems: list[Problem], name: str) -> tuple[list, list]:
    """(merged pairs, own pairs) of a mapping: `<<: *base` (or a list of
    aliases) brings in the keys of other mappings; the mapping's own keys win,
    and among merged mappings the first listed wins (YAML's merge key)."""
    merged: list[tuple[yaml.Node, yaml.Node]] = []
    own: list[tuple[yaml.Node, yaml.Node]] = []
    for key_node, value_node in node.value:
        if key_node.tag != _MERGE:
            own.append((key_node, value_node))
            continue
        sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
        for source in sources:
            if not isinstance(source, yaml.MappingNode):
                problems.append(Problem(name, source.start_mark.line + 1, _join(path, "<<"),
                                        f"expected a mapping (or a list of mappings) to merge but got {_kind(source)}"))
                continue
            inner_merged, inner_own = _merged(source, path, problems, name)
            merged += inner_own + inner_merged
    return merged, own


def _convert(loader: yaml.BaseLoader, node: yaml.Node, path: str, lines: Lines,
             problems: list[Problem], name: str) -> Any:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        merged, own = _merged(node, path, problems, name)
        result: dict[Any, Any] = {}
        for key_node, value_node in merged:
            key = _key(loader, key_node, path, problems, name)
            if key is _BAD or key in result:
                continue  # the first merged mapping wins
            result[key] = _convert(loader, value_node, _join(path, key), lines, problems, name)
        seen: set[Any] = set()
        for key_node, value_node in own:
            key = _key(loader, key_node, path, problems, name)
            if key is _BAD:
                continue
            if key in seen:
                problems.append(Problem(name, key_node.start_mark.line + 1, _join(path, key),
                                        "duplicate key; expected each key once in a mapping"))
                continue
            seen.add(key)
            result[key] = _convert(loader, value_node, _join(path, key), lines, problems, name)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(loader, item, f"{path}[{i}]", lines, problems, name) for i, item in enumerate(node.value)]
    if node.tag == _INT:
        digits = sum(c.isalnum() for c in node.value.lower().removeprefix("-").removeprefix("+").removeprefix("0x")
                     .removeprefix("0o").removeprefix("0b"))
        if digits > MAX_DIGITS:
            problems.append(Problem(name, node.start_mark.line + 1, path,
                                    f"expected a whole number of at most {MAX_DIGITS} digits but got one of {digits:,} digits"))
            return None
    try:
        value = loader.construct_object(node, deep=True)
    except ValueError as exc:  # a value PyYAML's resolver accepts but cannot build, e.g. a date like 2027-02-30
        what = "a real date" if node.tag == "tag:yaml.org,2002:timestamp" else "a valid value"
        problems.append(Problem(name, node.start_mark.line + 1, path, f"expected {what} but got {node.value!r} ({exc})"))
        return None
    if isinstance(value, str) and (match := _CONTROL.search(value)):  # written as an escape, like "\u0007"
        problems.append(Problem(name, node.start_mark.line + 1, path,
                                f"expected text without control characters but got {_label(match.group())}"))
    return value


_BAD = object()


def _key(loader: yaml.BaseLoader, node: yaml.Node, path: str, problems: list[Problem], name: str) -> Any:
    if not isinstance(node, yaml.ScalarNode):
        problems.append(Problem(name, node.start_mark.line + 1, path,
                                f"expected a plain key (a name) but got {_kind(node)} as a key (complex keys `? ...` are not supported)"))
        return _BAD
    return _convert(loader, node, path, {}, problems, name)
