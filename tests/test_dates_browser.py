"""Your plan, your dates (issue 14) in a real browser: set up once, dates everywhere, catch up.

Dates come from page.clock; every wait is for a state, never a sleep.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from conftest import PLAN as PLAN_FILE
from conftest import studyplan
from progresspage import export, import_file, stored

from generator.pace import pace
from generator.reader import agenda_of
from generator.validate import load_plan
from generator.words import Words

PLAN = load_plan(PLAN_FILE)
SCREENS = Path(__file__).resolve().parent.parent / "build-screens"


def at(page, day: dt.date) -> None:
    page.clock.set_fixed_time(dt.datetime(day.year, day.month, day.day, 12, 0, tzinfo=dt.UTC))


def set_up(page, site_url: str, start: str = "2027-01-04", pace: int = 90, zone: str = "UTC") -> None:
    page.goto(site_url)
    page.evaluate("([k, v]) => localStorage.setItem(k, v)",
                  [f"studyplan:{PLAN.id}:settings", json.dumps({"start_date": start, "pace": pace, "timezone": zone})])


def test_first_visit_start_plan_then_week_dates(page, site_url: str) -> None:
    at(page, dt.date(2027, 1, 1))  # a Friday: next Monday is 4 January
    page.goto(site_url)
    form = page.locator("#sp-start-form")
    assert form.get_by_role("heading").inner_text() == "Start your plan"
    assert page.get_by_label("Start date", exact=True).input_value() == "2027-01-04"
    assert page.get_by_label("Pace", exact=True).input_value() == "90"
    assert page.get_by_label("Time zone").input_value()
    page.get_by_label("Time zone").fill("Europe/London")
    page.get_by_role("button", name="Start plan").click()
    page.locator("#sp-today .sp-day").filter(has_text="starts on Mon 4 Jan 2027: in 3 days").wait_for()
    assert stored(page, PLAN.id, "settings") == {"start_date": "2027-01-04", "pace": 90, "timezone": "Europe/London"}
    page.goto(site_url + "weeks/kubernetes-fundamentals/")
    when = page.locator(".sp-when")
    when.filter(has_text="Tue 12 Jan - ").wait_for()
    assert "(your 90-day schedule)" in when.inner_text()
    mine = page.locator(".sp-agenda__reader")
    mine.wait_for()
    other = page.locator('.sp-agenda__pace[data-pace="120"]')
    assert mine.is_visible() and not other.is_visible()
    assert other.evaluate("e => e.closest('details').querySelector('summary').textContent") == "Other paces"
    assert "Tue 12 Jan" in mine.locator("tr[data-day] td").first.inner_text()
    page.goto(site_url + "phases/" + PLAN.phases[0].id + "/")
    page.locator(".sp-when").filter(has_text="Mon 4 Jan - ").wait_for()


def test_today_shows_the_days_agenda(page, site_url: str) -> None:
    at(page, dt.date(2027, 1, 6))  # Wednesday, day 3
    set_up(page, site_url)
    page.goto(site_url)
    today = page.locator("#sp-today")
    today.locator(".sp-day").filter(has_text="Day 3 of 90, Wed 6 Jan 2027").wait_for()
    text = today.inner_text()
    for b in PLAN.schedule.blocks:
        assert b.label in text
    assert today.locator(".sp-agenda-today > li").count() == len(PLAN.schedule.blocks)
    assert "Next milestone:" in text
    assert today.get_by_role("link", name="Week 1: " + PLAN.weeks[0].title).is_visible()
    entry = next(e for e in agenda_of(pace(PLAN, 90), dt.date(2027, 1, 4)).entries() if e.day == 3)
    docs = [i[len("Docs: "):] for i in Words(PLAN).items(entry) if i.startswith("Docs: ")]
    assert docs, "day 3 reads a topic with documentation links"
    assert [a.get_attribute("href") for a in today.locator(".sp-agenda-today a").all()] == docs
    at(page, dt.date(2027, 1, 9))  # Saturday: the weekend session with its problem
    page.reload()
    today.locator(".sp-day").filter(has_text="Sat 9 Jan").wait_for()
    assert "Saturday session" in today.inner_text()
    at(page, dt.date(2027, 6, 1))
    page.reload()
    today.filter(has_text="The plan is over").wait_for()
    assert "Final result: 0 of 44 tasks done" in today.inner_text()


def test_calendar_form_prefilled(page, site_url: str) -> None:
    set_up(page, site_url, "2027-02-01", 120, "Asia/Tokyo")
    page.goto(site_url + "calendar/")
    assert page.locator("#sp-cal-start").input_value() == "2027-02-01"
    assert page.locator("#sp-cal-pace").input_value() == "120"
    assert page.locator("#sp-cal-zone").input_value() == "Asia/Tokyo"


def test_printed_week_sheet_carries_the_dates(page, site_url: str) -> None:
    pypdf = pytest.importorskip("pypdf")
    set_up(page, site_url, "2027-03-01")
    page.goto(site_url + "checklists/90/docker-deep-dive/")
    page.locator(".sp-sheet__meta").filter(has_text="Mon 1 Mar - ").wait_for()
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(page.pdf(format="A4"))).pages)
    assert "Mon 1 Mar - Mon 8 Mar 2027, days 1-8" in text
    assert "Tue 2 Mar" in text


def behind_by_five(page, site_url: str) -> None:
    # 14 January is day 11 of 90: tasks due before it are week 1's four and day 10's: 5, none done.
    at(page, dt.date(2027, 1, 14))
    set_up(page, site_url)
    page.goto(site_url)
    page.locator("#sp-today .sp-catchup").filter(has_text="5 tasks behind").wait_for()


def schedule(page) -> dict:
    return page.evaluate("() => window.studyplanSchedule()")


def download_ics(page, site_url: str, tmp_path: Path) -> str:
    page.goto(site_url + "calendar/")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download calendar").click()
    out = tmp_path / "cal.ics"
    info.value.save_as(out)
    return out.read_text()


@pytest.mark.parametrize(("mode", "label", "end"), [("keep-end", "Keep my end date", "Sat 3 Apr 2027"),
                                                     ("move-end", "Move my end date", None)])
def test_catch_up_preview_apply_undo(page, site_url: str, tmp_path: Path, mode: str, label: str, end: str | None) -> None:
    behind_by_five(page, site_url)
    before = schedule(page)
    box = page.locator("#sp-today .sp-catchup")
    box.get_by_label(label).check()
    box.get_by_role("button", name="Preview").click()
    preview = box.locator(".sp-catchup__preview")
    preview.filter(has_text="New end date").wait_for()
    assert "From today: about " in preview.inner_text()
    box.get_by_role("button", name="Apply new schedule").click()
    page.get_by_role("status").filter(has_text="New schedule applied").wait_for()
    after = schedule(page)
    assert stored(page, PLAN.id)["replans"] == [{"on": "2027-01-14", "mode": mode, "days": after["days"]}]
    assert (after["days"] == 90) == (mode == "keep-end") and after["days"] >= 90
    if end:
        assert end in page.locator("#sp-today .sp-replanned").inner_text()
    overdue = [t.id for t in PLAN.tasks if before["task_days"][t.id] < 11]
    assert all(after["task_days"][i] >= 11 for i in overdue)
    assert page.locator("#sp-today").inner_text().count("Nothing overdue.") == 1
    ics = download_ics(page, site_url, tmp_path)
    assert f"UID:{PLAN.id}-d{after['days']:03d}-" in ics or mode == "keep-end"
    page.goto(site_url + "progress/")
    page.locator("svg .sp-bu-replan[data-day='11']").wait_for(state="attached")
    page.goto(site_url)
    page.get_by_role("button", name="Undo catch-up").click()
    page.get_by_role("status").filter(has_text="Catch-up undone").wait_for()
    assert schedule(page) == before
    assert stored(page, PLAN.id)["replans"] == []


def test_repeated_catch_ups_export_import_and_cli_agree(browser, site_url: str, tmp_path: Path) -> None:
    ctx = browser.new_context(accept_downloads=True)
    page = ctx.new_page()
    behind_by_five(page, site_url)
    page.locator("#sp-today .sp-catchup").get_by_role("button", name="Apply new schedule").click()
    page.get_by_role("status").filter(has_text="New schedule applied").wait_for()
    at(page, dt.date(2027, 2, 1))  # later, still behind: catch up again, moving the end
    page.reload()
    box = page.locator("#sp-today .sp-catchup")
    box.get_by_label("Move my end date").check()
    box.get_by_role("button", name="Apply new schedule").click()
    page.get_by_role("status").filter(has_text="New schedule applied").wait_for()
    mine = schedule(page)
    assert len(stored(page, PLAN.id)["replans"]) == 2
    page.goto(site_url + "progress/")
    path = export(page, tmp_path)
    ctx.close()
    fresh = browser.new_context()
    page2 = fresh.new_page()
    at(page2, dt.date(2027, 2, 1))
    page2.goto(site_url + "progress/")
    import_file(page2, path, "Replace")
    page2.get_by_role("status").filter(has_text="Replaced").wait_for()
    assert schedule(page2) == mine
    fresh.close()
    # The CLI folds the same file to the same days.
    from generator import replan
    from generator.pace import pace
    from generator.progress import read_progress
    progress = read_progress(path, PLAN.id)
    sched = replan.reader_schedule(pace(PLAN, 90), progress, "f").pace
    assert dict(sched.task_days) == mine["task_days"] and dict(sched.milestone_days) == mine["milestone_days"]
    assert {w: [s.start, s.end] for w, s in sched.week_spans.items()} == mine["week_ranges"]
    r = studyplan("progress", str(path), "--plan", str(PLAN_FILE), "--today", "2027-02-01")
    assert f"of {mine['days']}" in r.stdout
