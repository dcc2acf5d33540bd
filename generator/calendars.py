"""iCalendar files of a plan: weekday blocks, weekend sessions, milestones.

Rules Google Calendar and RFC 5545 need (see docs/calendar.md): CRLF lines
folded at 75 octets, one VTIMEZONE per zone limited to the plan's dates, every
timed start with a TZID, all-day milestones with an exclusive end, DTSTAMP
derived from the inputs, stable UIDs from the timeline. Same inputs, same bytes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from . import model
from .clock import clock, minutes
from .errors import InputError, Problem
from .timeline import Entry, entries_from_data, timeline_data

PRODID = "-//studyplan//Study plan calendar 1.0//EN"
KINDS = ("daily", "weekend", "milestones")
WEEKEND_DAYS = {"sat": 5, "sun": 6}
_TIME = re.compile(r"^([01][0-9]|2[0-3]):([0-5][0-9])$")


@dataclass(frozen=True)
class CalendarOptions:
    """Where and when the plan is lived: start date, zone and clock times."""

    start: dt.date
    timezone: str
    times: tuple[str, ...]
    weekend_time: str
    weekend_days: tuple[str, ...] = ("sat", "sun")
    site_url: str | None = field(default=None)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


def parse_options(plan: model.Plan, *, start: str, timezone: str, times: str | None = None,
                  weekend_time: str | None = None, weekend_days: str | None = None,
                  site_url: str | None = None, source: str = "options") -> CalendarOptions:
    """Check user-given calendar options, reporting every problem at once."""
    problems: list[Problem] = []

    def bad(name: str, message: str) -> None:
        problems.append(Problem(source, None, name, message))

    start_date = None
    try:
        start_date = dt.date.fromisoformat(start)
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", start):
            raise ValueError
    except ValueError:
        bad("--start", f"expected a date as YYYY-MM-DD (like 2027-01-04) but got {start!r}")
    try:
        if not timezone or timezone != timezone.strip() or timezone.startswith("/"):
            raise ZoneInfoNotFoundError(timezone)
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        bad("--tz", f"expected an IANA time zone (like Europe/London or America/New_York) but got {timezone!r}")
    blocks = plan.schedule.blocks
    time_list = tuple(t.strip() for t in times.split(",")) if times else tuple(b.start for b in blocks)
    if len(time_list) != len(blocks):
        bad("--times", f"expected {len(blocks)} times (one per block: {', '.join(b.id for b in blocks)}) "
                       f"but got {len(time_list)}")
    elif not all(_TIME.match(t) for t in time_list):
        bad("--times", f"expected times as HH:MM (24-hour, like 07:00) but got {times!r}")
    else:
        spans = sorted((minutes(t), b.minutes, b.id) for t, b in zip(time_list, blocks))
        for (s1, l1, id1), (s2, _, id2) in zip(spans, spans[1:]):
            if s1 + l1 > s2:
                bad("--times", f"expected blocks that do not overlap but '{id1}' ({clock(s1)}-{clock(s1 + l1)}) "
                               f"overlaps '{id2}' ({clock(s2)})")
        for s, length, bid in spans:
            if s + length > 24 * 60:
                bad("--times", f"expected '{bid}' to end by midnight but it ends at {clock(s + length)}")
    wtime = weekend_time or plan.schedule.weekend.start
    if not _TIME.match(wtime):
        bad("--weekend-time", f"expected a time as HH:MM (24-hour, like 09:00) but got {wtime!r}")
    days = tuple(d.strip().lower() for d in (weekend_days or "sat,sun").split(",") if d.strip())
    if not days or any(d not in WEEKEND_DAYS for d in days) or len(set(days)) != len(days):
        bad("--weekend-days", f"expected sat, sun or sat,sun but got {weekend_days!r}")
    if problems:
        raise InputError(problems)
    assert start_date is not None
    return CalendarOptions(start=start_date, timezone=timezone, times=time_list, weekend_time=wtime,
                           weekend_days=tuple(sorted(days, key=WEEKEND_DAYS.get)), site_url=site_url)


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


def schedule(plan: model.Plan, options: CalendarOptions, site_url: str | None = None) -> dict[str, list[Scheduled]]:
    """The events of each calendar kind, from the shared timeline."""
    # Read the same data the Calendar page embeds for the browser's writer.
    entries = entries_from_data(timeline_data(plan, site_url if site_url is not None else options.site_url))
    by_key = {(e.day, e.slot, e.variant): e for e in entries}
    zone = options.zone
    kinds: dict[str, list[Scheduled]] = {k: [] for k in KINDS}
    weekend_numbers = [WEEKEND_DAYS[d] for d in options.weekend_days]
    for day in range(1, plan.days + 1):
        date = options.start + dt.timedelta(days=day - 1)
        weekday = date.weekday()
        if weekday < 5:
            for block, hhmm in zip(plan.schedule.blocks, options.times):
                entry = by_key[(day, block.id, "weekday")]
                kinds["daily"].append(Scheduled(entry, date, local_start(date, hhmm, zone)))
        elif weekday in weekend_numbers:
            variant = "single" if len(weekend_numbers) == 1 else ("sat" if weekday == 5 else "sun")
            entry = by_key[(day, "weekend", variant)]
            kinds["weekend"].append(Scheduled(entry, date, local_start(date, options.weekend_time, zone)))
    for entry in entries:
        if entry.slot == "milestone":
            kinds["milestones"].append(Scheduled(entry, options.start + dt.timedelta(days=entry.day - 1), None))
    return kinds


def _calendar(plan: model.Plan, kind: str, name: str, events: list[Scheduled], options: CalendarOptions) -> bytes:
    from icalendar import Alarm, Calendar, Event  # only on a cache miss: a warm site build never loads it

    cal = Calendar.new(prodid=PRODID, name=name, uid=f"{plan.id}-{kind}@studyplan")
    cal.add("calscale", "GREGORIAN")
    stamp = dt.datetime.combine(options.start, dt.time(0, 0), tzinfo=dt.UTC)
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
        first = options.start - dt.timedelta(days=1)
        last = options.start + dt.timedelta(days=plan.days + 1)
        cal.add_missing_timezones(first_date=first, last_date=last)
        # VTIMEZONE first: some readers want zones defined before use.
        cal.subcomponents.sort(key=lambda c: c.name != "VTIMEZONE")
    return cal.to_ical()


def calendar_files(plan: model.Plan, options: CalendarOptions, site_url: str | None = None) -> dict[str, bytes]:
    """{"daily.ics": ..., "weekend.ics": ..., "milestones.ics": ...} at the plan's pace."""
    kinds = schedule(plan, options, site_url)
    names = {
        "daily": f"{plan.title}: weekday study blocks ({plan.days} days)",
        "weekend": f"{plan.title}: weekend sessions ({plan.days} days)",
        "milestones": f"{plan.title}: milestones ({plan.days} days)",
    }
    return {f"{kind}.ics": _calendar(plan, kind, names[kind], kinds[kind], options) for kind in KINDS}


def site_options(site) -> CalendarOptions:
    """The calendar options of the published site (mkdocs.yml extra.studyplan)."""
    extra = site.extra
    start = site.start_date.isoformat() if site.start_date else "2027-01-04"
    try:
        return parse_options(site.base, start=start, timezone=site.timezone,
                             times=",".join(extra.get("times") or []) or None,
                             weekend_time=extra.get("weekend_time"),
                             weekend_days=",".join(extra.get("weekend_days") or []) or None,
                             site_url=site.site_url, source="mkdocs.yml")
    except InputError as exc:  # name the mkdocs.yml setting, not the CLI flag
        names = {"--start": "start_date", "--tz": "timezone", "--times": "times", "--weekend-time": "weekend_time",
                 "--weekend-days": "weekend_days"}
        raise InputError([Problem(p.source, p.line, f"extra.studyplan.{names.get(p.field, p.field)}", p.message)
                          for p in exc.problems]) from None
