"""A pace: the plan scheduled over a number of days, always made from the plan
as written (`pace(plan, n)`), never from another pace.

The rules (each is a property test in tests/test_pace.py):

* Phase boundaries scale with the length: a phase ending on day e of the
  plan's own `days` ends on round-half-up(e * N / days); the last phase ends on
  day N. Every phase keeps at least one day per week.
* The weeks of a phase split its days contiguously and in order. A week with
  its own `days` (at the plan's own length) keeps them there; at another pace
  it takes round-half-up(days * L / L0) days (at least one) of a phase of L
  days (L0 at the plan's own length). The other weeks share the rest equally,
  their lengths differing by at most one day, the longer weeks first; where
  too little is left for one day each, the longest own-length weeks give a day
  back, the later one first on a tie.
* A milestone on day d moves to round-half-up(d * N / days), inside 1..N.
* Block and weekend lengths scale with days / N (whole minutes), so the total
  planned hours stay about the same.
* Task i (0-based) of k in a week of L days starting on day s is scheduled on
  day s + floor((2i + 1) * L / (2k)): the middle of its equal share of the week.
  Tasks stay in order; each falls on exactly one day of its week.

Ids, numbers and titles never change, so progress survives a change of pace.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

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


@dataclass(frozen=True)
class Span:
    """A run of plan days, both ends included."""

    start: int
    end: int

    @property
    def days(self) -> int:
        return self.end - self.start + 1

    def __contains__(self, day: object) -> bool:
        return isinstance(day, int) and self.start <= day <= self.end

    def text(self) -> str:
        """'day 3' or 'days 3-9'."""
        return f"day {self.start}" if self.start == self.end else f"days {self.start}-{self.end}"


@dataclass(frozen=True, eq=False)
class Pace:
    """The plan at `days` days: when each phase, week, task and milestone falls
    and how long each block and weekend is. Read-only."""

    plan: model.Plan
    days: int
    phase_spans: Mapping[str, Span]
    week_spans: Mapping[str, Span]
    task_days: Mapping[str, int]
    milestone_days: Mapping[str, int]
    block_minutes: Mapping[str, int]
    weekend_minutes: int

    def phase(self, phase: model.Phase) -> Span:
        return self.phase_spans[phase.id]

    def week(self, week: model.Week) -> Span:
        return self.week_spans[week.id]

    def day_of(self, item: model.Task | model.Milestone) -> int:
        return self.task_days[item.id] if isinstance(item, model.Task) else self.milestone_days[item.id]

    def week_of_day(self, day: int) -> model.Week:
        return next(w for w in self.plan.weeks if day in self.week_spans[w.id])

    def tasks_on(self, day: int) -> tuple[model.Task, ...]:
        return tuple(t for t in self.plan.tasks if self.task_days[t.id] == day)

    def milestones_in(self, span: Span) -> tuple[model.Milestone, ...]:
        return tuple(m for m in self.plan.milestones if self.milestone_days[m.id] in span)

    def minutes(self, block: model.Block) -> int:
        return self.block_minutes[block.id]

    @property
    def weekday_minutes(self) -> int:
        """Minutes of study on one weekday."""
        return sum(self.block_minutes.values())

    def weekend_sessions(self, sessions: int | None = None) -> list[int]:
        """The weekend intensive split into `sessions` whole-minute sessions
        (default: one per weekend day of the plan, in week order); the first
        sessions take the spare minutes."""
        sessions = sessions or len(self.plan.schedule.weekend_days)
        base, extra = divmod(self.weekend_minutes, sessions)
        return [base + (1 if i < extra else 0) for i in range(sessions)]

    def total_minutes(self, start: dt.date = dt.date(2024, 1, 1)) -> int:
        """Planned minutes over the whole plan starting on `start` (a Monday by
        default): the blocks on every day but the weekend days, the weekend
        intensive shared by the weekend days."""
        weekend = [model.WEEKDAYS.index(d) for d in self.plan.schedule.weekend_days]
        total = 0.0
        for offset in range(self.days):
            day = start + dt.timedelta(days=offset)
            total += self.weekday_minutes if day.weekday() not in weekend else self.weekend_minutes / len(weekend)
        return round(total)

    @property
    def total_hours(self) -> float:
        return round(self.total_minutes() / 60, 1)


def _phase_ends(plan: model.Plan, days: int) -> list[int]:
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


def week_ranges(phase: model.Phase, start: int, length: int) -> list[tuple[int, int]]:
    """The (start, end) of each week of `phase` in its `length` days from `start` (the rule in the docstring)."""
    own = phase.end_day - phase.start_day + 1
    fixed = {i: max(1, round_half_up(w.days * length, own)) for i, w in enumerate(phase.weeks) if w.days}
    free = [i for i in range(len(phase.weeks)) if i not in fixed]
    while fixed and length - sum(fixed.values()) < len(free):  # a day each for the others first
        big = max(fixed, key=lambda i: (fixed[i], i))
        if fixed[big] == 1:
            break
        fixed[big] -= 1
    shares = iter(split(0, length - sum(fixed.values()), len(free)) if free else [])
    lengths = [fixed[i] if i in fixed else (lambda a_b: a_b[1] - a_b[0] + 1)(next(shares)) for i in range(len(phase.weeks))]
    ranges = []
    for n in lengths:
        ranges.append((start, start + n - 1))
        start += n
    return ranges


def check_days(plan: model.Plan, days: int, *, source: str = "days", flag: str = "--days") -> None:
    """InputError unless `plan` can be scheduled over `days` days."""
    if not MIN_DAYS <= days <= MAX_DAYS:
        raise InputError.single(source, f"expected a number of days from {MIN_DAYS} to {MAX_DAYS} but got {days}", field=flag)
    if days < len(plan.weeks):
        raise InputError.single(source, f"expected at least one day per week ({len(plan.weeks)} weeks) but got {days} days",
                                field=flag)


def pace(plan: model.Plan, days: int) -> Pace:
    """The plan as written, scheduled over `days` days."""
    check_days(plan, days)
    phases, weeks, tasks = {}, {}, {}
    start = 1
    for phase, end in zip(plan.phases, _phase_ends(plan, days)):
        phases[phase.id] = Span(start, end)
        for week, (w_start, w_end) in zip(phase.weeks, week_ranges(phase, start, end - start + 1)):
            weeks[week.id] = Span(w_start, w_end)
            for i, t in enumerate(week.tasks):
                tasks[t.id] = task_day(i, len(week.tasks), w_start, w_end - w_start + 1)
        start = end + 1
    milestones = {m.id: min(days, max(1, round_half_up(m.day * days, plan.days))) for m in plan.milestones}
    blocks = {b.id: max(1, round_half_up(b.minutes * plan.days, days)) for b in plan.schedule.blocks}
    weekend = max(2, round_half_up(plan.schedule.weekend.minutes * plan.days, days)) if plan.schedule.weekend else 0
    return Pace(plan=plan, days=days, phase_spans=MappingProxyType(phases), week_spans=MappingProxyType(weeks),
                task_days=MappingProxyType(tasks), milestone_days=MappingProxyType(milestones),
                block_minutes=MappingProxyType(blocks), weekend_minutes=weekend)
