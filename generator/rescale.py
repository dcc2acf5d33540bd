"""Rescale a plan to another length, and schedule its weeks and tasks.

The rules (each is a property test in tests/test_rescale.py):

* Phase boundaries scale with the length: a phase ending on day e ends on
  round-half-up(e * N / base); the last phase ends on day N. Every phase keeps
  at least one day per week.
* The weeks of a phase split its days contiguously and in order; their lengths
  differ by at most one day, the longer weeks first.
* A milestone on day d moves to round-half-up(d * N / base), inside 1..N.
* Block and weekend lengths scale with base / N (whole minutes), so the total
  planned hours stay the same.
* Task i (0-based) of k in a week of L days starting on day s is scheduled on
  day s + floor((2i + 1) * L / (2k)): the middle of its equal share of the week.
  Tasks stay in order; each falls on exactly one day of its week.

Ids, numbers and titles never change, so progress survives a change of pace.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from . import model
from .errors import InputError

MIN_DAYS = 28
MAX_DAYS = 365


def round_half_up(numerator: int, denominator: int) -> int:
    """round(numerator / denominator) with halves rounded up, in integers."""
    return (2 * numerator + denominator) // (2 * denominator)


def split(start: int, days: int, parts: int) -> list[tuple[int, int]]:
    """Split `days` days from `start` into `parts` contiguous (start, end)
    ranges whose lengths differ by at most one, longer ones first."""
    base, extra = divmod(days, parts)
    ranges = []
    for i in range(parts):
        length = base + (1 if i < extra else 0)
        ranges.append((start, start + length - 1))
        start += length
    return ranges


def task_day(index: int, count: int, start: int, length: int) -> int:
    """The plan day of task `index` of `count` in a week of `length` days."""
    return start + ((2 * index + 1) * length) // (2 * count)


def phase_ends(plan: model.Plan, days: int) -> list[int]:
    sizes = [len(p.weeks) for p in plan.phases]
    ends = [round_half_up(p.end_day * days, plan.days) for p in plan.phases]
    ends[-1] = days
    # Keep at least one day per week: push ends forward, then pull back.
    for i in range(len(ends)):
        previous = ends[i - 1] if i else 0
        ends[i] = max(ends[i], previous + sizes[i])
    ends[-1] = days
    for i in range(len(ends) - 2, -1, -1):
        ends[i] = min(ends[i], ends[i + 1] - sizes[i + 1])
    return ends


def rescale(plan: model.Plan, days: int) -> model.Plan:
    """Return `plan` stretched or shrunk to `days` days, fully scheduled."""
    if not MIN_DAYS <= days <= MAX_DAYS:
        raise InputError.single("--days", f"expected a number of days from {MIN_DAYS} to {MAX_DAYS} but got {days}")
    if days < len(plan.weeks):
        raise InputError.single("--days", f"expected at least one day per week ({len(plan.weeks)} weeks) "
                                f"but got {days} days")
    phases = []
    start = 1
    for phase, end in zip(plan.phases, phase_ends(plan, days)):
        weeks = []
        for week, (w_start, w_end) in zip(phase.weeks, split(start, end - start + 1, len(phase.weeks))):
            length = w_end - w_start + 1
            tasks = tuple(replace(t, day=task_day(i, len(week.tasks), w_start, length))
                          for i, t in enumerate(week.tasks))
            weeks.append(replace(week, start_day=w_start, end_day=w_end, tasks=tasks))
        phases.append(replace(phase, start_day=start, end_day=end, weeks=tuple(weeks)))
        start = end + 1
    milestones = tuple(replace(m, day=min(days, max(1, round_half_up(m.day * days, plan.days))))
                       for m in plan.milestones)
    schedule = plan.schedule
    blocks = tuple(replace(b, minutes=max(1, round_half_up(b.minutes * plan.days, days))) for b in schedule.blocks)
    weekend = replace(schedule.weekend, minutes=max(2, round_half_up(schedule.weekend.minutes * plan.days, days)))
    return replace(plan, days=days, phases=tuple(phases), milestones=milestones,
                   schedule=replace(schedule, blocks=blocks, weekend=weekend))


def weekday_minutes(plan: model.Plan) -> int:
    """Minutes of study on one weekday at this pace."""
    return sum(b.minutes for b in plan.schedule.blocks)


def weekend_session_minutes(plan: model.Plan, sessions: int = 2) -> list[int]:
    """The weekend intensive split into `sessions` whole-minute sessions
    (Saturday first); the first sessions take the spare minutes."""
    base, extra = divmod(plan.schedule.weekend.minutes, sessions)
    return [base + (1 if i < extra else 0) for i in range(sessions)]


def total_minutes(plan: model.Plan, start: dt.date = dt.date(2024, 1, 1)) -> int:
    """Planned minutes over the whole plan starting on `start` (a Monday by
    default): weekday blocks on Mon-Fri, half the weekend intensive on each of
    Saturday and Sunday."""
    total = 0
    for offset in range(plan.days):
        day = start + dt.timedelta(days=offset)
        total += weekday_minutes(plan) if day.weekday() < 5 else plan.schedule.weekend.minutes / 2
    return round(total)


def total_hours(plan: model.Plan) -> float:
    return round(total_minutes(plan) / 60, 1)
