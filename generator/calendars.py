"""iCalendar files of a plan: weekday blocks, weekend sessions, milestones.

Rules Google Calendar and RFC 5545 need (see shared notes and tests): CRLF lines
folded at 75 octets, one VTIMEZONE per zone limited to the plan's dates, every
timed start with a TZID, all-day milestones with an exclusive end, DTSTAMP
derived from the inputs, stable UIDs (plan id + plan day + slot). Same inputs,
same bytes. The events are the reader's dated agenda (`reader.dated`) in the
words of `words.Words`; the browser's writer (docs/assets/calendar.js) makes
the same events from the same rules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from .pace import Pace
from .reader import dated, milestones
from .replan import Schedule, plain
from .settings import Settings
from .words import Words

PRODID = "-//studyplan//Study plan calendar 1.0//EN"
KINDS = ("daily", "weekend", "milestones")
REFRESH = dt.timedelta(days=1)  # how often a subscribed calendar should be fetched again (Google: every 8-24 hours anyway)


def local_start(day: dt.date, hhmm: str, zone: ZoneInfo) -> dt.datetime:
    """The wall time `hhmm` on `day` in `zone`. A time inside a DST gap moves
    forward by the gap; inside an overlap it is the first occurrence
    (RFC 5545 3.3.5). Both follow from fold=0 and a round trip through UTC."""
    naive = dt.datetime.combine(day, dt.time(*map(int, hhmm.split(":"))))
    instant = naive.replace(tzinfo=zone, fold=0).astimezone(dt.UTC)
    return instant.astimezone(zone)


def uid(plan_id: str, day: int | None, slot: str) -> str:
    """Stable UID from the plan id, the plan day and the slot; never the pace
    or a date."""
    where = f"d{day:03d}-{slot}" if day is not None else slot
    return f"{plan_id}-{where}@studyplan"


@dataclass(frozen=True)
class CalEvent:
    """One calendar event, its words made."""

    uid: str
    summary: str
    description: str
    date: dt.date
    start: dt.datetime | None  # None: all day
    minutes: int


def events(schedule: Schedule | Pace, settings: Settings) -> dict[str, list[CalEvent]]:
    """The events of each calendar kind of the reader's schedule."""
    if isinstance(schedule, Pace):
        schedule = plain(schedule)
    plan = schedule.plan
    words = Words(plan)
    zone = settings.zone
    kinds: dict[str, list[CalEvent]] = {k: [] for k in KINDS}
    for d in dated(schedule, settings):
        e = d.entry
        kind = "weekend" if e.slot == "weekend" else "daily"
        kinds[kind].append(CalEvent(uid(plan.id, e.day, e.slot), words.summary(e), words.description(e, settings.site_url),
                                 d.date, local_start(d.date, d.start, zone), e.minutes))
    for m in milestones(schedule, settings.start_date):
        summary, description = words.milestone(m.milestone, m.day, m.of)
        kinds["milestones"].append(CalEvent(uid(plan.id, None, f"milestone-{m.milestone.id}"), summary, description,
                                         m.date, None, 0))
    return kinds


def _calendar(plan_id: str, days: int, kind: str, name: str, events: list[CalEvent], start: dt.date,
              feed: str | None = None, known: Mapping[str, bytes] | None = None,
              used: dict[str, bytes] | None = None) -> bytes:
    """The calendar's bytes. Its events are written one by one (`known`: the
    VEVENT bytes of an earlier build by event, reused; `used` gets those of
    this one), after the calendar's own lines and VTIMEZONE, as icalendar
    writes subcomponents in order: a plan edit writes only the events it changed."""
    from icalendar import Calendar, vDuration  # only on a cache miss: a warm site build never loads it

    known = known or {}
    used = used if used is not None else {}
    cal = Calendar.new(prodid=PRODID, name=name, uid=f"{plan_id}-{kind}@studyplan")
    cal.add("calscale", "GREGORIAN")
    if feed is not None:  # a file the site publishes: subscribers read its name, description and refresh hints
        cal.add("x-wr-caldesc", feed)
        cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})  # RFC 7986 (Apple)
        cal.add("x-published-ttl", vDuration(REFRESH))  # Outlook
    stamp = dt.datetime.combine(start, dt.time(0, 0), tzinfo=dt.UTC)
    timed = next((e for e in events if e.start is not None), None)
    if timed is not None:  # the VTIMEZONE its events need (one zone: every start is in the settings' zone)
        probe = _event(timed, stamp)
        cal.add_component(probe)
        cal.add_missing_timezones(first_date=start - dt.timedelta(days=1), last_date=start + dt.timedelta(days=days + 1))
        cal.subcomponents.remove(probe)
    head = cal.to_ical()
    end = b"END:VCALENDAR\r\n"
    assert head.endswith(end)
    body = []
    for e in events:
        key = repr((e, stamp))
        text = used.get(key) or known.get(key) or _event(e, stamp).to_ical()
        used[key] = text
        body.append(text)
    return head[:-len(end)] + b"".join(body) + end


def _event(e: CalEvent, stamp: dt.datetime) -> Any:  # -> icalendar.Event
    from icalendar import Alarm, Event

    if e.start is None:
        event = Event.new(uid=e.uid, summary=e.summary, description=e.description, stamp=stamp,
                          start=e.date, end=e.date + dt.timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"Tomorrow: {e.summary}")
        alarm.add("trigger", dt.timedelta(days=-1))
        event.add_component(alarm)
        return event
    # Add the length to the instant, not the wall time: across a DST
    # change a 112-minute session still lasts 112 minutes.
    end = (e.start.astimezone(dt.UTC) + dt.timedelta(minutes=e.minutes)).astimezone(e.start.tzinfo)
    return Event.new(uid=e.uid, summary=e.summary, description=e.description, stamp=stamp, start=e.start, end=end)


WHAT = {"daily": "weekday study blocks", "weekend": "weekend sessions", "milestones": "milestones"}


def calendar_names(title: str, days: int) -> dict[str, str]:
    """Each file's name (X-WR-CALNAME, the name Google gives a subscribed calendar): 'Plan: milestones (90 days)'."""
    return {kind: f"{title}: {WHAT[kind]} ({days} days)" for kind in KINDS}


def feed_urls(site_url: str, days: int, kind: str) -> tuple[str, str]:
    """(https address, webcal:// address) of a prebuilt file of the published site."""
    url = f"{site_url.rstrip('/')}/calendar/{days}/{kind}.ics"
    return url, "webcal://" + url.split("://", 1)[1]


def calendar_files(schedule: Schedule | Pace, settings: Settings, feed: bool = False,
                   known: Mapping[str, bytes] | None = None, used: dict[str, bytes] | None = None) -> dict[str, bytes]:
    """{"daily.ics": ..., "weekend.ics": ..., "milestones.ics": ...} of the reader's schedule. With `feed` (the
    site's prebuilt files, which can be subscribed to by URL) each also says what it is (X-WR-CALDESC) and asks to
    be fetched again daily (REFRESH-INTERVAL, X-PUBLISHED-TTL); a reader's own file is imported, not a feed.
    `known`, `used`: the events' bytes reused and written (see `_calendar`)."""
    kinds = events(schedule, settings)
    plan = schedule.plan
    title, days = plan.title, schedule.days
    names = calendar_names(title, days)
    start = settings.start_date
    about = {kind: f"{title}: {WHAT[kind]} of the {days}-day plan from {start:%A %-d %B %Y} ({settings.timezone})."
             + (f" {settings.site_url}calendar/" if settings.site_url else "") for kind in KINDS}
    return {f"{kind}.ics": _calendar(plan.id, days, kind, names[kind], kinds[kind], start, about[kind] if feed else None,
                                     known, used) for kind in KINDS}
