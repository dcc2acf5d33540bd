"""Table-driven hardening: walk the plan's JSON Schema and mutate the full test
plan at every kind of object (drop each required key, a wrong type for each
field, each limit plus one, an unknown key, each id kind duplicated) and check
that every mutant is refused with located messages (file:line: field: ...).

Uses the library directly (no subprocess per mutant), so the few hundred
mutants run in seconds.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import PLAN

from generator.errors import InputError
from generator.schema import plan_schema
from generator.source import parse_yaml
from generator.validate import plan_from_data

SCHEMA = plan_schema()
TEXT = PLAN.read_text(encoding="utf-8")
DATA, LINES = parse_yaml(TEXT, "plan.yaml")
LOCATED = re.compile(r"^plan\.yaml:\d+: \S+: \S")

Path_ = tuple[Any, ...]  # keys and indexes from the root


def _resolve(schema: dict) -> dict:
    if "$ref" in schema:
        return SCHEMA["$defs"][schema["$ref"].rsplit("/", 1)[1]]
    if "anyOf" in schema:
        return _resolve(schema["anyOf"][0])
    return schema


def objects(value: Any = DATA, schema: dict = SCHEMA, path: Path_ = ()) -> Iterator[tuple[Path_, Any, dict]]:
    """Every object in the plan with its schema: the first of each kind only
    (one task, one week, ...), so each field of each kind is mutated once."""
    seen: set[str] = set()

    def walk(value: Any, schema: dict, path: Path_, name: str) -> Iterator[tuple[Path_, Any, dict]]:
        schema = _resolve(schema)
        if schema.get("type") == "object" and isinstance(value, dict):
            if name not in seen:
                seen.add(name)
                yield path, value, schema
            for key, sub in schema["properties"].items():
                if key in value:
                    ref = sub.get("$ref") or (sub.get("items") or {}).get("$ref") or ""
                    yield from walk(value[key], sub, (*path, key), ref or f"{name}.{key}")
        elif schema.get("type") == "array" and isinstance(value, list) and value:
            yield from walk(value[0], schema["items"], (*path, 0), name)

    yield from walk(value, schema, path, "Plan")


def _get(data: Any, path: Path_) -> Any:
    for key in path:
        data = data[key]
    return data


def _name(path: Path_) -> str:
    text = ""
    for key in path:
        text += f"[{key}]" if isinstance(key, int) else (f".{key}" if text else key)
    return text


def _wrong(schema: dict) -> Any:
    kind = schema.get("type")
    if "enum" in schema:
        return "not-one-of-them"
    return {"string": 12345, "integer": "twelve", "boolean": "yes", "array": "a text", "object": ["a list"]}.get(kind)


def mutants() -> Iterator[tuple[str, Path_, Any]]:
    """(description, path of the object, function editing a copy)."""
    for path, obj, schema in objects():
        where = _name(path) or "the plan"
        for key in schema.get("required", []):
            yield f"drop {where}.{key}", (*path, key), lambda d, p=path, k=key: _get(d, p).pop(k)
        yield f"unknown key in {where}", (*path, "bogus_key"), lambda d, p=path: _get(d, p).__setitem__("bogus_key", 1)
        for key, prop in schema["properties"].items():
            if key not in obj:
                continue
            target = _resolve(prop) if "$ref" not in prop else prop
            wrong = _wrong(target if "$ref" not in prop else {"type": "object"})
            if wrong is not None:
                yield f"wrong type {where}.{key}", (*path, key), lambda d, p=path, k=key, w=wrong: _get(d, p).__setitem__(k, w)
            plain = prop["anyOf"][0] if "anyOf" in prop else prop
            if "maxLength" in plain:
                long = "a" * (plain["maxLength"] + 1)
                yield f"too long {where}.{key}", (*path, key), lambda d, p=path, k=key, v=long: _get(d, p).__setitem__(k, v)
            if "pattern" in plain:
                yield f"pattern {where}.{key}", (*path, key), lambda d, p=path, k=key: _get(d, p).__setitem__(k, "Not A Slug!")
            if "maximum" in plain:
                big = plain["maximum"] + 1
                yield f"too big {where}.{key}", (*path, key), lambda d, p=path, k=key, v=big: _get(d, p).__setitem__(k, v)
            if "minimum" in plain:
                small = plain["minimum"] - 1
                yield f"too small {where}.{key}", (*path, key), lambda d, p=path, k=key, v=small: _get(d, p).__setitem__(k, v)
            if plain.get("type") == "array" and obj[key]:
                if "maxItems" in plain:
                    n = plain["maxItems"] + 1
                    yield (f"too many {where}.{key}", (*path, key),
                           lambda d, p=path, k=key, n=n: _get(d, p).__setitem__(k, [copy.deepcopy(_get(d, p)[k][0])] * n))
                if plain["items"].get("maxLength"):
                    long = "a" * (plain["items"]["maxLength"] + 1)
                    yield (f"item too long {where}.{key}", (*path, key, 0),
                           lambda d, p=path, k=key, v=long: _get(d, p)[k].__setitem__(0, v))
        if "id" in obj and path:
            # Each kind's id taken by the plan's own id: ids share one namespace.
            yield f"duplicate id {where}.id", (*path, "id"), lambda d, p=path: _get(d, p).__setitem__("id", d["id"])


MUTANTS = list(mutants())


def test_the_table_covers_every_kind() -> None:
    kinds = {_name(p) for p, _, _ in objects()}
    assert len(kinds) >= 15
    assert len(MUTANTS) >= 200
    duplicated = {d for d, _, _ in MUTANTS if d.startswith("duplicate id")}
    assert len(duplicated) >= 10  # phases, weeks, tasks, topics, milestones, blocks, focus, components, problems, ...


@pytest.mark.parametrize(("what", "path", "edit"), MUTANTS, ids=[m[0] for m in MUTANTS])
def test_every_mutant_is_refused_with_a_located_message(what: str, path: Path_, edit: Any) -> None:
    data = copy.deepcopy(DATA)
    edit(data)
    with pytest.raises(InputError) as info:
        plan_from_data(data, "plan.yaml", LINES)
    lines = str(info.value).splitlines()
    assert lines, what
    for line in lines:
        assert LOCATED.match(line), line
    # One of the problems names the mutated field or the object holding it.
    assert any(p.field.startswith(_name(path[:-1])) for p in info.value.problems), (what, lines)
