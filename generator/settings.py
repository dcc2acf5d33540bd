"""Settings: where and when the plan is lived, and which paces the site offers.

What the user wrote in `mkdocs.yml` (`plugins: - studyplan: ...`) or on the
command line (`--start`, `--tz`, `--times`, ...), checked once into a frozen
`Settings`. Every default comes from the plan: block times from
`schedule.blocks`, the weekend time from `schedule.weekend`, the paces from
`days` and `commitment.days`. Leaving every setting out works.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import zoneinfo
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from . import model
from .clock import clock, minutes
from .errors import InputError, Problem
from .pace import MAX_DAYS, MIN_DAYS

# The start of the prebuilt calendar files and example dates when no start
# date is set: a Monday, so the plan's day 1 is a Monday as its hours count.
EXAMPLE_START = dt.date(2027, 1, 4)
_TIME = re.compile(r"^([01][0-9]|2[0-3]):([0-5][0-9])$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Start dates the outputs can show with a whole plan after them.
FIRST_START = dt.date(1970, 1, 1)
LAST_START = dt.date(9000, 12, 31)


@dataclass(frozen=True, kw_only=True)
class Settings:
    """The settings of one build or one command, every one filled in."""

    start_date: dt.date
    start_is_example: bool  # True when no start date was given (prebuilt files)
    timezone: str
    times: tuple[str, ...]  # one start time per block, in the plan's order
    weekend_time: str
    weekend_days: tuple[str, ...]  # "sat", "sun" or both, in that order
    paces: tuple[int, ...]  # the paces the site offers, in order
    default_pace: int
    site_url: str | None = None

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)


@functools.cache
def zones() -> dict[str, str]:
    """Lower-case name -> canonical IANA name of every zone a reader may pick:
    the Area/Location zones and UTC, as the browser's
    `Intl.supportedValuesOf('timeZone')` offers them (no 'EST', 'US/...')."""
    names = {n for n in zoneinfo.available_timezones()
             if ("/" in n and n.split("/")[0] in _AREAS) or n == "UTC"}
    return {n.lower(): n for n in names}


_AREAS = {"Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific"}


def canonical_zone(text: str) -> str | None:
    """The canonical IANA name for `text` in any case, or None."""
    if text == "UTC":  # the default: no need to list every zone file
        return text
    return zones().get(text.strip().lower()) if isinstance(text, str) else None


Names = Callable[[str], str]


def parse_settings(plan: model.Plan, raw: Mapping[str, Any], *, source: str, name: Names = str,
                   line: Callable[[str], int | None] = lambda key: None, site_url: str | None = None) -> Settings:
    """Check user-given settings (any of them may be missing or None) and fill
    in the plan's defaults, reporting every problem at once. `name` turns a
    setting's key into what the user typed (`--times`, `plugins.studyplan.times`)."""
    problems: list[Problem] = []

    def bad(key: str, message: str) -> None:
        problems.append(Problem(source, line(key), name(key), message))

    def given(key: str) -> Any:
        value = raw.get(key)
        return None if value is None or value == "" else value

    start = EXAMPLE_START
    if (value := given("start_date")) is not None:
        parsed = _date(value)
        if parsed is None:
            bad("start_date", f"expected a date as YYYY-MM-DD (like 2027-01-04) but got {_show(value)}")
        elif not FIRST_START <= parsed <= LAST_START:
            bad("start_date", f"expected a date from {FIRST_START} to {LAST_START} but got {parsed}")
        else:
            start = parsed
    timezone = "UTC"
    if (value := given("timezone")) is not None:
        zone = canonical_zone(value) if isinstance(value, str) else None
        if zone is None:
            bad("timezone", f"expected an IANA time zone (like Europe/London or America/New_York) but got {_show(value)}")
        else:
            timezone = zone
    blocks = plan.schedule.blocks
    times = tuple(b.start for b in blocks)
    if (value := given("times")) is not None:
        items = [t.strip() for t in value.split(",")] if isinstance(value, str) else value
        if not isinstance(items, list | tuple) or not all(isinstance(t, str) for t in items):
            bad("times", f"expected a list of times HH:MM, one per block, but got {_show(value)}")
        elif len(items) != len(blocks):
            bad("times", f"expected {len(blocks)} time{'s' if len(blocks) != 1 else ''} (one per block: "
                f"{', '.join(b.label for b in blocks)}) but got {len(items)}")
        elif not all(_TIME.match(t) for t in items):
            bad("times", f"expected times as HH:MM (24-hour, like 07:00) but got {_show(value)}")
        else:
            times = tuple(items)
            _check_overlaps(blocks, times, lambda m: bad("times", m))
    weekend_time = plan.schedule.weekend.start if plan.schedule.weekend else "09:00"
    if (value := given("weekend_time")) is not None:
        if not isinstance(value, str) or not _TIME.match(value):
            bad("weekend_time", f"expected a time as HH:MM (24-hour, like 09:00) but got {_show(value)}")
        else:
            weekend_time = value
    plan_days = plan.schedule.weekend_days
    weekend_days: tuple[str, ...] = plan_days
    if (value := given("weekend_days")) is not None:
        items = [d.strip().lower() for d in value.split(",") if d.strip()] if isinstance(value, str) else value
        if (not isinstance(items, list | tuple) or not items or not all(isinstance(d, str) and d in plan_days for d in items)
                or len(set(items)) != len(items)):
            bad("weekend_days", f"expected some of the plan's weekend days ({','.join(plan_days)}), separated by commas, "
                                f"but got {_show(value)}")
        else:
            weekend_days = tuple(d for d in plan_days if d in items)
    paces: tuple[int, ...] = (plan.days, plan.commitment.days)
    if (value := given("paces")) is not None:
        if (not isinstance(value, list | tuple) or not value
                or not all(isinstance(n, int) and not isinstance(n, bool) and MIN_DAYS <= n <= MAX_DAYS for n in value)):
            bad("paces", f"expected a list of plan lengths in days ({MIN_DAYS}-{MAX_DAYS}) but got {_show(value)}")
        elif any(n < len(plan.weeks) for n in value):
            bad("paces", f"expected at least one day per week ({len(plan.weeks)} weeks) but got {_show(value)}")
        else:
            paces = tuple(dict.fromkeys(value))
    default = paces[0]
    if (value := given("default_pace")) is not None:
        if value not in paces or isinstance(value, bool):
            bad("default_pace", f"expected one of the paces ({', '.join(map(str, paces))}) but got {_show(value)}")
        else:
            default = value
    if problems:
        raise InputError(problems)
    return Settings(start_date=start, start_is_example=given("start_date") is None, timezone=timezone, times=times,
                    weekend_time=weekend_time, weekend_days=weekend_days, paces=paces, default_pace=default,
                    site_url=site_url or None)


def _check_overlaps(blocks: tuple[model.Block, ...], times: tuple[str, ...], bad: Callable[[str], None]) -> None:
    spans = sorted((minutes(t), b.minutes, b.label) for t, b in zip(times, blocks))
    for (s1, l1, a), (s2, _, b) in zip(spans, spans[1:]):
        if s1 + l1 > s2:
            bad(f"expected blocks that do not overlap but {a} ({clock(s1)}-{clock(s1 + l1)}) overlaps {b} ({clock(s2)})")
    for s, length, label in spans:
        if s + length > 24 * 60:
            bad(f"expected {label} to end by midnight but it ends at {clock(s + length)}")


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not _DATE.match(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _show(value: Any) -> str:
    text = repr(value) if not isinstance(value, list | tuple) else "[" + ", ".join(map(repr, value)) + "]"
    return text if len(text) <= 80 else text[:77] + "..."
