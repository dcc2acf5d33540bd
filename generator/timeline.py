"""The calendar timeline of a plan at one pace: every possible event by plan
day and slot, independent of the start date.

Both calendar writers read it: the Python .ics writer (`calendars.py`) and the
browser's calendar builder (embedded as JSON on the Calendar page), so titles,
descriptions and UIDs are the same wherever a calendar is made. The start date
only decides which entries are used: weekday blocks on Monday-Friday, the
weekend entry of the right variant on the weekend days.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import model
from .agenda import Agenda
from .agenda import Entry as AgendaEntry
from .pace import Pace
from .text import TextTable

DAY_NAMES = {"sat": "Saturday", "sun": "Sunday"}
# Which weekend focus items go into a session: "sat"/"sun" when the weekend has
# both sessions, "single" when the reader studies on one weekend day only.
WEEKEND_VARIANTS = ("sat", "sun", "single")


@dataclass(frozen=True)
class Entry:
    """One possible calendar event."""

    day: int  # plan day (1-based)
    slot: str  # block id, "weekend" or "milestone"
    variant: str  # "weekday", a WEEKEND_VARIANTS value, or "allday"
    summary: str
    description: str
    minutes: int  # 0 for all-day events
    uid: str


def uid(plan: model.Plan, day: int | None, slot: str) -> str:
    """Stable UID from the plan id, the plan day and the slot; never the pace
    or a date, so re-importing updates events in place."""
    where = f"d{day:03d}-{slot}" if day is not None else slot
    return f"{plan.id}-{where}@studyplan"


def _week_text(pace: Pace, week: model.Week, site_url: str | None) -> str:
    text = f"Week {week.number}: {week.title} ({pace.week(week).text()} of {pace.days})"
    if site_url:
        text += f"\nWeek page: {site_url.rstrip('/')}/weeks/{week.id}/"
    return text


def _items(entry: AgendaEntry) -> str:
    return "\n".join(f"- {item}" for item in entry.items)


def timeline(pace: Pace, site_url: str | None = None, first_weekday: int = 0, agenda: Agenda | None = None) -> list[Entry]:
    """Every entry of the plan at this pace, in order of day and slot, with
    the agenda of a plan whose day 1 falls on `first_weekday` (0 = Monday)."""
    plan = pace.plan
    agenda = agenda or Agenda(pace, first_weekday)
    entries: list[Entry] = []
    sessions = dict(zip(("sat", "sun"), pace.weekend_sessions(2)))
    sessions["single"] = pace.weekend_minutes
    for day in range(1, pace.days + 1):
        week = pace.week_of_day(day)
        week_text = _week_text(pace, week, site_url)
        for block in plan.schedule.blocks:
            todo = agenda.entry(day, block.id)
            entries.append(Entry(
                day=day, slot=block.id, variant="weekday", summary=todo.summary,
                description=f"{block.activity}\n{_items(todo)}\n{week_text}",
                minutes=pace.minutes(block), uid=uid(plan, day, block.id)))
        saturday, sunday = agenda.entry(day, "saturday"), agenda.entry(day, "sunday")
        for variant in WEEKEND_VARIANTS:
            session = f"{DAY_NAMES[variant]} session" if variant != "single" else "weekend session"
            todo = saturday if variant == "sat" else sunday
            items = _items(todo) if variant != "single" else f"{_items(saturday)}\n{_items(sunday)}"
            summary = todo.summary if variant != "single" else saturday.summary.replace("Saturday", "Weekend", 1)
            entries.append(Entry(
                day=day, slot="weekend", variant=variant, summary=summary,
                description=f"{plan.schedule.weekend.title}, {session}:\n{items}\n{week_text}",
                minutes=sessions[variant], uid=uid(plan, day, "weekend")))
    for m in plan.milestones:
        day = pace.day_of(m)
        entries.append(Entry(
            day=day, slot="milestone", variant="allday",
            summary=f"Milestone: {m.title}",
            description=f"Verification: {m.verification}\nTarget: day {day} of the {pace.days}-day plan.",
            minutes=0, uid=uid(plan, None, f"milestone-{m.id}")))
    return entries


def timeline_data(pace: Pace, site_url: str | None = None, first_weekday: int = 0, agenda: Agenda | None = None) -> dict:
    """The timeline as compact JSON-ready data, embedded in the Calendar page
    and read back by the Python writer (`entries_from_data`).

    Each entry is [day, slot, variant, summary, description lines, minutes,
    uid]; description lines are indexes into `lines` (shared text is stored
    once) and are joined with newlines. Decoding does no formatting, so both
    writers produce exactly the same text.
    """
    intern = TextTable()
    entries = [[e.day, e.slot, e.variant, e.summary, [intern(x) for x in e.description.split("\n")], e.minutes, e.uid]
               for e in timeline(pace, site_url, first_weekday, agenda)]
    plan = pace.plan
    return {"plan": plan.id, "title": plan.title, "days": pace.days,
            "blocks": [[b.id, pace.minutes(b), b.label] for b in plan.schedule.blocks], "lines": intern.lines, "entries": entries}


def entries_from_data(data: dict) -> list[Entry]:
    """Entries back from `timeline_data` output."""
    lines = data["lines"]
    return [Entry(day=day, slot=slot, variant=variant, summary=summary,
                  description="\n".join(lines[i] for i in parts), minutes=minutes, uid=uid)
            for day, slot, variant, summary, parts, minutes, uid in data["entries"]]
