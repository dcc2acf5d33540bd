"""iCalendar files of a plan: weekday blocks, weekend sessions, milestones.

Rules Google Calendar and RFC 5545 need (see shared notes and tests): CRLF lines
folded at 75 octets, one VTIMEZONE per zone limited to the plan's dates, every
timed start with a TZID, all-day milestones with an exclusive end, DTSTAMP
derived from the inputs, stable UIDs from the timeline. Same inputs, same bytes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from .pace import Pace
from .settings import WEEKEND_DAYS, Settings
from .timeline import Entry, entries_from_data, timeline_data

PRODID = "-//studyplan//Study plan calendar 1.0//EN"
KINDS = ("daily", "weekend", "milestones")


def local_start(day: dt.date, hhmm: str, zone: ZoneInfo) -> dt.datetime:
    """The wall time `hhmm` on `day` in `zone`. A time inside a DST gap moves
    forward by the gap; inside an overlap it is the first occurrence
    (RFC 5545 3.3.5). Both follow from fold=0 and a round trip through UTC."""
    naive = dt.datetime.combine(day, dt.time(*map(int, hhmm.split(":"))))
    instant = naive.replace(tzinfo=zone, fold=0).astimezone(dt.UTC)
    return instant.astimezone(zone)


@dataclass(frozen=True)
class Scheduled:
    """A timeline entry placed on a date (and a time, unless all-day)."""

    entry: Entry
    date: dt.date
    start: dt.datetime | None


def schedule(pace: Pace, settings: Settings, timeline: dict | None = None) -> dict[str, list[Scheduled]]:
    """The events of each calendar kind, from the shared timeline (the same
    data the Calendar page embeds for the browser's writer)."""
    entries = entries_from_data(timeline or timeline_data(pace, settings.site_url, settings.start_date.weekday()))
    by_key = {(e.day, e.slot, e.variant): e for e in entries}
    zone = settings.zone
    start = settings.start_date
    kinds: dict[str, list[Scheduled]] = {k: [] for k in KINDS}
    weekend_numbers = [WEEKEND_DAYS[d] for d in settings.weekend_days]
    for day in range(1, pace.days + 1):
        date = start + dt.timedelta(days=day - 1)
        weekday = date.weekday()
        if weekday < 5:
            for block, hhmm in zip(pace.plan.schedule.blocks, settings.times):
                entry = by_key[(day, block.id, "weekday")]
                kinds["daily"].append(Scheduled(entry, date, local_start(date, hhmm, zone)))
        elif weekday in weekend_numbers:
            variant = "single" if len(weekend_numbers) == 1 else ("sat" if weekday == 5 else "sun")
            entry = by_key[(day, "weekend", variant)]
            kinds["weekend"].append(Scheduled(entry, date, local_start(date, settings.weekend_time, zone)))
    for entry in entries:
        if entry.slot == "milestone":
            kinds["milestones"].append(Scheduled(entry, start + dt.timedelta(days=entry.day - 1), None))
    return kinds


def _calendar(pace: Pace, kind: str, name: str, events: list[Scheduled], start: dt.date) -> bytes:
    from icalendar import Alarm, Calendar, Event  # only on a cache miss: a warm site build never loads it

    cal = Calendar.new(prodid=PRODID, name=name, uid=f"{pace.plan.id}-{kind}@studyplan")
    cal.add("calscale", "GREGORIAN")
    stamp = dt.datetime.combine(start, dt.time(0, 0), tzinfo=dt.UTC)
    for item in events:
        e = item.entry
        if item.start is None:
            event = Event.new(uid=e.uid, summary=e.summary, description=e.description, stamp=stamp,
                              start=item.date, end=item.date + dt.timedelta(days=1))
            event.add("transp", "TRANSPARENT")
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"Tomorrow: {e.summary}")
            alarm.add("trigger", dt.timedelta(days=-1))
            event.add_component(alarm)
        else:
            # Add the length to the instant, not the wall time: across a DST
            # change a 112-minute session still lasts 112 minutes.
            end = (item.start.astimezone(dt.UTC) + dt.timedelta(minutes=e.minutes)).astimezone(item.start.tzinfo)
            event = Event.new(uid=e.uid, summary=e.summary, description=e.description, stamp=stamp,
                              start=item.start, end=end)
        cal.add_component(event)
    if any(item.start is not None for item in events):
        first = start - dt.timedelta(days=1)
        last = start + dt.timedelta(days=pace.days + 1)
        cal.add_missing_timezones(first_date=first, last_date=last)
        # VTIMEZONE first: some readers want zones defined before use.
        cal.subcomponents.sort(key=lambda c: c.name != "VTIMEZONE")
    return cal.to_ical()


def calendar_files(pace: Pace, settings: Settings, timeline: dict | None = None) -> dict[str, bytes]:
    """{"daily.ics": ..., "weekend.ics": ..., "milestones.ics": ...} at this pace."""
    kinds = schedule(pace, settings, timeline)
    title, days = pace.plan.title, pace.days
    names = {
        "daily": f"{title}: weekday study blocks ({days} days)",
        "weekend": f"{title}: weekend sessions ({days} days)",
        "milestones": f"{title}: milestones ({days} days)",
    }
    return {f"{kind}.ics": _calendar(pace, kind, names[kind], kinds[kind], settings.start_date) for kind in KINDS}
