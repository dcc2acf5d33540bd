"""JSON Schema of the plan file, derived from the model (for editors)."""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from typing import Any

from . import model


def _type_schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return {"anyOf": [_type_schema(args[0], defs), {"type": "null"}]}
    if origin is tuple:
        return {"type": "array", "items": _type_schema(typing.get_args(tp)[0], defs)}
    if origin is typing.Literal:
        return {"enum": list(typing.get_args(tp))}
    if dataclasses.is_dataclass(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}
            defs[name] = _object_schema(tp, defs)
        return {"$ref": f"#/$defs/{name}"}
    return {"type": {str: "string", int: "integer", bool: "boolean"}[tp]}


def _is(tp: Any, cls: type) -> bool:
    """`tp` is `cls` or `cls | None`."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        return cls in typing.get_args(tp)
    return tp is cls


def _object_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    properties: dict[str, Any] = {}
    required = []
    for f in dataclasses.fields(cls):
        tp = hints[f.name]
        prop = _type_schema(tp, defs)
        prop["description"] = f.metadata["doc"]
        meta = f.metadata
        text = {k: v for k, v in (("pattern", meta.get("pattern")), ("maxLength", meta.get("max_length", model.LINE)),
                                  ("minLength", 1)) if v is not None}
        for key, schema_key in (("minimum", "minimum"), ("maximum", "maximum"), ("min_items", "minItems"),
                                ("max_items", "maxItems")):
            if key in meta:
                prop[schema_key] = meta[key]
        if _is(tp, str):
            target = prop if "anyOf" not in prop else prop["anyOf"][0]
            target.update(text)
        elif typing.get_origin(tp) is tuple and typing.get_args(tp)[0] is str:
            prop["items"].update(text)
        if f.default is dataclasses.MISSING:
            required.append(f.name)
        else:
            prop["default"] = f.default
        properties[f.name] = prop
    return {"type": "object", "description": (cls.__doc__ or "").strip(), "properties": properties,
            "required": required, "additionalProperties": False}


def plan_schema() -> dict[str, Any]:
    defs: dict[str, Any] = {}
    root = _object_schema(model.Plan, defs)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "Study plan", **root,
            "$defs": dict(sorted(defs.items()))}


def schema_text() -> str:
    return json.dumps(plan_schema(), indent=2, ensure_ascii=False) + "\n"
