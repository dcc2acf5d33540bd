"""Where a person stands against the plan: the report of `studyplan progress`.

The Progress page computes the same figures in the browser
(docs/assets/studyplan.js, `compute()`): keep the two in step.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from . import model
from .pace import Pace
from .progress import Progress, reached


@dataclass(frozen=True)
class MilestoneStatus:
    """Where a milestone stands: `status` is "reached" (its box ticked), "ready" (every task of
    the week that holds its day is ticked), else "due" (`days` from today to its date, 0: today)
    or "late" (`days` < 0); "open" without a start date. `status_text` words it."""

    milestone: model.Milestone
    day: int
    date: dt.date | None
    status: str  # reached, ready, due, late or open
    days: int | None = None  # its date minus today, in days (None without a start date)
    reached_at: dt.datetime | None = None


def milestone_statuses(pace: Pace, progress: Progress, today: dt.date) -> list[MilestoneStatus]:
    """Every milestone's status in the reader's schedule (`pace`: after their catch-ups and days
    off) from the file's start date; the Progress page gives the same (rules.js `milestoneStatus`)."""
    from .reader import milestones

    start = progress.start_date
    dates = {d.milestone.id: d.date for d in milestones(pace, start)} if start else {}
    out = []
    for m in pace.plan.milestones:
        day, when = pace.day_of(m), reached(progress, m.id)
        week = pace.week_of_day(day)
        date = dates.get(m.id)
        days = (date - today).days if date else None
        if when is not None:
            status = "reached"
        elif week.tasks and all(t.id in progress.done for t in week.tasks):
            status = "ready"
        elif days is None:
            status = "open"
        else:
            status = "due" if days >= 0 else "late"
        out.append(MilestoneStatus(m, day, date, status, days, when))
    return out


def status_text(ms: MilestoneStatus) -> str:
    """A milestone's status as readers read it (the Progress page says the same, rules.js `statusText`)."""
    if ms.status == "reached":
        return "reached"
    if ms.status == "ready":
        return "ready to verify"
    if ms.status == "open":
        return "not reached yet"
    if ms.status == "late":
        return f"{-ms.days} day{'s' if ms.days != -1 else ''} late"
    return "due today" if ms.days == 0 else "due tomorrow" if ms.days == 1 else f"due in {ms.days} days"


@dataclass(frozen=True)
class Report:
    pace: Pace
    progress: Progress
    today: dt.date
    day: int | None  # plan day of today (may be < 1 or > days)
    done: int
    total: int
    phases: list[tuple[model.Phase, int, int]]
    expected: int | None  # tasks due before today
    milestones: list[MilestoneStatus]
    finish: str | None
    unknown: int  # ticked ids not in this plan (kept in the file)
    review: list[tuple[model.Task, int]]  # tasks rated 1 or 2 out of 5 for confidence, in plan order
    kept: tuple[tuple[int, str], ...] = ()  # (count, what) the file holds that this plan does not use: kept, not shown
    behind: int = 0  # tasks due before today not done
    ahead: int = 0  # tasks done that are due today or later


def _kept(progress: Progress, known: set[str]) -> tuple[tuple[int, str], ...]:
    """What else the file holds outside this plan, like ticked ids not in it: notes and
    confidence of other ids, catch-ups that no start date places on a day."""
    notes = sum(1 for i in progress.notes if i not in known)
    rated = sum(1 for i in progress.confidence if i not in known)
    idle = len(progress.replans) if progress.start_date is None else 0
    marks = sum(1 for i in progress.milestones if i not in known)
    return tuple((n, what) for n, what in (
        (marks, "milestone(s) reached in the file are not in this plan; they are kept."),
        (notes, "note(s) in the file are of ids not in this plan; they are kept."),
        (rated, "confidence rating(s) in the file are of ids not in this plan; they are kept."),
        (idle, "catch-up(s) in the file are not applied: the file has no start date to place them on; they are kept."),
    ) if n)


def build_report(pace: Pace, progress: Progress, today: dt.date) -> Report:
    plan = pace.plan
    done_ids = set(progress.done)
    tasks = plan.tasks
    done = sum(1 for t in tasks if t.id in done_ids)
    phases = [(p, sum(1 for w in p.weeks for t in w.tasks if t.id in done_ids), sum(len(w.tasks) for w in p.weeks))
              for p in plan.phases]
    known = {t.id for t in tasks} | {m.id for m in plan.milestones}
    unknown = sum(1 for i in progress.done if i not in known)
    review = [(t, progress.confidence[t.id].value) for t in tasks
              if t.id in progress.confidence and progress.confidence[t.id].value <= 2]
    start = progress.start_date
    milestones = milestone_statuses(pace, progress, today)
    if start is None:
        return Report(pace, progress, today, None, done, len(tasks), phases, None, milestones, None, unknown, review,
                      _kept(progress, known))
    day = (today - start).days + 1
    cap = min(max(day - 1, 0), pace.days)  # due before today: today's own task is not behind yet
    expected = sum(1 for t in tasks if pace.day_of(t) <= cap)
    behind = sum(1 for t in tasks if pace.day_of(t) <= cap and t.id not in done_ids)
    ahead = sum(1 for t in tasks if pace.day_of(t) > cap and t.id in done_ids)
    elapsed = max(1, min(day, pace.days))
    if done >= len(tasks):
        finish = "all tasks done"
    elif day < 1 or done == 0:
        finish = None
    else:
        try:
            finish = (today + dt.timedelta(days=math.ceil((len(tasks) - done) / (done / elapsed)))).isoformat()
        except OverflowError:  # --today near the end of the calendar
            finish = None
    return Report(pace, progress, today, day, done, len(tasks), phases, expected, milestones, finish, unknown, review,
                  _kept(progress, known), behind, ahead)


def _tasks(n: int) -> str:
    return f"{n} task{'s' if n != 1 else ''}"


def standing(behind: int, ahead: int) -> str:
    """'2 tasks behind the plan (3 done ahead of it).': behind counts the tasks due before
    today not done, so work done early never hides work overdue (the browser says the same)."""
    if behind:
        return f"{_tasks(behind)} behind the plan" + (f" ({ahead} done ahead of it)." if ahead else ".")
    return f"{_tasks(ahead)} ahead of the plan." if ahead else "On track."


def _pct(a: int, b: int) -> str:
    return f"{(200 * a + b) // (2 * b) if b else 0}%"  # half up, as Math.round on the page


def _date(d: dt.date | str) -> str:
    """A date as readers read it everywhere (site, Progress, CLI): "Sun 24 Jan 2027"."""
    return (dt.date.fromisoformat(d) if isinstance(d, str) else d).strftime("%a %-d %b %Y")


def render_text(r: Report) -> str:
    plan, days = r.pace.plan, r.pace.days
    lines = [f"{plan.title}: progress report",
             f"Plan {plan.id} at the {days}-day pace" + (f", started {_date(r.progress.start_date)}" if r.progress.start_date else "")]
    if r.day is None:
        lines.append("No start date in the file: day, expected tasks and milestone dates need one.")
    elif r.day < 1:
        lines.append(f"Today {_date(r.today)}: the plan starts in {1 - r.day} day{'' if r.day == 0 else 's'}.")
    else:
        lines.append(f"Today {_date(r.today)}: day {min(r.day, days)} of {days}" + (" (the plan has ended)" if r.day > days else ""))
    lines.append("")
    lines.append(f"Overall: {r.done} of {r.total} tasks done ({_pct(r.done, r.total)})")
    for phase, done, total in r.phases:
        lines.append(f"  Phase {phase.number}: {phase.title}: {done} of {total} ({_pct(done, total)})")
    if r.expected is not None:
        lines.append(f"Due before today: {r.expected} tasks. Done: {r.done}. {standing(r.behind, r.ahead)}")
    lines.append("")
    lines.append("Milestones:")
    words = [status_text(ms) for ms in r.milestones]
    width = max(map(len, words), default=0)
    for ms, word in zip(r.milestones, words):
        when = f"day {ms.day}" + (f" ({_date(ms.date)})" if ms.date else "")
        lines.append(f"  {word:<{width}}  {ms.milestone.title}, {when}")
    if r.progress.start_date:
        end = r.progress.start_date + dt.timedelta(days=days - 1)
        lines.append("")
        finish = _date(r.finish) if r.finish and r.finish[:1].isdigit() else r.finish or "not enough ticks yet to project"
        lines.append(f"Projected finish: {finish}; the plan ends {_date(end)}.")
    if r.review:
        lines.append("")
        lines.append("Needs review (confidence 1 or 2 of 5):")
        for task, value in r.review:
            text = task.text if len(task.text) <= 100 else task.text[:99] + "…"
            lines.append(f"  {value}/5  {text} ({task.id})")
    if r.unknown:
        lines.append(f"{r.unknown} ticked id in the file is not in this plan; it is kept." if r.unknown == 1 else
                     f"{r.unknown} ticked ids in the file are not in this plan; they are kept.")
    lines.extend(f"{n} {what}" for n, what in r.kept)
    return "\n".join(lines) + "\n"
