"""The plan at a pace as plain data (JSON/YAML) for scripts: `studyplan plan`.

The plan's own fields as written, with the pace's values in place: `days`,
each phase's and week's `start_day`/`end_day`, each task's and milestone's
`day`, each block's `minutes`; plus the pace's totals and its day-by-day
`agenda` (day 1 on a Monday).
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import yaml

from .agenda import agenda
from .pace import Pace


def plan_data(pace: Pace) -> dict[str, Any]:
    """Every field of the plan, scheduled at this pace, plus the pace figures."""
    data = dataclasses.asdict(pace.plan)
    data["days"] = pace.days
    for phase in data["phases"]:
        span = pace.phase_spans[phase["id"]]
        phase["start_day"], phase["end_day"] = span.start, span.end
        for week in phase["weeks"]:
            span = pace.week_spans[week["id"]]
            week["start_day"], week["end_day"] = span.start, span.end
            for task in week["tasks"]:
                task["day"] = pace.task_days[task["id"]]
    for m in data["milestones"]:
        m["day"] = pace.milestone_days[m["id"]]
    for b in data["schedule"]["blocks"]:
        b["minutes"] = pace.block_minutes[b["id"]]
    data["schedule"]["weekend"]["minutes"] = pace.weekend_minutes
    data["total_hours"] = pace.total_hours
    data["block_minutes"] = [pace.block_minutes[b.id] for b in pace.plan.schedule.blocks]
    data["weekday_minutes"] = pace.weekday_minutes
    data["weekend_minutes"] = pace.weekend_minutes
    data["weekend_session_minutes"] = pace.weekend_sessions()
    data["agenda"] = [e.as_data() for e in agenda(pace)]
    return data


def to_json(pace: Pace) -> str:
    return json.dumps(plan_data(pace), indent=2, ensure_ascii=False) + "\n"


def to_yaml(pace: Pace) -> str:
    return yaml.safe_dump(plan_data(pace), sort_keys=False, allow_unicode=True, width=100)
