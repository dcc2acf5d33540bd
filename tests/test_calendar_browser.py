"""The Calendar page makes, in the browser, the same calendar as the CLI."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from conftest import PLAN, studyplan
from test_calendars import icaljs


def _events(data: bytes) -> dict[str, tuple]:
    cal = icalendar.Calendar.from_ical(data)
    out = {}
    for e in cal.walk("VEVENT"):
        start = e.decoded("DTSTART")
        end = e.decoded("DTEND")
        if isinstance(start, dt.datetime):
            start, end = start.astimezone(dt.UTC), end.astimezone(dt.UTC)
        out[str(e["UID"])] = (str(e["SUMMARY"]), str(e["DESCRIPTION"]), start, end)
    return out


def _fill(page, site_url: str, start: str, zone: str, pace: str) -> None:
    page.goto(site_url + "calendar/")
    page.get_by_label("Start date").fill(start)
    page.get_by_label("Time zone").fill(zone)
    page.get_by_label("Pace").select_option(pace)


def _download(page, name: str = "Download calendar") -> bytes:
    with page.expect_download() as info:
        page.get_by_role("button", name=name).click()
    return Path(info.value.path()).read_bytes()


@pytest.fixture(scope="module")
def cli_files(tmp_path_factory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("cli")
    result = studyplan("calendar", "--plan", str(PLAN), "--days", "120", "--start", "2027-03-01", "--tz", "America/New_York",
                       "--out", str(out), env={"SITE_URL": ""})
    assert result.returncode == 0, result.stderr
    return {p.name: p.read_bytes() for p in out.iterdir()}


def test_browser_calendar_matches_cli(page, site_url: str, cli_files: dict[str, bytes], tmp_path: Path) -> None:
    _fill(page, site_url, "2027-03-01", "America/New_York", "120")
    data = _download(page)
    browser = _events(data)
    cli: dict[str, tuple] = {}
    for raw in cli_files.values():
        cli.update(_events(raw))
    assert browser.keys() == cli.keys()
    assert browser == cli
    # ical.js (Thunderbird) reads the browser's own VTIMEZONE to the same instants.
    js = {e["uid"]: e["start"] for e in icaljs(data, tmp_path)}
    for uid, (_, _, start, _) in cli.items():
        expected = start.strftime("%Y-%m-%dT%H:%M:%S.000Z") if isinstance(start, dt.datetime) else start.isoformat()
        assert js[uid] == expected, uid
    assert "Downloaded" in page.get_by_role("status").inner_text()


def test_separate_files_match(page, site_url: str, cli_files: dict[str, bytes]) -> None:
    _fill(page, site_url, "2027-03-01", "America/New_York", "120")
    for kind in ("daily", "weekend", "milestones"):
        with page.expect_download() as info:
            page.locator(f"a[data-ics-kind='{kind}']").click()
        assert info.value.suggested_filename == f"mlops-interview-90-day-120-days-from-2027-03-01-{kind}.ics"
        assert _events(Path(info.value.path()).read_bytes()) == _events(cli_files[f"{kind}.ics"])


def test_raw_bytes_of_browser_file(page, site_url: str) -> None:
    _fill(page, site_url, "2027-10-25", "Europe/Berlin", "90")
    data = _download(page)
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert max(len(line) for line in data.split(b"\r\n")) <= 75
    text = data.decode()
    unfolded = text.replace("\r\n ", "")
    assert "DESCRIPTION:Practice - mock problems\\, system design\\n" in unfolded
    uids = re.findall(r"^UID:(.*)\r$", unfolded, flags=re.M)[1:]
    assert len(uids) == len(set(uids))
    assert text.count("BEGIN:VTIMEZONE") == 1
    # Named for Google (X-WR-CALNAME), but the reader's own file is imported, not a feed: no refresh hints.
    assert "\r\nX-WR-CALNAME:MLOps Interview Landscape: study plan (90 days)\r\n" in unfolded
    assert "REFRESH-INTERVAL" not in text and "X-PUBLISHED-TTL" not in text
    # Every line break inside a multi-byte character would show as invalid UTF-8.
    data.decode("utf-8")


@pytest.mark.parametrize(("start", "zone", "times", "message"), [
    ("", "Europe/London", None, "Start date"),
    ("2027-03-01", "Mars/Olympus", None, "Time zone"),
    ("2027-03-01", "Europe/London", ("07:00", "07:30", "19:00"), "overlaps"),
])
def test_bad_form_input_downloads_nothing(page, site_url: str, start: str, zone: str, times, message: str) -> None:
    _fill(page, site_url, start or "2027-03-01", zone, "90")
    if not start:
        page.get_by_label("Start date").fill("")
    if times:
        for label, value in zip(("Theory", "Hands-on", "Practice"), times):
            page.get_by_label(label, exact=True).fill(value)
    downloads: list = []
    page.on("download", lambda d: downloads.append(d))
    page.get_by_role("button", name="Download calendar").click()
    page.get_by_role("alert").filter(has_text=message).wait_for()
    assert downloads == []  # the script either downloads or shows the alert, in the same task


def test_defaults(page, site_url: str) -> None:
    page.clock.set_fixed_time(dt.datetime(2027, 5, 5, 12, 0, tzinfo=dt.UTC))  # a Wednesday
    page.goto(site_url + "calendar/")
    assert page.get_by_label("Start date").input_value() == "2027-05-10"
    assert page.get_by_label("Theory", exact=True).input_value() == "07:00"
    assert page.get_by_label("Weekend", exact=True).input_value() == "09:00"
    assert page.get_by_label("Time zone").input_value()


@pytest.mark.parametrize(("start", "weekend"), [("2027-03-01", "02:30"), ("2027-09-06", "01:30")])
def test_dst_gap_and_overlap_match_python(page, site_url: str, tmp_path: Path, start: str, weekend: str) -> None:
    """A weekend session at 02:30 on 14 March 2027 (a gap) and at 01:30 on
    7 November 2027 (an overlap) in New York: same instants as the CLI."""
    out = tmp_path / "cli"
    result = studyplan("calendar", "--plan", str(PLAN), "--days", "120", "--start", start, "--tz", "America/New_York",
                       "--weekend-time", weekend, "--out", str(out), env={"SITE_URL": ""})
    assert result.returncode == 0, result.stderr
    _fill(page, site_url, start, "America/New_York", "120")
    page.get_by_label("Weekend", exact=True).fill(weekend)
    with page.expect_download() as info:
        page.locator("a[data-ics-kind='weekend']").click()
    browser = _events(Path(info.value.path()).read_bytes())
    cli = _events((out / "weekend.ics").read_bytes())
    assert browser == cli
    special = {dt.date(2027, 3, 14): "2027-03-14 07:30:00+00:00", dt.date(2027, 11, 7): "2027-11-07 05:30:00+00:00"}
    for _, _, begin, _ in cli.values():
        local_day = begin.astimezone(ZoneInfo("America/New_York")).date()
        if local_day in special:
            assert str(begin) == special[local_day]
