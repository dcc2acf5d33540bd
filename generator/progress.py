"""The progress file: format, validation and the merge rule.

    {"format": "studyplan-progress", "version": 1, "plan": "<plan id>",
     "done": {"<id>": "<time>"},
     "undone": {"<id>": "<time>"},                          optional: when a box was unticked
     "milestones": {"<milestone id>": "<time>"},            optional: when a milestone's "Reached" box was ticked
     "unreached": {"<milestone id>": "<time>"},             optional: when it was unticked
     "notes": {"<id>": {"text": "...", "time": "<time>"}},   optional: at most 9,999 characters a note
     "confidence": {"<id>": {"value": 1-5, "time": "<time>"}},  optional
     "reviews": {"<topic id>": [{"time": "<time>", "rating": 1-4}]},  optional: Again, Hard, Good, Easy
     "replans": [{"on": "YYYY-MM-DD", "mode": "keep-end" | "move-end" | "to-date", "days": 28-365}],  optional
     "days_off": [{"on": "YYYY-MM-DD", "mode": "shift" | "keep-end"}],  optional
     "timezone": "<IANA zone>" | null, "exported_at": "<time>",
     "start_date": "YYYY-MM-DD" | null, "pace": 28-365}     optional

A time is `YYYY-MM-DDTHH:MM:SS`, optionally `.fff`, then `Z` or `+HH:MM`/`-HH:MM`
(what the site's export writes: `2027-01-04T10:00:00.000Z`). Dates and times
lie in the years 1970-9000 (as on the site), so every date the outputs compute from them (a
start date plus a year of plan, a projected finish) can be shown. An id is a
slug (`^[a-z0-9]+(?:-[a-z0-9]+)*$`) of at most 64 characters; ids the plan
does not have are kept (a task may come back), ids that are not slugs are
refused. A file with any problem is refused whole, every problem reported.
The cases are in tests/progress/cases/ (shared with the browser's checks).

Merge rule: for each id, the latest time across `done` and `undone` of both
sides wins, so unticks travel too; notes and confidence: for each id, the
latest time wins (on a tie, the larger text or value, so merging is order-free);
replans and days off: both lists together, in date order, identical entries once;
reviews: for each topic the union of both lists by time (one entry per instant; the same
instant rated twice keeps the larger rating, so merging is order-free).
Milestones reached follow the rule of ticks: `milestones` and `unreached` are a
milestone's `done` and `undone`, merged the same way (the latest time across both
keys of both sides wins, a tick wins a tie). A milestone is reached when the
latest of its events is a tick (`reached`); files from before the `milestones`
key ticked a milestone in `done`, and those events count too.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import _CONTROL, QUOTE, InputError, Problem, quote

FORMAT = "studyplan-progress"
VERSION = 1
_KEYS = {"format", "version", "plan", "done", "undone", "milestones", "unreached", "notes", "confidence", "reviews",
         "replans", "days_off", "timezone",
         "exported_at", "start_date", "pace"}
MAX_BYTES = 32 * 1024 * 1024  # 100,000 ticks with notes fit easily
MAX_DEPTH = 8  # the format needs 4 (file > reviews > topic > rating)
MAX_NOTE = 9_999  # characters
MAX_ID = 64
MAX_REPLANS = 1_000
MAX_REVIEWS = 1_000  # ratings of one topic: years of daily reviews
YEARS = (1970, 9000)  # as the site: years 1970-9000, so start + a year of plan and every projection can be shown
MODES = ("keep-end", "move-end", "to-date")  # a catch-up's: keep the end, move it, or end on a chosen date
OFF_MODES = ("shift", "keep-end")  # a day off's: shift the rest by a day, or keep the end date
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_TIME = re.compile(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{3})?(Z|[+-]\d{2}:\d{2})")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[{}\[\]:,]')  # strings unrolled: no backtracking stack on a 20 MB one
_ZONE = re.compile(r"[A-Za-z0-9_+\-]+(?:/[A-Za-z0-9_+\-]+)*")


@dataclass(frozen=True)
class Note:
    text: str
    time: dt.datetime


@dataclass(frozen=True)
class Confidence:
    value: int  # 1 (not at all) to 5 (fully)
    time: dt.datetime


@dataclass(frozen=True, order=True)
class Review:
    """One rating of a topic's review: Again (1), Hard (2), Good (3) or Easy (4), at an instant."""

    time: dt.datetime
    rating: int

    def as_data(self) -> dict:
        return {"time": stamp(self.time), "rating": self.rating}


@dataclass(frozen=True, order=True)
class Replan:
    """One applied catch-up (generator/replan.py applies them)."""

    on: dt.date
    mode: str  # keep-end, move-end or to-date
    days: int  # the plan's length after it

    def as_data(self) -> dict:
        return {"on": self.on.isoformat(), "mode": self.mode, "days": self.days}


@dataclass(frozen=True, order=True)
class DayOff:
    """One day off (generator/replan.py applies them with the catch-ups)."""

    on: dt.date
    mode: str  # shift (the rest moves a day later) or keep-end (the rest is spread up to the end)

    def as_data(self) -> dict:
        return {"on": self.on.isoformat(), "mode": self.mode}


@dataclass(frozen=True)
class Progress:
    """Ticks and unticks by id, with their times; notes, confidence, replans."""

    plan: str
    done: dict[str, dt.datetime] = field(default_factory=dict)
    undone: dict[str, dt.datetime] = field(default_factory=dict)
    start_date: dt.date | None = None
    pace: int | None = None
    exported_at: dt.datetime | None = None
    notes: dict[str, Note] = field(default_factory=dict)
    confidence: dict[str, Confidence] = field(default_factory=dict)
    replans: tuple[Replan, ...] = ()
    timezone: str | None = None
    days_off: tuple[DayOff, ...] = ()
    reviews: dict[str, tuple[Review, ...]] = field(default_factory=dict)  # topic id -> ratings in time order
    milestones: dict[str, dt.datetime] = field(default_factory=dict)  # milestone id -> when "Reached" was ticked
    unreached: dict[str, dt.datetime] = field(default_factory=dict)  # milestone id -> when it was unticked


def reached(p: Progress, milestone_id: str) -> dt.datetime | None:
    """When a milestone was reached, or None: the latest of its events wins, a tick on a tie
    (`milestones`/`unreached`, and `done`/`undone` under its id from files before that key)."""
    ticks = [t for t in (p.milestones.get(milestone_id), p.done.get(milestone_id)) if t is not None]
    unticks = [t for t in (p.unreached.get(milestone_id), p.undone.get(milestone_id)) if t is not None]
    if not ticks or (unticks and max(unticks) > max(ticks)):
        return None
    return max(ticks)


class _Number:
    """A JSON number kept as written, so a 5000-digit one is a message, not a
    ValueError (Python's int-string limit) or an inf."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        if len(self.text) <= 20:
            return self.text
        return f"a number of {len(self.text):,} {'digits' if self.text.isdigit() else 'characters'}"


def _show(value: Any) -> str:
    """A value as a message quotes it (errors.quote: at most about 80 characters, one line)."""
    if isinstance(value, _Number):
        return repr(value)
    return quote(value)


def _quoted(text: str) -> str:
    """Text as Python quotes it ('another-plan') when short and plain, else as `quote` does."""
    return repr(text) if len(text) <= QUOTE and not _CONTROL.search(text) else quote(text)


def _key(path: str, key: str) -> str:
    """The path of `key` under `path` as a message names it: `done.k8s-probes`, or
    `done["Bad\\nId"]` (quoted) for a key that is empty, long or holds a control character."""
    if key and len(key) <= QUOTE and not _CONTROL.search(key) and not key.startswith("["):
        return f"{path}.{key}" if path else key
    return f"{path}[{quote(key)}]"


def _int(value: Any) -> int | None:
    if isinstance(value, _Number) and re.fullmatch(r"-?\d{1,9}", value.text):
        return int(value.text)
    return None


def parse_time(value: Any) -> dt.datetime | None:
    """A time as the format writes it, or None."""
    if not isinstance(value, str) or not (match := _TIME.fullmatch(value)):
        return None
    if not YEARS[0] <= int(match.group(1)) <= YEARS[1]:
        return None
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _time_message(value: Any) -> str:
    if isinstance(value, str) and (match := _TIME.fullmatch(value)) and not YEARS[0] <= int(match.group(1)) <= YEARS[1]:
        return f"expected a time in the years {YEARS[0]}-{YEARS[1]} but got {_show(value)}"
    return f"expected an ISO time like 2027-01-04T10:00:00Z but got {_show(value)}"


def parse_date(value: Any) -> dt.date | None:
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        return None
    try:
        date = dt.date.fromisoformat(value)
    except ValueError:
        return None
    return date if YEARS[0] <= date.year <= YEARS[1] else None


_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')


def _shallow(text: str) -> bool:
    """Whether no array or object nests deeper than MAX_DEPTH (a fast pass
    over the brackets outside strings)."""
    depth = 0
    for match in re.finditer(r"[\[\]{}]", _STRING.sub("", text)):
        if match.group() in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return False
        else:
            depth -= 1
    return True


def _structure(text: str, source: str) -> dict[str, int]:
    """One pass over the JSON text: refuse nesting deeper than MAX_DEPTH
    (before json.loads, which recurses) and note the line of every key, by
    path (`done.k8s-probes`, `replans[2].mode`)."""
    newlines = [m.start() for m in re.finditer("\n", text)]
    lines: dict[str, int] = {}
    stack: list[list[Any]] = []  # [path, is_object, index or pending key]
    last_string: str | None = None
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token in "{[":
            if len(stack) >= MAX_DEPTH:
                raise InputError([Problem(source, bisect_right(newlines, match.start()) + 1, "",
                                          f"expected at most {MAX_DEPTH} levels of nesting but got more (the format needs 4)")])
            path = stack[-1][2] if stack and stack[-1][1] else (f"{stack[-1][0]}[{stack[-1][2]}]" if stack else "")
            stack.append([path or "", token == "{", None if token == "{" else 0])
        elif token in "}]":
            if stack:
                stack.pop()
        elif token == ",":
            if stack and not stack[-1][1]:
                stack[-1][2] += 1
        elif token == ":" and stack and stack[-1][1] and last_string is not None:
            try:
                key = json.loads(last_string) if "\\" in last_string else last_string[1:-1]
            except ValueError:
                key = last_string[1:-1]
            path = f"{stack[-1][0]}.{key}" if stack[-1][0] else key
            stack[-1][2] = path
            lines.setdefault(path, bisect_right(newlines, match.start()) + 1)
        last_string = token if token.startswith('"') else None
    return lines


def parse_progress(text: str, source: str, plan_id: str | None = None) -> Progress:
    """Validate a progress file's text, reporting every problem at once."""
    if not _shallow(text):
        _structure(text, source)  # raises, naming the line
    lines: dict[str, int] = {}
    problems: list[Problem] = []

    def at(path: str, message: str, field: str | None = None) -> None:
        """A problem at `path`, on the line of its key or of the nearest key above it;
        `field` names it in the message when `path` holds a key not fit to print."""
        if not lines:  # the lines of keys are needed only for a message
            lines.update(_structure(text, source))
        where = path
        while where not in lines and where:
            where = re.sub(r"(\.[^.\[]*|\[\d+\])$", "", where) if re.search(r"(\.[^.\[]*|\[\d+\])$", where) else ""
        problems.append(Problem(source, lines.get(where), path if field is None else field, message))

    try:
        data = json.loads(text, parse_int=_Number, parse_float=_Number, parse_constant=_Number)
    except json.JSONDecodeError as exc:
        raise InputError([Problem(source, exc.lineno, "", f"not valid JSON: {exc.msg} (column {exc.colno})")]) from None
    if not isinstance(data, dict):
        raise InputError.single(source, "expected a JSON object (a studyplan progress file)", line=1)
    if data.get("format") != FORMAT:
        at("format", f"expected {FORMAT!r} but got {_show(data.get('format'))}"
           if not isinstance(data.get("format"), str) else f"expected {FORMAT!r} but got {_quoted(data.get('format'))}")
    version = _int(data.get("version"))
    if version is None or version < 1:
        at("version", f"expected {VERSION} but got {_show(data.get('version'))}")
    elif version > VERSION:
        at("version", f"expected version {VERSION} or older but got {version}: "
                      "the file comes from a newer studyplan; update this one")
    plan = data.get("plan")
    if not isinstance(plan, str) or not plan:
        at("plan", f"expected the plan id (text) but got {_show(plan)}")
    elif plan_id and plan != plan_id:
        at("plan", f"expected progress of plan {plan_id!r} but got {_quoted(plan)} (a file of another plan)")
    for key in sorted(set(data) - _KEYS):
        at(key, f"unknown key; expected one of: {', '.join(sorted(_KEYS))}", _key("", key))

    def ids(name: str, required: bool = False) -> dict[str, Any]:
        value = data.get(name, None if required else {})
        if not isinstance(value, dict):
            what = {"notes": "id -> {text, time}", "confidence": "id -> {value, time}",
                    "milestones": "milestone id -> ISO time", "unreached": "milestone id -> ISO time"}.get(name, "id -> ISO time")
            at(name, f"expected an object of {what} but got {_show(value)}")
            return {}
        good = {}
        for item, entry in value.items():
            if len(item) > MAX_ID or not _ID.fullmatch(item):
                what = "milestone id" if name in ("milestones", "unreached") else "task id"
                at(f"{name}.{item}", f"expected a {what} (a slug like 'docker-deep-dive', at most {MAX_ID} characters) "
                                     f"but got {_show(item)}", _key(name, item))
            else:
                good[item] = entry
        return good

    maps: dict[str, dict[str, dt.datetime]] = {"done": {}, "undone": {}, "milestones": {}, "unreached": {}}
    for name in maps:
        for item, when in ids(name, required=name == "done").items():
            parsed = parse_time(when)
            if parsed is None:
                at(f"{name}.{item}", _time_message(when))
            else:
                maps[name][item] = parsed

    def entry(name: str, item: str, value: Any, keys: tuple[str, str]) -> dt.datetime | None:
        path = f"{name}.{item}"
        if not isinstance(value, dict):
            at(path, f"expected an object {{{keys[0]}, {keys[1]}}} but got {_show(value)}")
            return None
        for key in sorted(set(value) - set(keys)):
            at(f"{path}.{key}", f"unknown key; expected {keys[0]} and {keys[1]}", _key(path, key))
        when = parse_time(value.get("time"))
        if when is None:
            at(f"{path}.time", _time_message(value.get("time")))
        return when

    notes: dict[str, Note] = {}
    for item, value in ids("notes").items():
        when = entry("notes", item, value, ("text", "time"))
        text_ = value.get("text") if isinstance(value, dict) else None
        if isinstance(value, dict) and not isinstance(text_, str):
            at(f"notes.{item}.text", f"expected text but got {_show(text_)}")
        elif isinstance(text_, str) and len(text_) > MAX_NOTE:
            at(f"notes.{item}.text", f"expected a note of at most {MAX_NOTE:,} characters but got {len(text_):,}")
        elif when is not None and isinstance(text_, str):
            notes[item] = Note(text_, when)
    confidence: dict[str, Confidence] = {}
    for item, value in ids("confidence").items():
        when = entry("confidence", item, value, ("value", "time"))
        level = _int(value.get("value")) if isinstance(value, dict) else None
        if isinstance(value, dict) and (level is None or not 1 <= level <= 5):
            at(f"confidence.{item}.value", f"expected a whole number from 1 to 5 but got {_show(value.get('value'))}")
        elif when is not None and level is not None:
            confidence[item] = Confidence(level, when)

    reviews: dict[str, tuple[Review, ...]] = {}
    raw_reviews = data.get("reviews", {})
    if not isinstance(raw_reviews, dict):
        at("reviews", f"expected an object of topic id -> [{{time, rating}}] but got {_show(raw_reviews)}")
        raw_reviews = {}
    for item, value in raw_reviews.items():
        path = f"reviews.{item}"
        if len(item) > MAX_ID or not _ID.fullmatch(item):
            at(path, f"expected a topic id (a slug like 'docker-deep-dive', at most {MAX_ID} characters) "
                     f"but got {_show(item)}", _key("reviews", item))
            continue
        if not isinstance(value, list):
            at(path, f"expected a list of {{time, rating}} but got {_show(value)}")
            continue
        if len(value) > MAX_REVIEWS:
            at(path, f"expected at most {MAX_REVIEWS:,} ratings but got {len(value):,}")
            continue
        good: list[Review] = []
        for i, rated in enumerate(value):
            where = f"{path}[{i}]"
            if not isinstance(rated, dict):
                at(where, f"expected an object {{time, rating}} but got {_show(rated)}")
                continue
            for key in sorted(set(rated) - {"time", "rating"}):
                at(f"{where}.{key}", "unknown key; expected time and rating", _key(where, key))
            when = parse_time(rated.get("time"))
            if when is None:
                at(f"{where}.time", _time_message(rated.get("time")))
            level = _int(rated.get("rating"))
            if level is None or not 1 <= level <= 4:
                at(f"{where}.rating", f"expected a whole number from 1 (Again) to 4 (Easy) but got {_show(rated.get('rating'))}")
            elif when is not None:
                good.append(Review(when, level))
        reviews[item] = merge_reviews(good)

    def changes(name: str, what: str, keys: tuple[str, ...], modes: tuple[str, ...]) -> list[dict[str, Any]]:
        """The valid entries of the list `name` (catch-ups, days off): each an object of `keys`, its `on` a
        date and its `mode` one of `modes`, with `on` parsed; every problem reported."""
        good: list[dict[str, Any]] = []
        raw = data.get(name, [])
        listed = "{" + ", ".join(keys) + "}"
        if not isinstance(raw, list):
            at(name, f"expected a list of {listed} but got {_show(raw)}")
            return good
        if len(raw) > MAX_REPLANS:
            at(name, f"expected at most {MAX_REPLANS:,} {what} but got {len(raw):,}")
            return good
        for i, value in enumerate(raw):
            path = f"{name}[{i}]"
            if not isinstance(value, dict):
                at(path, f"expected an object {listed} but got {_show(value)}")
                continue
            for key in sorted(set(value) - set(keys)):
                at(f"{path}.{key}", f"unknown key; expected {', '.join(keys[:-1])} and {keys[-1]}", _key(path, key))
            on, mode, ok = parse_date(value.get("on")), value.get("mode"), True
            if on is None:
                at(f"{path}.on", f"expected a date YYYY-MM-DD in the years {YEARS[0]}-{YEARS[1]} but got {_show(value.get('on'))}")
                ok = False
            if mode not in modes:
                at(f"{path}.mode", f"expected {', '.join(map(repr, modes[:-1]))} or {modes[-1]!r} but got {_show(mode)}")
                ok = False
            if "days" in keys and ((days := _int(value.get("days"))) is None or not 28 <= days <= 365):
                at(f"{path}.days", f"expected a number of days from 28 to 365 but got {_show(value.get('days'))}")
                ok = False
            if ok:
                good.append({**value, "on": on})
        return good

    replans = [Replan(r["on"], r["mode"], _int(r["days"])) for r in changes("replans", "replans", ("on", "mode", "days"), MODES)]
    days_off = [DayOff(d["on"], d["mode"]) for d in changes("days_off", "days off", ("on", "mode"), OFF_MODES)]

    start = data.get("start_date")
    start_date = None
    if start is not None:
        start_date = parse_date(start)
        if start_date is None:
            at("start_date", f"expected a date YYYY-MM-DD in the years {YEARS[0]}-{YEARS[1]} or null but got {_show(start)}")
    pace_value = data.get("pace")
    pace = _int(pace_value)
    if pace_value is not None and (pace is None or not 28 <= pace <= 365):
        at("pace", f"expected a number of days from 28 to 365 or null but got {_show(pace_value)}")
    zone = data.get("timezone")
    if zone is not None and not _zone(zone):
        at("timezone", f"expected an IANA time zone like 'Europe/London' or null but got {_show(zone)}")
    exported = data.get("exported_at")
    if exported is not None and parse_time(exported) is None:
        at("exported_at", _time_message(exported))
    if problems:
        raise InputError(problems)
    return Progress(plan=plan, done=maps["done"], undone=maps["undone"], start_date=start_date, pace=pace,
                    exported_at=parse_time(exported), notes=notes, confidence=confidence,
                    replans=tuple(sorted(set(replans))), timezone=zone, days_off=tuple(sorted(set(days_off))),
                    reviews={i: r for i, r in sorted(reviews.items()) if r},
                    milestones=maps["milestones"], unreached=maps["unreached"])


def merge_reviews(*sides: Iterable[Review]) -> tuple[Review, ...]:
    """Ratings in time order, one per instant: the same instant rated twice keeps the larger rating."""
    best: dict[dt.datetime, Review] = {}
    for side in sides:
        for r in side:
            if r.time not in best or r.rating > best[r.time].rating:
                best[r.time] = r
    return tuple(sorted(best.values(), key=lambda r: (r.time, r.rating)))


def _zone(name: Any) -> bool:
    """An Area/Location zone name (or UTC) in its own spelling, as the browser checks it."""
    if not isinstance(name, str) or len(name) > 64 or not _ZONE.fullmatch(name):
        return False
    from .settings import zones

    return zones().get(name.lower()) == name


def read_progress(path: Path, plan_id: str | None = None, display: str | None = None) -> Progress:
    from .source import read_text

    name = display or str(path)
    return parse_progress(read_text(path, name, MAX_BYTES), name, plan_id)


def _latest(sides: tuple[tuple[dict[str, dt.datetime], dict[str, dt.datetime]], ...]) -> tuple[dict, dict]:
    """(ticks, unticks) of (ticks, unticks) pairs: for each id the latest event wins, a tick on a tie."""
    events: dict[str, tuple[dt.datetime, bool]] = {}
    for on, off in sides:
        for item, when in on.items():
            if item not in events or when > events[item][0] or (when == events[item][0] and not events[item][1]):
                events[item] = (when, True)  # a tick wins a tie, whichever side it is on
        for item, when in off.items():
            if item not in events or when > events[item][0]:
                events[item] = (when, False)
    return ({i: t for i, (t, ok) in sorted(events.items()) if ok}, {i: t for i, (t, ok) in sorted(events.items()) if not ok})


def merge(a: Progress, b: Progress) -> Progress:
    """For each id the latest event (tick or untick) across both sides wins, for tasks
    (`done`/`undone`) and milestones (`milestones`/`unreached`) alike; notes and
    confidence by id, latest time first; replans together."""
    done, undone = _latest(((a.done, a.undone), (b.done, b.undone)))
    milestones, unreached = _latest(((a.milestones, a.unreached), (b.milestones, b.unreached)))
    notes = {i: max((n for n in (a.notes.get(i), b.notes.get(i)) if n), key=lambda n: (n.time, n.text))
             for i in sorted(set(a.notes) | set(b.notes))}
    confidence = {i: max((c for c in (a.confidence.get(i), b.confidence.get(i)) if c), key=lambda c: (c.time, c.value))
                  for i in sorted(set(a.confidence) | set(b.confidence))}
    return Progress(plan=a.plan, done=done, undone=undone, start_date=b.start_date or a.start_date,
                    pace=b.pace or a.pace, notes=notes, confidence=confidence,
                    replans=tuple(sorted(set(a.replans) | set(b.replans))), timezone=b.timezone or a.timezone,
                    days_off=tuple(sorted(set(a.days_off) | set(b.days_off))),
                    reviews={i: merge_reviews(a.reviews.get(i, ()), b.reviews.get(i, ()))
                             for i in sorted(set(a.reviews) | set(b.reviews))},
                    milestones=milestones, unreached=unreached)


def stamp(when: dt.datetime) -> str:
    """A time as the site's export writes it (`toISOString()`): UTC, milliseconds."""
    utc = when.astimezone(dt.UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def as_data(p: Progress) -> dict[str, Any]:
    """A progress file's data (optional keys only when set), times as `stamp`."""
    data: dict[str, Any] = {"format": FORMAT, "version": VERSION, "plan": p.plan,
                            "done": {i: stamp(t) for i, t in sorted(p.done.items())}}
    if p.undone:
        data["undone"] = {i: stamp(t) for i, t in sorted(p.undone.items())}
    for key, items in (("milestones", p.milestones), ("unreached", p.unreached)):
        if items:
            data[key] = {i: stamp(t) for i, t in sorted(items.items())}
    if p.notes:
        data["notes"] = {i: {"text": n.text, "time": stamp(n.time)} for i, n in sorted(p.notes.items())}
    if p.confidence:
        data["confidence"] = {i: {"value": c.value, "time": stamp(c.time)} for i, c in sorted(p.confidence.items())}
    if p.reviews:
        data["reviews"] = {i: [r.as_data() for r in rs] for i, rs in sorted(p.reviews.items())}
    if p.replans:
        data["replans"] = [{"on": r.on.isoformat(), "mode": r.mode, "days": r.days} for r in p.replans]
    if p.days_off:
        data["days_off"] = [d.as_data() for d in p.days_off]
    for key, value in (("start_date", p.start_date and p.start_date.isoformat()), ("pace", p.pace), ("timezone", p.timezone),
                       ("exported_at", p.exported_at and stamp(p.exported_at))):
        if value is not None:
            data[key] = value
    return data
