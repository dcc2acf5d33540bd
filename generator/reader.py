"""A reader's schedule on their calendar: every entry of the agenda with its
date and local start time, and the milestones with their dates. What every
view shows (the CLI's `plan --start`, the .ics files, the week pages) comes
from here; the browser computes the same (docs/assets/rules.js).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import model
from .agenda import Agenda, Entry, Layout
from .pace import Pace
from .replan import Schedule, plain
from .settings import Settings
from .words import Words


@dataclass(frozen=True)
class Dated:
    """An agenda entry on its date, at its local start time (HH:MM)."""

    entry: Entry
    date: dt.date
    start: str


@dataclass(frozen=True)
class DatedMilestone:
    milestone: model.Milestone
    day: int
    of: int  # the length of the schedule that planned its day
    date: dt.date


def agenda_of(schedule: Schedule | Pace, start: dt.date | None = None, weekend_days: tuple[str, ...] | None = None) -> Agenda:
    """The agenda of a schedule from `start` (None: day 1 on a Monday), with
    sessions on the reader's `weekend_days` (None: every weekend day of the plan)."""
    if isinstance(schedule, Pace):
        schedule = plain(schedule)
    return Agenda(schedule, Layout(start.weekday() if start else 0, tuple(weekend_days) if weekend_days else None, schedule.off))


def dated(schedule: Schedule | Pace, settings: Settings, agenda: Agenda | None = None) -> list[Dated]:
    """Every entry of the schedule from `settings.start_date`, with its start time."""
    agenda = agenda or agenda_of(schedule, settings.start_date, settings.weekend_days)
    times = dict(zip((b.id for b in agenda.plan.schedule.blocks), settings.times))
    return [Dated(e, settings.start_date + dt.timedelta(days=e.day - 1), times.get(e.slot, settings.weekend_time))
            for e in agenda.entries()]


def milestones(schedule: Schedule | Pace, start: dt.date) -> list[DatedMilestone]:
    if isinstance(schedule, Pace):
        schedule = plain(schedule)
    out = []
    for m in schedule.plan.milestones:
        day = schedule.pace.milestone_days[m.id]
        out.append(DatedMilestone(m, day, schedule.segment(day).days, start + dt.timedelta(days=day - 1)))
    return out


def agenda_data(schedule: Schedule | Pace, settings: Settings) -> dict:
    """The dated agenda as JSON-ready data (`studyplan plan --start`)."""
    if isinstance(schedule, Pace):
        schedule = plain(schedule)
    words = Words(schedule.plan)
    entries = []
    for d in dated(schedule, settings):
        e = d.entry
        entries.append({"date": d.date.isoformat(), "start": d.start, "label": words.label(e), "summary": words.summary(e),
                        "items": words.items(e), **e.as_data()})
    return {"plan": schedule.plan.id, "days": schedule.days, "start_date": settings.start_date.isoformat(),
            "timezone": settings.timezone, "weekend_days": list(settings.weekend_days),
            "days_off": [(settings.start_date + dt.timedelta(days=d - 1)).isoformat() for d in sorted(schedule.off)],
            "entries": entries,
            "milestones": [{"id": m.milestone.id, "day": m.day, "date": m.date.isoformat()}
                           for m in milestones(schedule, settings.start_date)]}
