"""Catching up: the reader's schedule after missed work, re-planned from a day on.

A reader's schedule starts as a pace (`pace(plan, n)`) from their start date.
Each catch-up they apply is recorded in the progress file as
`{"on": "YYYY-MM-DD", "mode": "keep-end" | "move-end", "days": N}` and
re-plans the schedule from that day on by one rule, `catch_up`. The browser
(docs/assets/studyplan.js, `catchUp`) applies the same rule to the same
inputs; tests/test_replan_browser.py holds the two to the same days.

The rule, for a catch-up on plan day t of a schedule of D days, with N days after it:

* Done tasks keep their days. A task counts as done when its tick (in the
  progress file, as a UTC date) is before the catch-up's date, so ticks made
  later never move an earlier catch-up.
* N: "keep-end" keeps N = D; "move-end" keeps the pace's rate of tasks per
  day: N = max(D, t - 1 + ceil(k * n / T)) for k unfinished tasks, T tasks
  in the plan and a pace of n days. N is at most 365 (`MAX_DAYS`).
* The weeks that started before day t keep their start; the last of them
  (the current week) takes, as its first unit, every unfinished task of those
  weeks, overdue ones (day before t) first, then in plan order. Every week not
  yet started is a unit of its own unfinished tasks, in plan order.
* The days t..N are split among the units in proportion to their tasks, as
  the pace splits phases: unit j ends on t - 1 + round-half-up(C_j * L / k)
  (C_j: the tasks of units 0..j, L = N - t + 1), every week not yet started
  keeps at least one day, the current unit one if it has tasks, the last
  unit ends on day N. Week spans are the units' spans (the current week
  runs from its start to the end of its unit).
* Within a unit of L' days starting on s, task i of k' falls on
  s + floor((2i + 1) * L' / (2k')), the pace's task rule.
* A milestone before day t keeps its day; a later one keeps its distance
  from the end of its week, scaled to the week's new length:
  end - round-half-up((old end - d) * new length / old length), not before t.
* Phases span their weeks; block and weekend minutes stay the pace's.

Day numbers stay plan days from the start date, so calendar UIDs (plan id +
plan day + slot) of days from t on are updated by a re-import.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from types import MappingProxyType

from .errors import InputError
from .pace import MAX_DAYS, Pace, Span, round_half_up
from .progress import MODES, Replan

__all__ = ["MODES", "Replan", "catch_up", "schedule"]  # MODES and Replan: the file's, re-exported


def done_before(done: Mapping[str, dt.datetime], on: dt.date) -> frozenset[str]:
    """Ids ticked (UTC date) before `on`."""
    return frozenset(i for i, when in done.items() if when.astimezone(dt.UTC).date() < on)


def unfinished(schedule: Pace, today: int, done: Iterable[str]) -> list[str]:
    """Unfinished task ids in the order they are re-planned: overdue first, then plan order."""
    done = set(done)
    ids = [t.id for t in schedule.plan.tasks if t.id not in done]
    return sorted(ids, key=lambda i: 0 if schedule.task_days[i] < today else 1)


def new_length(base: Pace, schedule: Pace, today: int, mode: str, done: Iterable[str]) -> int:
    """N after a catch-up on day `today` in `mode` (may exceed MAX_DAYS: the caller checks)."""
    if mode == "keep-end":
        return schedule.days
    k = len(unfinished(schedule, today, done))
    return max(schedule.days, today - 1 + math.ceil(k * base.days / len(base.plan.tasks)))


def catch_up(schedule: Pace, today: int, days: int, done: Iterable[str]) -> Pace:
    """The schedule re-planned from plan day `today` over `days` days in all
    (the rule in this module's docstring). ValueError when it cannot be."""
    plan, done = schedule.plan, set(done)
    weeks = plan.weeks
    started = [w for w in weeks if schedule.week(w).start < today]
    moving = [w for w in weeks if schedule.week(w).start >= today]
    length = days - today + 1
    if today < 1 or length < max(1, len(moving)) or days > MAX_DAYS:
        raise ValueError(f"cannot re-plan from day {today} over {days} days")
    started_ids = {t.id for w in started for t in w.tasks}
    first = sorted((t.id for t in plan.tasks if t.id in started_ids and t.id not in done),
                   key=lambda i: 0 if schedule.task_days[i] < today else 1)
    units = [first] + [[t.id for t in w.tasks if t.id not in done] for w in moving]
    k = sum(len(u) for u in units)
    ends, total = [], 0
    for u in units:
        total += len(u)
        ends.append(today - 1 + (round_half_up(total * length, k) if k else 0))
    ends[0] = max(ends[0], today - 1 + (1 if units[0] else 0))
    for j in range(1, len(ends)):
        ends[j] = max(ends[j], ends[j - 1] + 1)
    ends[-1] = days
    for j in range(len(ends) - 2, -1, -1):
        ends[j] = min(ends[j], ends[j + 1] - 1)
    ends[0] = max(ends[0], today - 1)
    task_days = dict(schedule.task_days)
    start = today
    for u, end in zip(units, ends):
        span = end - start + 1
        for i, task_id in enumerate(u):
            task_days[task_id] = start + ((2 * i + 1) * span) // (2 * len(u)) if span > 0 else today
        start = end + 1
    week_spans = dict(schedule.week_spans)
    if started:
        week_spans[started[-1].id] = Span(schedule.week(started[-1]).start, ends[0])
    for w, s, e in zip(moving, [e + 1 for e in ends[:-1]], ends[1:]):
        week_spans[w.id] = Span(s, e)
    milestones = {}
    for m in plan.milestones:
        d = schedule.milestone_days[m.id]
        if d < today:
            milestones[m.id] = d
            continue
        old = next(schedule.week_spans[w.id] for w in weeks if d in schedule.week_spans[w.id])
        new = week_spans[next(w.id for w in weeks if d in schedule.week_spans[w.id])]
        moved = new.end - round_half_up((old.end - d) * new.days, old.days) if new.days > 0 else new.end
        milestones[m.id] = max(today, min(new.end, moved))
    phases = {p.id: Span(week_spans[p.weeks[0].id].start, week_spans[p.weeks[-1].id].end) for p in plan.phases}
    return Pace(plan=plan, days=days, phase_spans=MappingProxyType(phases), week_spans=MappingProxyType(week_spans),
                task_days=MappingProxyType(task_days), milestone_days=MappingProxyType(milestones),
                block_minutes=schedule.block_minutes, weekend_minutes=schedule.weekend_minutes)


def schedule(base: Pace, start: dt.date, replans: Iterable[Replan], done: Mapping[str, dt.datetime],
             *, source: str = "progress file") -> Pace:
    """The reader's schedule: `base` from `start`, with every catch-up applied in date order."""
    current = base
    for i, r in enumerate(sorted(replans, key=lambda r: r.on)):
        today = (r.on - start).days + 1
        try:
            current = catch_up(current, today, r.days, done_before(done, r.on))
        except ValueError:
            raise InputError.single(source, f"expected a catch-up from day 1 on (start {start}) with at least one day "
                                    f"per week left but got {r.as_data()}", field=f"replans[{i}]") from None
    return current


def day_map(base: Pace, schedule: Pace) -> list[int]:
    """The base pace's day that each schedule day (1..days) follows, index 0 for day 1:
    the same place in the same week (its agenda and calendar entries)."""
    result = []
    for w in base.plan.weeks:
        old, new = base.week(w), schedule.week(w)
        for d in range(max(new.start, len(result) + 1), new.end + 1):
            result.append(old.start + (d - new.start) * old.days // new.days)
    return result


def replans_data(items: Iterable[Replan]) -> list[dict]:
    """Union of catch-ups in date order (the merge rule), as file data."""
    seen: dict[tuple, Replan] = {}
    for r in items:
        seen.setdefault((r.on, r.mode, r.days), r)
    return [r.as_data() for r in sorted(seen.values(), key=lambda r: r.on)]


def remap_timeline(data: dict, base: Pace, sched: Pace) -> dict:
    """The base pace's timeline data (`timeline.timeline_data`) laid over the
    reader's schedule: each schedule day takes the entries of the base day it
    follows (`day_map`), with its own day number and UID (plan id + plan day
    + slot); milestones move to their schedule days. The browser does the same."""
    mapping, by_day = day_map(base, sched), {}
    for e in data["entries"]:
        by_day.setdefault(e[0], []).append(e)
    lines, index = list(data["lines"]), {line: i for i, line in enumerate(data["lines"])}

    def intern(line: str) -> int:
        if line not in index:
            index[line] = len(lines)
            lines.append(line)
        return index[line]

    entries = []
    for day, b in enumerate(mapping, start=1):
        for e in by_day.get(b, []):
            if e[1] == "milestone":
                continue
            summary = e[3].replace(f"Day {b} ", f"Day {day} ", 1)
            entries.append([day, e[1], e[2], summary, e[4], e[5], e[6].replace(f"-d{b:03d}-", f"-d{day:03d}-", 1)])
    ids = {m.id: m for m in base.plan.milestones}
    for e in data["entries"]:
        if e[1] == "milestone":
            mid = e[6].split("-milestone-", 1)[1].rsplit("@", 1)[0]
            day = sched.milestone_days[ids[mid].id]
            parts = e[4][:-1] + [intern(f"Target: day {day} of the {sched.days}-day plan.")]
            entries.append([day, e[1], e[2], e[3], parts, e[5], e[6]])
    return {**data, "days": sched.days, "lines": lines, "entries": entries}


def summary(before: Pace, after: Pace, start: dt.date, today: int, done: Iterable[str]) -> str:
    """The before/after text of `studyplan replan` (the browser's Preview says the same)."""
    done = set(done)

    def date(day: int) -> str:
        return (start + dt.timedelta(days=day - 1)).strftime("%a %-d %b %Y")

    def per_day(sched: Pace, overdue: bool) -> str:  # before: as planned from today; after: every unfinished task
        k = sum(1 for i in unfinished(sched, today, done) if overdue or sched.task_days[i] >= today)
        left = sched.days - today + 1
        return f"{k / left:.1f}" if left > 0 else "-"

    lines = [f"Catch-up on day {today} ({date(today)}): {len(unfinished(before, today, done))} unfinished task(s).",
             f"End: day {before.days} ({date(before.days)}) -> day {after.days} ({date(after.days)})",
             f"Tasks per day from today: {per_day(before, False)} -> {per_day(after, True)}"]
    moved = [(m, before.milestone_days[m.id], after.milestone_days[m.id]) for m in before.plan.milestones
             if m.id not in done and before.milestone_days[m.id] != after.milestone_days[m.id]]
    if moved:
        lines.append("Milestones:")
        lines += [f"  {m.title}: day {a} ({date(a)}) -> day {b} ({date(b)})" for m, a, b in moved]
    tasks = [t for t in before.plan.tasks if before.task_days[t.id] != after.task_days[t.id]]
    lines.append(f"{len(tasks)} task(s) move to new days.")
    return "\n".join(lines) + "\n"


def reader_schedule(base: Pace, progress: object, source: str) -> Pace:
    """The schedule a progress file describes: its start date, its catch-ups (none: the pace)."""
    replans = getattr(progress, "replans", ())
    start = getattr(progress, "start_date", None)
    if not replans or start is None:
        return base
    return schedule(base, start, replans, getattr(progress, "done", {}), source=source)
