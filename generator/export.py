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

from .pace import Pace
from .text import url_ascii


def plan_data(pace: Pace, agenda: bool = True) -> dict[str, Any]:
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
    if data["schedule"]["weekend"]:
        data["schedule"]["weekend"]["minutes"] = pace.weekend_minutes
    data["total_hours"] = pace.total_hours
    data["block_minutes"] = [pace.block_minutes[b.id] for b in pace.plan.schedule.blocks]
    data["weekday_minutes"] = pace.weekday_minutes
    data["weekend_minutes"] = pace.weekend_minutes
    data["weekend_session_minutes"] = pace.weekend_sessions()
    if agenda:
        from .reader import agenda_of
        from .words import Words

        words = Words(pace.plan)
        data["agenda"] = [{"summary": words.summary(e), "items": words.items(e), **e.as_data()}
                          for e in agenda_of(pace).entries()]
    return data


def to_json(pace: Pace) -> str:
    return json.dumps(plan_data(pace), indent=2, ensure_ascii=False) + "\n"


def to_yaml(pace: Pace) -> str:
    return yaml.safe_dump(plan_data(pace), sort_keys=False, allow_unicode=True, width=100)


def rules_data(plan) -> dict[str, Any]:
    """The plan as the browser's rules read it (docs/assets/rules.js): ids,
    texts and the numbers its paces are made from, nothing computed."""
    return {
        "id": plan.id, "title": plan.title, "days": plan.days, "commitment_days": plan.commitment.days,
        "phases": [{"id": p.id, "number": p.number, "title": p.title, "start_day": p.start_day, "end_day": p.end_day,
                    "practice_problem": p.practice_problem,
                    "weeks": [{"id": w.id, "number": w.number, "title": w.title, "activities": w.activities, "days": w.days,
                               "project": w.project_milestone.text if w.project_milestone else None,
                               "tasks": [{"id": t.id, "text": t.text, "steps": list(t.steps)} for t in w.tasks],
                               "topics": [{"id": t.id, "title": t.title, "goal": t.goal, "questions": list(t.questions),
                                           "links": [url_ascii(x) or x for x in t.links]} for t in w.topics]}
                              for w in p.weeks]} for p in plan.phases],
        "problems": [{"id": p.id, "level": p.level, "title": p.title} for p in plan.system_design.problems]
                    if plan.system_design else [],
        "blocks": [{"id": b.id, "label": b.label, "activity": b.activity, "kind": b.kind, "minutes": b.minutes,
                    "start": b.start} for b in plan.schedule.blocks],
        "weekend": None if plan.schedule.weekend is None else {
                    "title": plan.schedule.weekend.title, "minutes": plan.schedule.weekend.minutes,
                    "start": plan.schedule.weekend.start, "days": list(plan.schedule.weekend_days),
                    "focus": [{"id": f.id, "text": f.text, "day": f.day, "problem": f.problem, "project": f.project}
                              for f in plan.schedule.weekend.focus]},
        "milestones": [{"id": m.id, "title": m.title, "day": m.day, "verification": m.verification} for m in plan.milestones],
        "reviews_per_block": plan.schedule.reviews_per_block,
    }
