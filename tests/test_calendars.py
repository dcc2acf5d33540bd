"""Calendar files: four independent parsers agree, times are right across DST,
raw bytes follow RFC 5545, UIDs are stable, bad input writes nothing."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
import vobject
from conftest import PLAN as PLAN_FILE
from conftest import ROOT, check_golden, first_task, small_plan, studyplan
from ical.calendar_stream import IcsCalendarStream

from generator.calendars import calendar_files, local_start
from generator.pace import pace
from generator.settings import parse_settings
from generator.validate import load_plan

PLAN = load_plan(PLAN_FILE)
NY = ZoneInfo("America/New_York")
UTC = dt.UTC


def make(days: int, start: str = "2027-03-01", tz: str = "America/New_York", **kw: str) -> dict[str, bytes]:
    settings = parse_settings(PLAN, {"start_date": start, "timezone": tz, **kw}, source="test",
                              site_url="https://example.org/plan/")
    return calendar_files(pace(PLAN, days), settings)


@pytest.fixture(scope="module")
def files120() -> dict[str, bytes]:
    return make(120)


def starts_icalendar(data: bytes) -> dict[str, str]:
    cal = icalendar.Calendar.from_ical(data)
    return {str(e["UID"]): _iso(e.decoded("DTSTART")) for e in cal.walk("VEVENT")}


def _iso(value: dt.date | dt.datetime) -> str:
    if isinstance(value, dt.datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    return value.isoformat()


def starts_vobject(data: bytes) -> dict[str, str]:
    cal = vobject.readOne(data.decode(), validate=True)
    return {e.uid.value: _iso(e.dtstart.value) for e in cal.vevent_list}


def starts_ical(data: bytes) -> dict[str, str]:
    cal = IcsCalendarStream.calendar_from_ics(data.decode())
    return {e.uid: _iso(e.dtstart) for e in cal.events}


def starts_recurring(data: bytes, first: dt.date, last: dt.date) -> dict[str, str]:
    cal = icalendar.Calendar.from_ical(data)
    events = recurring_ical_events.of(cal).between(first, last + dt.timedelta(days=2))
    return {str(e["UID"]): _iso(e.decoded("DTSTART")) for e in events}


def icaljs(data: bytes, tmp_path: Path) -> list[dict]:
    node = shutil.which("node")
    assert node, "node is needed for the ical.js check"
    assert (ROOT / "node_modules" / "ical.js").exists(), "run `make test` to install ical.js"
    path = tmp_path / "cal.ics"
    path.write_bytes(data)
    result = subprocess.run([node, str(ROOT / "tests" / "icaljs_events.mjs"), str(path)], capture_output=True,
                            text=True, check=True, cwd=ROOT)
    return json.loads(result.stdout)


def _js_start(value: str) -> str:
    return value if "T" in value else dt.date.fromisoformat(value).isoformat()


@pytest.mark.parametrize("days", [90, 120])
@pytest.mark.parametrize("kind", ["daily.ics", "weekend.ics", "milestones.ics"])
def test_four_parsers_agree(days: int, kind: str, tmp_path: Path) -> None:
    data = make(days)[kind]
    reference = starts_icalendar(data)
    assert reference
    assert starts_vobject(data) == reference
    assert starts_ical(data) == reference
    first = dt.date(2027, 3, 1)
    assert starts_recurring(data, first, first + dt.timedelta(days=days)) == reference
    assert {e["uid"]: _js_start(e["start"]) for e in icaljs(data, tmp_path)} == reference


def test_weekday_blocks(files120: dict[str, bytes]) -> None:
    cal = icalendar.Calendar.from_ical(files120["daily.ics"])
    events = list(cal.walk("VEVENT"))
    p = pace(PLAN, 120)
    by_day: dict[dt.date, list] = {}
    for e in events:
        start = e.decoded("DTSTART")
        by_day.setdefault(start.date(), []).append(e)
    start = dt.date(2027, 3, 1)
    for offset in range(120):
        day = start + dt.timedelta(days=offset)
        todays = sorted(by_day.get(day, []), key=lambda e: e.decoded("DTSTART"))
        if day.weekday() >= 5:
            assert todays == []
            continue
        assert [e.decoded("DTSTART").strftime("%H:%M") for e in todays] == ["07:00", "13:00", "19:00"]
        assert all(e.decoded("DTEND") - e.decoded("DTSTART") == dt.timedelta(minutes=45) for e in todays)
        week = p.week_of_day(offset + 1)
        for e, block in zip(todays, PLAN.schedule.blocks):
            assert str(e["SUMMARY"]).startswith(f"Day {offset + 1} · {block.label}: ")
            assert "https://example.org/plan/weeks/" + week.id + "/" in str(e["DESCRIPTION"])
            if block.kind == "hands-on":  # the tasks due that day are worked on in the hands-on block
                for task in p.tasks_on(offset + 1):
                    assert task.text in str(e["DESCRIPTION"])
    first = PLAN.weeks[0]
    assert str(by_day[dt.date(2027, 3, 1)][0]["SUMMARY"]) == f"Day 1 · Theory: {first.topics[0].title} ({first.title})"


def test_local_times_constant_across_dst(files120: dict[str, bytes], tmp_path: Path) -> None:
    events = icaljs(files120["daily.ics"], tmp_path)
    mornings = {e["start"][:10]: e["start"] for e in events if e["uid"].endswith("-morning@studyplan")}
    # 07:00 New York is 12:00Z before 14 March 2027 and 11:00Z after.
    assert mornings["2027-03-12"] == "2027-03-12T12:00:00.000Z"
    assert mornings["2027-03-15"] == "2027-03-15T11:00:00.000Z"
    cal = icalendar.Calendar.from_ical(files120["daily.ics"])
    offsets = set()
    for e in cal.walk("VEVENT"):
        start = e.decoded("DTSTART")
        assert start.strftime("%H:%M") in {"07:00", "13:00", "19:00"}
        offsets.add(start.utcoffset())
    assert offsets == {dt.timedelta(hours=-5), dt.timedelta(hours=-4)}


def test_weekend_sessions(files120: dict[str, bytes]) -> None:
    cal = icalendar.Calendar.from_ical(files120["weekend.ics"])
    events = list(cal.walk("VEVENT"))
    assert events
    for e in events:
        start = e.decoded("DTSTART")
        assert start.weekday() in (5, 6)
        assert start.strftime("%H:%M") == "09:00"
        length = e.decoded("DTEND") - start
        assert length == dt.timedelta(minutes=113 if start.weekday() == 5 else 112)
        text = str(e["DESCRIPTION"])
        if start.weekday() == 5:
            assert re.search(r"One full system design session: (Basic|Intermediate|Advanced|Expert): Design", text)
        else:
            assert "Review and fill knowledge gaps" in text
    # 17 Saturdays and 17 Sundays in 120 days from a Monday.
    assert len(events) == 34
    daily = list(icalendar.Calendar.from_ical(files120["daily.ics"]).walk("VEVENT"))
    project_milestones_once_after_their_tasks(events + daily, pace(PLAN, 120), dt.date(2027, 3, 1))


def project_milestones_once_after_their_tasks(events, p, start: dt.date) -> None:
    """Each week's project milestone is in one weekend session, never before the week's last task."""
    for week in PLAN.weeks:
        if week.project_milestone is None:
            continue
        holders = [e for e in events if f"Complete weekly project milestone: {week.project_milestone.text}" in str(e["DESCRIPTION"])]
        assert holders, week.id
        assert len(holders) == 1, week.id
        last = max(p.day_of(t) for t in week.tasks)
        when = holders[0].decoded("DTSTART")
        assert (when.date() if isinstance(when, dt.datetime) else when) >= start + dt.timedelta(days=last - 1), week.id


def test_one_weekend_day(tmp_path: Path) -> None:
    cal = icalendar.Calendar.from_ical(make(90, weekend_days="sun")["weekend.ics"])
    events = list(cal.walk("VEVENT"))
    assert {e.decoded("DTSTART").weekday() for e in events} == {6}
    assert all(e.decoded("DTEND") - e.decoded("DTSTART") == dt.timedelta(hours=5) for e in events)
    files = make(90, weekend_days="sun")
    daily = list(icalendar.Calendar.from_ical(files["daily.ics"]).walk("VEVENT"))
    project_milestones_once_after_their_tasks(events + daily, pace(PLAN, 90), dt.date(2027, 3, 1))


def test_milestones(files120: dict[str, bytes]) -> None:
    cal = icalendar.Calendar.from_ical(files120["milestones.ics"])
    events = list(cal.walk("VEVENT"))
    start = dt.date(2027, 3, 1)
    p = pace(PLAN, 120)
    assert [e.decoded("DTSTART") for e in events] == [start + dt.timedelta(days=p.day_of(m) - 1) for m in PLAN.milestones]
    for e, m in zip(events, PLAN.milestones):
        assert e.decoded("DTEND") == e.decoded("DTSTART") + dt.timedelta(days=1)
        assert m.verification in str(e["DESCRIPTION"])
        alarm = next(iter(e.walk("VALARM")))
        assert alarm.decoded("TRIGGER") == dt.timedelta(days=-1)
    assert b"DTSTART;VALUE=DATE:" in files120["milestones.ics"]


@pytest.mark.parametrize("days", [90, 120])
def test_raw_bytes(days: int) -> None:
    for name, data in make(days).items():
        assert b"\n" not in data.replace(b"\r\n", b""), name
        lines = data.split(b"\r\n")
        assert data.endswith(b"\r\n")
        assert max(len(line) for line in lines) <= 75, name
        text = data.decode()
        assert "PRODID:" in text and "VERSION:2.0" in text and "X-WR-CALNAME:" in text
        uids = re.findall(r"^UID:(.*)$", text.replace("\r\n ", ""), flags=re.M)
        event_uids = uids[1:]  # the first is the calendar's own UID
        assert len(event_uids) == len(set(event_uids)) == text.count("BEGIN:VEVENT")
        assert "RRULE" not in text
        events = re.sub(r"BEGIN:VTIMEZONE.*?END:VTIMEZONE\r\n", "", text.replace("\r\n ", ""), flags=re.S)
        for line in re.findall(r"^(?:DTSTART|DTEND)[;:][^\r\n]*", events, flags=re.M):
            assert ";TZID=" in line or ";VALUE=DATE:" in line, line
        assert re.search(r"^DTSTAMP:\d{8}T\d{6}Z\r$", text, flags=re.M)
        assert text.count("BEGIN:VTIMEZONE") == (0 if name == "milestones.ics" else 1)
        if "BEGIN:VALARM" in text:
            for event in text.split("BEGIN:VEVENT")[1:]:
                assert event.index("BEGIN:VALARM") > event.index("UID:")


def test_vtimezone_is_limited_to_the_plan() -> None:
    text = make(120)["daily.ics"].decode()
    zone = text[text.index("BEGIN:VTIMEZONE"):text.index("END:VTIMEZONE")]
    assert len(zone) < 600
    assert "RDATE" not in zone


def test_deterministic_and_stable_uids() -> None:
    assert make(120) == make(120)
    uid90 = set(re.findall(r"^UID:(.*)$", make(90)["daily.ics"].decode().replace("\r\n ", ""), flags=re.M)[1:])
    uid120 = set(re.findall(r"^UID:(.*)$", make(120)["daily.ics"].decode().replace("\r\n ", ""), flags=re.M)[1:])
    assert uid90 <= uid120
    moved = set(re.findall(r"^UID:(.*)$", make(90, start="2027-03-08")["daily.ics"].decode().replace("\r\n ", ""),
                           flags=re.M)[1:])
    assert moved == uid90
    assert all("2027" not in u and "-120" not in u for u in uid120)


def test_dst_gap_and_overlap() -> None:
    # 02:30 does not exist on 14 March 2027 in New York: it moves forward by the gap.
    gap = local_start(dt.date(2027, 3, 14), "02:30", NY)
    assert (gap.hour, gap.minute, gap.utcoffset()) == (3, 30, dt.timedelta(hours=-4))
    # 01:30 happens twice on 7 November 2027: the first occurrence (EDT) is used.
    overlap = local_start(dt.date(2027, 11, 7), "01:30", NY)
    assert (overlap.hour, overlap.utcoffset()) == (1, dt.timedelta(hours=-4))
    data = make(90, start="2027-03-08", times="02:30,13:00,19:00")["daily.ics"]
    cal = icalendar.Calendar.from_ical(data)
    after_change = [e for e in cal.walk("VEVENT") if e.decoded("DTSTART").date() == dt.date(2027, 3, 15)]
    assert after_change[0].decoded("DTSTART").astimezone(UTC).hour == 6  # 02:30 EDT on a normal day


def test_escaping_round_trip(tmp_path: Path) -> None:
    tricky = "Semi; comma, back\\slash and\nnew line"
    plan_file = small_plan(tmp_path, first_task(tricky))
    out = tmp_path / "cal"
    result = studyplan("calendar", "--plan", str(plan_file), "--days", "28", "--start", "2027-03-01",
                       "--tz", "UTC", "--out", str(out))
    assert result.returncode == 0, result.stderr
    raw = (out / "daily.ics").read_bytes()
    assert b"Semi\\; comma\\, back\\\\slash and\\nnew line" in raw.replace(b"\r\n ", b"")
    cal = icalendar.Calendar.from_ical(raw)
    assert any(tricky in str(e["DESCRIPTION"]) for e in cal.walk("VEVENT"))
    assert any(tricky in e.description for e in IcsCalendarStream.calendar_from_ics(raw.decode()).events)


def test_golden_small_plan(tmp_path: Path, update_goldens: bool) -> None:
    out = tmp_path / "cal"
    result = studyplan("calendar", "--plan", "tests/plans/small.yaml", "--days", "28", "--start", "2027-03-01",
                       "--tz", "Europe/Berlin", "--site-url", "https://example.org/", "--out", str(out))
    assert result.returncode == 0, result.stderr
    for name in ("daily.ics", "weekend.ics", "milestones.ics"):
        check_golden(ROOT / "tests" / "golden" / f"small-{name}", (out / name).read_bytes(), update_goldens)


@pytest.mark.parametrize(("args", "message"), [
    (["--start", "2027-02-30", "--tz", "UTC"],
     "studyplan calendar: --start: expected a date as YYYY-MM-DD (like 2027-01-04) but got '2027-02-30'\n"),
    (["--start", "2027-03-01", "--tz", "Mars/Olympus"],
     "studyplan calendar: --tz: expected an IANA time zone (like Europe/London or America/New_York) "
     "but got 'Mars/Olympus'\n"),
    (["--start", "2027-03-01", "--tz", "UTC", "--times", "7am,13:00,19:00"],
     "studyplan calendar: --times: expected times as HH:MM (24-hour, like 07:00) but got '7am,13:00,19:00'\n"),
    (["--start", "2027-03-01", "--tz", "UTC", "--times", "07:00,07:30,19:00"],
     "studyplan calendar: --times: expected blocks that do not overlap but Theory (07:00-08:00) "
     "overlaps Hands-on (07:30)\n"),
    (["--start", "2027-03-01", "--tz", "UTC", "--times", "07:00,13:00"],
     "studyplan calendar: --times: expected 3 times (one per block: Theory, Hands-on, Practice) but got 2\n"),
    (["--start", "2027-03-01", "--tz", "EST"],
     "studyplan calendar: --tz: expected an IANA time zone (like Europe/London or America/New_York) but got 'EST'\n"),
    (["--start", "9999-12-31", "--tz", "UTC"],
     "studyplan calendar: --start: expected a date from 1970-01-01 to 9000-12-31 but got 9999-12-31\n"),
    (["--start", "2027-03-01", "--tz", "UTC", "--days", "400"],
     "studyplan calendar: --days: expected a number of days from 28 to 365 but got 400\n"),
    (["--start", "2027-03-01", "--tz", "UTC", "--weekend-days", "fri"],
     "studyplan calendar: --weekend-days: expected some of the plan's weekend days (sat,sun), separated by commas, but got 'fri'\n"),
])
def test_bad_input(args: list[str], message: str, tmp_path: Path) -> None:
    out = tmp_path / "cal"
    result = studyplan("calendar", "--plan", str(PLAN_FILE), *args, "--out", str(out))
    assert (result.returncode, result.stderr) == (2, message)
    assert not out.exists()


def test_site_has_calendar_files(site_dir: Path) -> None:
    for days in (90, 120):
        for name in ("daily.ics", "weekend.ics", "milestones.ics"):
            data = (site_dir / "calendar" / str(days) / name).read_bytes()
            assert data.startswith(b"BEGIN:VCALENDAR\r\n")
    page = (site_dir / "calendar" / "index.html").read_text()
    for text in ("Import into Google Calendar", "Subscribe by URL", "Thunderbird", "dedicated calendar",
                 "90/daily.ics", "120/milestones.ics", "Monday 4 January 2027"):
        assert text in page


def test_zone_names_in_any_case_are_written_canonical(tmp_path: Path) -> None:
    out = tmp_path / "cal"
    result = studyplan("calendar", "--plan", str(PLAN_FILE), "--start", "2027-03-01", "--tz", "america/new_york",
                       "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert b"TZID:America/New_York\r\n" in (out / "daily.ics").read_bytes()


def test_settings_default_to_the_plan() -> None:
    settings = parse_settings(PLAN, {}, source="test")
    assert settings.times == tuple(b.start for b in PLAN.schedule.blocks)
    assert settings.weekend_time == PLAN.schedule.weekend.start
    assert settings.paces == (PLAN.days, PLAN.commitment.days)
    assert settings.default_pace == PLAN.days
    assert settings.start_date.weekday() == 0


@pytest.mark.parametrize("start", ["2027-03-03", "2026-10-25"])  # a Wednesday before US DST, a Sunday at EU's end
@pytest.mark.parametrize("tz", ["America/New_York", "Europe/Berlin", "UTC"])
def test_an_edit_reuses_unchanged_events_and_gives_the_bytes_of_a_fresh_build(start: str, tz: str) -> None:
    """Made again after a plan edit, a calendar writes only the events the edit
    changed and reuses the bytes of the others: the files are the very bytes
    of a build from nothing, at every pace."""
    from generator.validate import plan_from_text

    text = PLAN_FILE.read_text(encoding="utf-8")
    assert text.count("Run container security scans with Trivy\n") == 1
    edited = plan_from_text(text.replace("with Trivy\n", "with Trivy (and Grype)\n"), "plan.yaml")
    for days in (90, 120):
        settings = parse_settings(PLAN, {"start_date": start, "timezone": tz}, source="test")
        before: dict[str, bytes] = {}
        calendar_files(pace(PLAN, days), settings, feed=True, used=before)
        after: dict[str, bytes] = {}
        files = calendar_files(pace(edited, days), settings, feed=True, known=before, used=after)
        assert files == calendar_files(pace(edited, days), settings, feed=True)
        assert b"(and Grype)" in files["daily.ics"]
        written = set(after) - set(before)
        assert 1 <= len(written) <= 7, len(written)  # the edited task's blocks; every other event reused
        assert len(after) == sum(f.count(b"BEGIN:VEVENT") for f in files.values())
