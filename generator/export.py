"""The plan as plain data (JSON/YAML) for scripts: `studyplan plan`."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import yaml

from . import model
from .rescale import total_hours, weekday_minutes, weekend_session_minutes


def plan_data(plan: model.Plan) -> dict[str, Any]:
    """Every field of the plan, computed ones included, plus the pace figures."""
    data = dataclasses.asdict(plan)
    data["total_hours"] = total_hours(plan)
    data["block_minutes"] = [b.minutes for b in plan.schedule.blocks]
    data["weekday_minutes"] = weekday_minutes(plan)
    data["weekend_minutes"] = plan.schedule.weekend.minutes
    data["weekend_session_minutes"] = weekend_session_minutes(plan)
    return data


def to_json(plan: model.Plan) -> str:
    return json.dumps(plan_data(plan), indent=2, ensure_ascii=False) + "\n"


def to_yaml(plan: model.Plan) -> str:
    return yaml.safe_dump(plan_data(plan), sort_keys=False, allow_unicode=True, width=100)
