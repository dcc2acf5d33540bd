"""Rating reviews on Today, in Chromium: rate a topic Good -> its next review moves (the same day the CLI
gives for the exported file); export -> `reviews` in the file; the same button again clears it; reset ->
gone; import -> back. Every wait is for a state."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from conftest import PLAN as PLAN_FILE
from conftest import studyplan
from progresspage import export, import_file, reset_everything, stored
from test_one_schedule_browser import SHIPPED, cli_calendar, day_tables, download_calendar, events

PLAN_ID = "mlops-interview-90-day"
TOPIC, TITLE = "docker-layer-optimization", "Layer optimization"


def start_reader(page, url: str, when: dt.datetime) -> None:
    page.clock.set_fixed_time(when)
    page.goto(url + "404.html")
    page.evaluate("k => localStorage.setItem(k, JSON.stringify({start_date: '2027-01-04', pace: 90, timezone: 'UTC'}))",
                  f"studyplan:{PLAN_ID}:settings")


def next_review(progress: Path, after: str) -> str:
    """The first date after `after` with a review of TOPIC, by `studyplan plan --progress`."""
    out = studyplan("plan", "--progress", str(progress))
    assert out.returncode == 0, out.stderr
    return min(e["date"] for e in json.loads(out.stdout)["entries"] if e["date"] > after and any(r["topic"] == TOPIC for r in e["reviews"]))


def test_rate_export_undo_reset_import(browser, site_url: str, tmp_path: Path) -> None:
    ctx = browser.new_context(accept_downloads=True)
    page = ctx.new_page()
    start_reader(page, site_url, dt.datetime(2027, 1, 6, 12, tzinfo=dt.UTC))  # day 3: Layer optimization is read
    page.goto(site_url)
    group = page.get_by_role("group", name=f"How well did you recall {TITLE}?")
    group.wait_for()
    assert group.get_by_role("button").all_inner_texts() == ["Again", "Hard", "Good", "Easy"]
    page.goto(site_url + "progress/")
    before = export(page, tmp_path, "before.json")
    fixed = next_review(before, "2027-01-06")

    page.goto(site_url)
    good = page.get_by_role("button", name=f"Good: {TITLE}", exact=True)
    good.click()
    page.locator(f"#sp-today .sp-rate[aria-label='How well did you recall {TITLE}?'] [aria-pressed=true]").wait_for()
    status = group.locator(".sp-rate__status")
    status.filter(has_text="Good - next review").wait_for()
    assert stored(page, PLAN_ID)["reviews"] == {TOPIC: [{"time": "2027-01-06T12:00:00.000Z", "rating": 3}]}
    mine = page.evaluate("() => window.studyplanAgenda()")

    page.goto(site_url + "progress/")
    path = export(page, tmp_path, "rated.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["reviews"] == {TOPIC: [{"time": "2027-01-06T12:00:00.000Z", "rating": 3}]}
    moved = next_review(path, "2027-01-06")
    assert moved != fixed  # Good on its reading day (stability 2.3 days): Fri 8 Jan instead of the fixed Mon 11
    day = dt.date.fromisoformat(moved)
    assert status_text(page, site_url) == f"Good - next review {day.strftime('%a')} {day.day} {day.strftime('%b')}"
    cli = json.loads(studyplan("plan", "--progress", str(path)).stdout)
    assert [(e["date"], e["slot"], e["summary"], e["items"]) for e in cli["entries"]] == \
           [(e["date"], e["slot"], e["summary"], e["items"]) for e in mine]
    # The week pages' tables and the Calendar page's download follow the rating too.
    day_tables(page, site_url, cli, [w for w in SHIPPED.weeks[:2]])
    assert events(download_calendar(page, site_url, tmp_path)) == cli_calendar(PLAN_FILE, path, tmp_path)

    # The same button again clears today's rating.
    page.goto(site_url)
    page.get_by_role("button", name=f"Good: {TITLE}", exact=True).click()
    page.locator(f"#sp-today [data-rate='{TOPIC} 3'][aria-pressed=false]").wait_for()
    assert "reviews" not in stored(page, PLAN_ID)
    page.get_by_role("button", name=f"Easy: {TITLE}", exact=True).click()
    page.locator(f"#sp-today [data-rate='{TOPIC} 4'][aria-pressed=true]").wait_for()

    page.goto(site_url + "progress/")
    reset_everything(page)
    assert "reviews" not in (stored(page, PLAN_ID) or {})
    import_file(page, path, "Replace")
    page.get_by_role("status").filter(has_text="Replaced").filter(has_text="0 confidence ratings, 1 review rating.").wait_for()
    assert stored(page, PLAN_ID)["reviews"] == data["reviews"]
    assert status_text(page, site_url).startswith("Good - next review")
    ctx.close()


def status_text(page, url: str) -> str:
    page.goto(url)
    node = page.locator(f"#sp-today .sp-rate[aria-label='How well did you recall {TITLE}?'] .sp-rate__status")
    node.filter(has_text="next review").wait_for()
    return node.inner_text()


def test_today_says_why_each_review_is_today_as_studyplan_reviews_does(browser, site_url: str, tmp_path: Path) -> None:
    """After a rating, on the day its review falls, Today says why each review
    is there (FSRS after the rating, fixed days for the others) in the words
    `studyplan reviews FILE --today` prints for the exported file."""
    ctx = browser.new_context(accept_downloads=True)
    page = ctx.new_page()
    start_reader(page, site_url, dt.datetime(2027, 1, 6, 12, tzinfo=dt.UTC))
    page.goto(site_url)
    page.get_by_role("button", name=f"Good: {TITLE}", exact=True).click()
    page.locator(f"#sp-today [data-rate='{TOPIC} 3'][aria-pressed=true]").wait_for()
    page.goto(site_url + "progress/")
    path = export(page, tmp_path, "rated.json")
    day = next_review(path, "2027-01-06")

    page.clock.set_fixed_time(dt.datetime.combine(dt.date.fromisoformat(day), dt.time(12), dt.UTC))
    page.goto(site_url)
    page.locator(f"#sp-today .sp-rate[aria-label='How well did you recall {TITLE}?'] .sp-rate__why").wait_for()
    groups = page.locator("#sp-today .sp-rate:has(.sp-rate__why)")
    shown = {groups.nth(i).locator(".sp-rate__topic").inner_text().rstrip(":"): groups.nth(i).locator(".sp-rate__why").inner_text()
             for i in range(groups.count())}
    out = studyplan("reviews", str(path), "--today", day)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.split("\n" + dt.date.fromisoformat(day).strftime("%a %-d %b %Y") + "\n", 1)[1].split("\n")
    cli = {}
    for line in lines:
        if not line.startswith("  "):
            break
        title, why = line.strip().split(": ", 1)
        cli[title.rsplit(" (question ", 1)[0]] = f"Review: {why}."
    assert shown == cli
    assert shown[TITLE].startswith("Review: rated Good on Wed 6 Jan 2027: FSRS, stability ")
    ctx.close()
