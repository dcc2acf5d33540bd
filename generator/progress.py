"""The progress file: format, validation and the merge rule.

    {"format": "studyplan-progress", "version": 1, "plan": "<plan id>",
     "done": {"<id>": "<ISO time>"},
     "undone": {"<id>": "<ISO time>"},          optional: when a box was unticked
     "exported_at": "<ISO time>", "start_date": "YYYY-MM-DD" | null,
     "pace": 90, "timezone": "Europe/London",     optional
     "replans": [{"on": "YYYY-MM-DD", "mode": "keep-end" | "move-end", "days": N}]   optional: catch-ups

Merge rule: for each id, the latest time across `done` and `undone` of both
sides wins, so unticks travel too. Ids the plan no longer has are kept.
Catch-ups (`replans`) merge as the union of both sides in date order.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError, Problem
from .source import read_text

FORMAT = "studyplan-progress"
VERSION = 1
_KEYS = {"format", "version", "plan", "done", "undone", "exported_at", "start_date", "pace", "timezone", "notes",
         "confidence", "replans"}  # notes and confidence are the browser's: kept in the file, not read here


@dataclass(frozen=True)
class Progress:
    """Ticks and unticks by id, with their times."""

    plan: str
    done: dict[str, dt.datetime] = field(default_factory=dict)
    undone: dict[str, dt.datetime] = field(default_factory=dict)
    start_date: dt.date | None = None
    pace: int | None = None
    exported_at: dt.datetime | None = None
    timezone: str | None = None
    replans: tuple = ()  # replan.Replan, in date order


def _time(value: Any) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def parse_progress(text: str, source: str, plan_id: str | None = None) -> Progress:
    """Validate a progress file's text, reporting every problem at once."""
    problems: list[Problem] = []

    def line_of(key: str) -> int | None:
        match = re.search(r'"' + re.escape(key) + r'"\s*:', text)
        return text.count("\n", 0, match.start()) + 1 if match else None

    def bad(path: str, message: str, key: str | None = None) -> None:
        problems.append(Problem(source, line_of(key or path.split(".")[-1]), path, message))

    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError([Problem(source, exc.lineno, "", f"not valid JSON: {exc.msg} (column {exc.colno})")]) from None
    if not isinstance(data, dict):
        raise InputError.single(source, "expected a JSON object (a studyplan progress file)", line=1)
    if data.get("format") != FORMAT:
        bad("format", f"expected {FORMAT!r} but got {data.get('format')!r}")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        bad("version", f"expected {VERSION} but got {version!r}")
    elif version > VERSION:
        bad("version", f"expected version {VERSION} or older but got {version}: "
                       "the file comes from a newer studyplan; update this one")
    plan = data.get("plan")
    if not isinstance(plan, str) or not plan:
        bad("plan", f"expected the plan id (text) but got {plan!r}")
    elif plan_id and plan != plan_id:
        bad("plan", f"expected progress of plan {plan_id!r} but got {plan!r} (a file of another plan)")
    for key in sorted(set(data) - _KEYS):
        bad(key, f"unknown key; expected one of: {', '.join(sorted(_KEYS))}")
    maps: dict[str, dict[str, dt.datetime]] = {"done": {}, "undone": {}}
    for name in ("done", "undone"):
        value = data.get(name, {} if name == "undone" else None)
        if not isinstance(value, dict):
            bad(name, f"expected an object of id -> ISO time but got {json.dumps(value)}")
            continue
        for item, when in value.items():
            parsed = _time(when)
            if parsed is None:
                bad(f"{name}.{item}", f"expected an ISO time like 2027-01-04T10:00:00Z but got {json.dumps(when)}",
                    key=item)
            else:
                maps[name][item] = parsed
    start = data.get("start_date")
    start_date = None
    if start is not None:
        try:
            start_date = dt.date.fromisoformat(start) if isinstance(start, str) and len(start) == 10 else None
        except ValueError:
            start_date = None
        if start_date is None:
            bad("start_date", f"expected a date YYYY-MM-DD or null but got {json.dumps(start)}")
    pace = data.get("pace")
    if pace is not None and (not isinstance(pace, int) or isinstance(pace, bool) or not 28 <= pace <= 365):
        bad("pace", f"expected a number of days from 28 to 365 or null but got {json.dumps(pace)}")
    exported = data.get("exported_at")
    if exported is not None and _time(exported) is None:
        bad("exported_at", f"expected an ISO time but got {json.dumps(exported)}")
    replans = _replans(data.get("replans", []), bad)
    timezone = data.get("timezone")
    if timezone is not None and not isinstance(timezone, str):
        bad("timezone", f"expected a time zone name or null but got {json.dumps(timezone)}")
    if problems:
        raise InputError(problems)
    return Progress(plan=plan, done=maps["done"], undone=maps["undone"], start_date=start_date, pace=pace,
                    exported_at=_time(exported), timezone=timezone, replans=replans)


def _replans(value: Any, bad: Any) -> tuple:
    from .replan import MODES, Replan

    if not isinstance(value, list):
        bad("replans", f"expected a list of {{on, mode, days}} but got {json.dumps(value)}")
        return ()
    result = []
    for i, r in enumerate(value):
        on = r.get("on") if isinstance(r, dict) else None
        try:
            date = dt.date.fromisoformat(on) if isinstance(on, str) and len(on) == 10 else None
        except ValueError:
            date = None
        days = r.get("days") if isinstance(r, dict) else None
        if (not isinstance(r, dict) or set(r) != {"on", "mode", "days"} or date is None or r["mode"] not in MODES
                or not isinstance(days, int) or isinstance(days, bool) or not 28 <= days <= 365):
            bad(f"replans[{i}]", 'expected {"on": "YYYY-MM-DD", "mode": "keep-end" or "move-end", "days": 28-365} '
                f"but got {json.dumps(r)}", key="replans")
        else:
            result.append(Replan(date, r["mode"], days))
    return tuple(sorted(result, key=lambda r: r.on))


def read_progress(path: Path, plan_id: str | None = None, display: str | None = None) -> Progress:
    name = display or str(path)
    return parse_progress(read_text(path, name), name, plan_id)


def merge(a: Progress, b: Progress) -> Progress:
    """For each id the latest event (tick or untick) across both sides wins."""
    events: dict[str, tuple[dt.datetime, bool]] = {}
    for side in (a, b):
        for item, when in side.done.items():
            if item not in events or when > events[item][0]:
                events[item] = (when, True)
        for item, when in side.undone.items():
            if item not in events or when > events[item][0] or (when == events[item][0] and not events[item][1]):
                events[item] = (when, False)
    done = {i: t for i, (t, ok) in sorted(events.items()) if ok}
    undone = {i: t for i, (t, ok) in sorted(events.items()) if not ok}
    union = tuple(sorted(dict.fromkeys(a.replans + b.replans), key=lambda r: r.on))  # the union, in date order
    return Progress(plan=a.plan, done=done, undone=undone, start_date=b.start_date or a.start_date,
                    pace=b.pace or a.pace, timezone=b.timezone or a.timezone, replans=union)
