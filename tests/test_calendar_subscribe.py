"""Subscribing to the site's calendars: the prebuilt files are feeds (a name, a
description, a daily refresh), a reader's own files are not; with a site_url
the Calendar page offers Subscribe links to files that exist, and what it says
about Google matches what the files hold; without one it says why there are none."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import icalendar
import pytest
import vobject
from conftest import PLAN, ROOT, studyplan
from ical.calendar_stream import IcsCalendarStream
from sitetext import page_text
from test_calendars import icaljs

from generator.validate import load_plan

KINDS = ("daily", "weekend", "milestones")
SITE = "https://learner.example.io/plan/"
FEED_LINES = ("REFRESH-INTERVAL;VALUE=DURATION:P1D", "X-PUBLISHED-TTL:P1D")


def _unfolded(data: bytes) -> str:
    return data.decode().replace("\r\n ", "")


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """The site built as publishing builds it: with SITE_URL."""
    tmp = tmp_path_factory.mktemp("published")
    out = tmp / "site"
    result = studyplan("build", "--plan", str(PLAN), "--site-dir", str(out), "--cache-dir", str(tmp / "cache"),
                       env={"SITE_URL": SITE})
    assert result.returncode == 0, result.stderr
    return out


def test_prebuilt_files_are_feeds_that_every_parser_reads(site_dir: Path, tmp_path: Path) -> None:
    plan = load_plan(PLAN)
    for days in (90, 120):
        for kind in KINDS:
            data = (site_dir / "calendar" / str(days) / f"{kind}.ics").read_bytes()
            lines = _unfolded(data).split("\r\n")
            head = lines[:lines.index("BEGIN:VTIMEZONE" if kind != "milestones" else "BEGIN:VEVENT")]
            for line in FEED_LINES:
                assert head.count(line) == 1, (days, kind, line)
            cal = icalendar.Calendar.from_ical(data)
            name, about = str(cal["X-WR-CALNAME"]), str(cal["X-WR-CALDESC"])
            assert name.startswith(plan.title) and f"({days} days)" in name
            assert f"{days}-day plan from Monday 4 January 2027 (Europe/London)" in about
            # The independent parsers still read every event.
            uids = {str(e["UID"]) for e in cal.walk("VEVENT")}
            assert {e.uid.value for e in vobject.readOne(data.decode(), validate=True).vevent_list} == uids
            assert {e.uid for e in IcsCalendarStream.calendar_from_ics(data.decode()).events} == uids
            assert {e["uid"] for e in icaljs(data, tmp_path)} == uids


def test_a_readers_own_files_are_named_but_not_feeds(tmp_path: Path) -> None:
    out = tmp_path / "cal"
    result = studyplan("calendar", "--plan", str(PLAN), "--start", "2027-03-01", "--tz", "UTC", "--out", str(out))
    assert result.returncode == 0, result.stderr
    for kind in KINDS:
        text = _unfolded((out / f"{kind}.ics").read_bytes())
        assert "\r\nX-WR-CALNAME:" in text
        assert not any(line in text for line in FEED_LINES)
        assert "X-WR-CALDESC" not in text


def _subscribe_links(page: Path) -> list[tuple[str, str, str]]:
    """(webcal address, its label, the https address shown) of every Subscribe link."""
    html = page.read_text()
    return [(unescape(href), unescape(label), unescape(shown)) for href, label, shown in re.findall(
        r'<a href="(webcal://[^"]+)" aria-label="([^"]+)">Subscribe</a> &middot; <code class="sp-url">([^<]+)</code>', html)]


def test_with_a_site_url_the_page_offers_subscribe_links_to_files_that_exist(published: Path) -> None:
    page = published / "calendar" / "index.html"
    links = _subscribe_links(page)
    assert len(links) == 2 * len(KINDS)
    assert len({label for _, label, _ in links}) == len(links)  # each link says which calendar
    for webcal, _, https in links:
        assert https.startswith(SITE) and webcal == "webcal://" + https.removeprefix("https://")
        target = published / https.removeprefix(SITE)
        assert target.is_file(), https
        assert target.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    assert {https.removeprefix(SITE) for _, _, https in links} == {f"calendar/{d}/{k}.ics" for d in (90, 120) for k in KINDS}
    text = page_text(page)
    assert "From URL" in text and "Add calendar" in text and "No subscribe links here" not in text
    assert f"{SITE}calendar/" in _unfolded((published / "calendar" / "90" / "daily.ics").read_bytes())


def test_what_the_page_says_about_google_matches_the_files(published: Path) -> None:
    text = page_text(published / "calendar" / "index.html")
    daily = icalendar.Calendar.from_ical((published / "calendar" / "90" / "daily.ics").read_bytes())
    milestones = (published / "calendar" / "90" / "milestones.ics").read_bytes()
    # The name the page says Google shows is the file's X-WR-CALNAME.
    assert f'as "{daily["X-WR-CALNAME"]}"' in text
    # The files ask for a daily refresh, as the page says.
    assert "asks to be fetched daily" in text and "REFRESH-INTERVAL;VALUE=DURATION:P1D" in _unfolded(milestones)
    # The files hold reminders Google drops: the page says to set notifications on the calendar.
    assert b"BEGIN:VALARM" in milestones
    assert "Google drops the reminders stored in imported and subscribed files" in text
    assert "Event notifications" in text
    # Re-importing: a dedicated calendar, deleted and made again; UIDs from plan day and block, never a date.
    assert "Create a new, dedicated calendar" in text
    assert "delete that dedicated calendar" in text and "not a reliable way to update it" in text
    uids = [str(e["UID"]) for e in daily.walk("VEVENT")]
    assert all(re.fullmatch(r"mlops-interview-90-day-d\d{3}-[a-z0-9-]+@studyplan", u) for u in uids)
    assert not any(re.search(r"20\d\d", u) for u in uids)
    assert "existing events move" not in text and "updated" not in text.split("Subscribe by URL")[0]


def test_without_a_site_url_the_page_says_why_there_is_no_subscribe_link(site_dir: Path) -> None:
    page = site_dir / "calendar" / "index.html"
    assert _subscribe_links(page) == []
    assert "webcal://" not in page.read_text()
    text = page_text(page)
    assert "No subscribe links here: this copy of the site was built without its public address ( site_url )" in text


def test_the_readme_says_what_the_files_hold(site_dir: Path) -> None:
    readme = " ".join((ROOT / "README.md").read_text().split())
    daily = _unfolded((site_dir / "calendar" / "90" / "daily.ics").read_bytes())
    for line in FEED_LINES:
        assert f"`{line}`" in readme and f"\r\n{line}\r\n" in daily
    for name in ("X-WR-CALNAME", "X-WR-CALDESC"):
        assert f"`{name}`" in readme and f"\r\n{name}:" in daily
    assert "delete that dedicated calendar, create it again and import the new file" in readme
    assert "set that calendar's default notifications" in readme and "BEGIN:VALARM" in _unfolded(
        (site_dir / "calendar" / "90" / "milestones.ics").read_bytes())
    assert "in place" not in readme.split("## Import the calendar")[1].split("## Anki")[0]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_the_subscribe_links(browser, published: Path, scheme: str) -> None:
    import functools
    import threading
    from http.server import ThreadingHTTPServer

    from axe_playwright_python.sync_playwright import Axe
    from conftest import _QuietHandler
    from test_accessibility import TAGS

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(published)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context(color_scheme=scheme, viewport={"width": 390, "height": 800})
    try:
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{server.server_port}/calendar/")
        feeds = page.get_by_role("link", name="Subscribe: weekday study blocks, 90-day pace")
        assert feeds.get_attribute("href") == "webcal://learner.example.io/plan/calendar/90/daily.ics"
        # Nothing wider than a phone: the long addresses wrap.
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        result = Axe().run(page, options={"runOnly": {"type": "tag", "values": TAGS}})
        assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in result.response["violations"]] == []
    finally:
        context.close()
        server.shutdown()
        server.server_close()
