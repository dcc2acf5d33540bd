"""Catching up: the reader's schedule after missed work, re-planned from a day on.

A reader's schedule starts as a pace (`pace(plan, n)`) from their start date.
Each catch-up they apply is recorded in the progress file as
`{"on": "YYYY-MM-DD", "mode": "keep-end" | "move-end" | "to-date", "days": N}`
and re-plans the schedule from that day on by one rule, `catch_up`; each day
off (`{"on": ..., "mode": "shift" | "keep-end"}`) frees a day (`apply`). The
browser (docs/assets/rules.js) applies the same rules to the same inputs;
tests/test_differential.py holds the two equal over generated cases.

The rule, for a catch-up on plan day t of a schedule of D days, with N days after it:

* Done tasks keep their days. A task counts as done when its tick (in the
  progress file, as a UTC date) is before the catch-up's date, so ticks made
  later never move an earlier catch-up.
* N: "keep-end" keeps N = D; "to-date" takes the N the reader chose (their
  interview date); "move-end" keeps the pace's rate of tasks per
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
from dataclasses import dataclass, field
from types import MappingProxyType

from .errors import InputError
from .pace import MAX_DAYS, Pace, Span, round_half_up
from .progress import MODES, DayOff, Replan

__all__ = ["MODES", "DayOff", "Replan", "Schedule", "apply", "catch_up", "schedule"]  # MODES, DayOff, Replan: the file's


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


@dataclass(frozen=True)
class Segment:
    """From plan day `start` on (until the next segment), the schedule follows
    `pace`, with the days off `off` as they were when this segment began."""

    start: int
    pace: Pace
    off: frozenset[int] = frozenset()


@dataclass(frozen=True, eq=False)
class Schedule:
    """A reader's schedule: their pace after every catch-up and day off.

    `pace` is the schedule now (task, week and milestone days); `off` the days
    off (no study); `segments` which pace each day was planned by: the base
    from day 1, then one per change from its day on. A day is always shown as
    the segment it falls in planned it, so a change never alters the days
    before it. `ratings`: the reader's review ratings by topic, on plan days
    (reviews.py), which the agenda's reviews follow."""

    base: Pace
    pace: Pace
    off: frozenset[int] = frozenset()
    segments: tuple[Segment, ...] = ()
    # topic -> (plan day, rating 1-4), one a day: reviews.rated_days
    ratings: Mapping[str, tuple[tuple[int, int], ...]] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def days(self) -> int:
        return self.pace.days

    @property
    def plan(self):
        return self.pace.plan

    @property
    def changes(self) -> tuple[int, ...]:
        """The plan days on which the schedule changed (burn-up markers)."""
        return tuple(s.start for s in self.segments[1:])

    def segment(self, day: int) -> Pace:
        """The pace that plans `day`."""
        return next(s.pace for s in reversed(self.segments) if s.start <= day)


def plain(base: Pace) -> Schedule:
    """The schedule of a reader with no change: the pace itself."""
    return Schedule(base, base, frozenset(), (Segment(1, base),))


def shift(schedule: Pace, day: int) -> Pace:
    """The schedule with everything from plan day `day` on one day later
    (a day off that moves the end): tasks and milestones on or after it,
    weeks that start on or after it, the end of the week holding it."""
    if schedule.days + 1 > MAX_DAYS:
        raise ValueError(f"the plan would pass day {MAX_DAYS}")
    later = {i: d + (d >= day) for i, d in schedule.task_days.items()}
    weeks = {w: Span(s.start + (s.start >= day), s.end + (s.end >= day)) for w, s in schedule.week_spans.items()}
    milestones = {i: d + (d >= day) for i, d in schedule.milestone_days.items()}
    plan = schedule.plan
    phases = {p.id: Span(weeks[p.weeks[0].id].start, weeks[p.weeks[-1].id].end) for p in plan.phases}
    return Pace(plan=plan, days=schedule.days + 1, phase_spans=MappingProxyType(phases),
                week_spans=MappingProxyType(weeks), task_days=MappingProxyType(later),
                milestone_days=MappingProxyType(milestones), block_minutes=schedule.block_minutes,
                weekend_minutes=schedule.weekend_minutes)


def changes_in_order(replans: Iterable[Replan], days_off: Iterable[DayOff]) -> list[tuple[dt.date, int, int, Replan | DayOff]]:
    """Catch-ups and days off in the order they apply, as (date, kind, index
    in its list, change): by date, a catch-up before a day off on the same
    date, then in file order (the file keeps them sorted)."""
    items = [(r.on, 0, i, r) for i, r in enumerate(replans)] + [(d.on, 1, i, d) for i, d in enumerate(days_off)]
    return sorted(items, key=lambda x: (x[0], x[1], x[2]))


class ChangeError(ValueError):
    """A catch-up or day off that cannot be applied."""

    def __init__(self, field: str, change: Replan | DayOff, reason: str) -> None:
        super().__init__(reason)
        self.field = field
        self.change = change
        self.reason = reason


def apply(base: Pace, start: dt.date, replans: Iterable[Replan], days_off: Iterable[DayOff],
          done: Mapping[str, dt.datetime]) -> Schedule:
    """The reader's schedule: `base` from `start` with every catch-up and day
    off applied in order (`changes_in_order`). A day off on plan day d makes d
    free; "shift" moves everything from d on a day later (the end too),
    "keep-end" re-plans the unfinished tasks over d + 1 to the end by the
    catch-up rule. ChangeError when a change cannot be applied."""
    current, off, segments = base, set(), [Segment(1, base)]
    for on, kind, index, change in changes_in_order(list(replans), list(days_off)):
        day = (on - start).days + 1
        name = f"{'replans' if kind == 0 else 'days_off'}[{index}]"
        try:
            if kind == 0:
                current = catch_up(current, day, change.days, done_before(done, on))
            elif day < 1 or day > current.days:
                raise ValueError(f"day {day} is not a day of the plan (1-{current.days})")
            elif change.mode == "shift":
                current = shift(current, day)
                off = {d + (d >= day) for d in off}
            else:
                if day >= current.days:
                    raise ValueError("the plan ends that day: no later day is left to spread its work over")
                current = catch_up(current, day + 1, current.days, done_before(done, on + dt.timedelta(days=1)))
        except ValueError as exc:
            raise ChangeError(name, change, str(exc)) from None
        if kind == 1:
            off.add(day)
        segments = [s for s in segments if s.start < day] + [Segment(day, current, frozenset(off))]
    return Schedule(base, current, frozenset(off), tuple(segments))


def schedule(base: Pace, start: dt.date, replans: Iterable[Replan], done: Mapping[str, dt.datetime],
             *, source: str = "progress file", days_off: Iterable[DayOff] = ()) -> Schedule:
    """The reader's schedule, a change that cannot be applied reported as bad input naming its entry."""
    try:
        return apply(base, start, replans, days_off, done)
    except ChangeError as exc:
        raise InputError.single(source, f"expected a change from day 1 on (start {start}) that leaves at least one "
                                f"day per week but got {exc.change.as_data()} ({exc.reason})", field=exc.field) from None


def replans_data(items: Iterable[Replan]) -> list[dict]:
    """Union of catch-ups in date order (the merge rule), as file data."""
    seen: dict[tuple, Replan] = {}
    for r in items:
        seen.setdefault((r.on, r.mode, r.days), r)
    return [r.as_data() for r in sorted(seen.values(), key=lambda r: r.on)]


def summary(before: Pace, after: Pace, start: dt.date, today: int, done: Iterable[str]) -> str:
    """The before/after text of `studyplan replan` (the browser's Preview says the same)."""
    done = set(done)

    def date(day: int) -> str:
        return (start + dt.timedelta(days=day - 1)).strftime("%a %-d %b %Y")

    def per_day(sched: Pace, overdue: bool) -> str:  # before: as planned from today; after: every unfinished task
        k = sum(1 for i in unfinished(sched, today, done) if overdue or sched.task_days[i] >= today)
        left = sched.days - today + 1
        return rate(k, left)

    lines = [f"Catch-up on day {today} ({date(today)}): {len(unfinished(before, today, done))} unfinished task(s).",
             f"End: day {before.days} ({date(before.days)}) -> day {after.days} ({date(after.days)})",
             f"From today: {per_day(before, False)} now, {per_day(after, True)} with the new end date."]
    moved = [(m, before.milestone_days[m.id], after.milestone_days[m.id]) for m in before.plan.milestones
             if m.id not in done and before.milestone_days[m.id] != after.milestone_days[m.id]]
    if moved:
        lines.append("Milestones:")
        lines += [f"  {m.title}: day {a} ({date(a)}) -> day {b} ({date(b)})" for m, a, b in moved]
    tasks = [t for t in before.plan.tasks if before.task_days[t.id] != after.task_days[t.id]]
    lines.append(f"{len(tasks)} task(s) move to new days.")
    return "\n".join(lines) + "\n"


def rate(tasks: int, days: int) -> str:
    """Tasks per day as a reader counts them: "about 2 tasks a day", "about 1 task every 3 days"
    (rounded half up, as the browser's Preview says it)."""
    def plural(n: int, word: str) -> str:
        return f"{n} {word}" if n == 1 else f"{n} {word}s"

    if days < 1 or not tasks:
        return "no tasks"
    if tasks >= days:
        return f"about {plural(math.floor(tasks / days + 0.5), 'task')} a day"
    every = math.floor(days / tasks + 0.5)
    return "about 1 task every " + ("day" if every == 1 else f"{every} days")


def with_ratings(result: Schedule, progress: object, start: dt.date) -> Schedule:
    """The schedule with the progress file's review ratings on their plan days from `start`."""
    from dataclasses import replace

    from .reviews import rated_days

    reviews = getattr(progress, "reviews", {})
    if not reviews:
        return result
    return replace(result, ratings=MappingProxyType(rated_days(reviews, start, getattr(progress, "timezone", None))))


def reader_schedule(base: Pace, progress: object, source: str) -> Schedule:
    """The schedule a progress file describes: its start date, catch-ups, days off and review
    ratings (none, or no start date: the pace)."""
    replans = getattr(progress, "replans", ())
    days_off = getattr(progress, "days_off", ())
    start = getattr(progress, "start_date", None)
    if start is None:
        return plain(base)
    result = plain(base) if not replans and not days_off else \
        schedule(base, start, replans, getattr(progress, "done", {}), source=source, days_off=days_off)
    return with_ratings(result, progress, start)
