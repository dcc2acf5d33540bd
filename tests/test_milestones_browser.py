"""Milestones reached (issue 25, part 5), as a reader checks them: the Progress page's "Reached" box,
its status words, the progress file's `milestones` key through export, reset and import, the same
status from `studyplan progress`, and the table at 390 px."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import PLAN as PLAN_FILE
from conftest import studyplan
from progresspage import export, import_file, stored, tick

from generator.pace import pace
from generator.validate import load_plan

PLAN = load_plan(PLAN_FILE)
START = "2027-01-04"  # a Monday
TODAY = dt.datetime(2027, 2, 5, 12, 0, tzinfo=dt.UTC)  # day 33 of 90
TITLES = {m.id: m.title for m in PLAN.milestones}


def start_plan(page, site_url: str, start: str = START) -> None:
    page.goto(site_url + "progress/")
    page.get_by_label("Start date").fill(start)
    page.get_by_role("button", name="Save").click()
    page.get_by_role("status").filter(has_text="Saved").wait_for()


def statuses(page) -> dict[str, str]:
    """The Milestones table as a reader sees it: title -> Status."""
    page.locator("table#sp-milestones tbody tr").first.wait_for()
    rows = page.locator("table#sp-milestones tbody tr")
    return {rows.nth(i).locator("td").nth(1).inner_text(): rows.nth(i).locator("td").nth(2).inner_text() for i in range(rows.count())}


def cli_statuses(path: Path, today: str) -> dict[str, str]:
    """`studyplan progress FILE --today`'s Milestones lines: title -> status."""
    result = studyplan("progress", str(path), "--today", today)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.split("Milestones:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    out = {}
    for line in lines:
        status, rest = line.strip().split("  ", 1)
        out[rest.strip().rsplit(", day ", 1)[0]] = status.strip()
    return out


def test_reached_export_reset_import_and_the_cli(page, site_url: str, tmp_path: Path) -> None:
    page.clock.set_fixed_time(TODAY)
    start_plan(page, site_url)
    before = statuses(page)
    assert before[TITLES["kubernetes-proficient"]] == "3 days late"  # day 30 = Tue 2 Feb 2027
    assert before[TITLES["pipeline-builder"]] == "due in 12 days"  # day 45 = Wed 17 Feb 2027
    box = page.get_by_label("Reached: Kubernetes proficient")
    box.check()
    page.locator("table#sp-milestones tr", has_text="Kubernetes proficient").get_by_text("reached", exact=True).wait_for()
    assert page.get_by_label("Reached: Kubernetes proficient").is_checked()
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Reached: Kubernetes proficient"  # focus stays
    page.goto(site_url + "milestones/")  # the same box on the Milestones page
    assert page.locator("input[data-task-id='kubernetes-proficient']").is_checked()

    page.goto(site_url + "progress/")
    path = export(page, tmp_path)
    data = json.loads(path.read_text())
    assert list(data["milestones"]) == ["kubernetes-proficient"]
    dt.datetime.fromisoformat(data["milestones"]["kubernetes-proficient"].replace("Z", "+00:00"))
    assert "kubernetes-proficient" not in data["done"]
    shown = statuses(page)
    assert cli_statuses(path, "2027-02-05") == shown  # the CLI says the same for the same file and day
    assert shown[TITLES["kubernetes-proficient"]] == "reached"

    page.get_by_label("Reset", exact=True).select_option("ticks")  # milestones reached are ticks
    page.get_by_role("button", name="Reset progress").click()
    assert "1 box" in page.locator("#sp-confirm p").inner_text()
    page.get_by_role("button", name="Yes, reset").click()
    page.get_by_role("status").filter(has_text="Reset:").wait_for()
    assert not page.get_by_label("Reached: Kubernetes proficient").is_checked()
    assert statuses(page)[TITLES["kubernetes-proficient"]] == "3 days late"
    assert "kubernetes-proficient" in stored(page, PLAN.id)["unreached"]
    assert stored(page, PLAN.id)["milestones"] == {}

    import_file(page, path, "Replace")
    page.get_by_role("status").filter(has_text="Replaced").wait_for()
    assert page.get_by_label("Reached: Kubernetes proficient").is_checked()
    assert statuses(page)[TITLES["kubernetes-proficient"]] == "reached"


def test_a_week_all_ticked_is_ready_to_verify(page, site_url: str, tmp_path: Path) -> None:
    page.clock.set_fixed_time(TODAY)
    start_plan(page, site_url)
    own = pace(PLAN, PLAN.days)
    m = PLAN.milestones[0]
    week = own.week_of_day(own.day_of(m))
    page.goto(site_url + f"weeks/{week.id}/")
    for t in week.tasks:
        tick(page, t.id)
    page.goto(site_url + "progress/")
    assert statuses(page)[m.title] == "ready to verify"
    path = export(page, tmp_path)
    assert cli_statuses(path, "2027-02-05")[m.title] == "ready to verify"
    page.goto(site_url + f"weeks/{week.id}/")  # ticking its box on the week page: reached
    page.locator(f"label:has(input[data-task-id='{m.id}'])").first.click()
    page.goto(site_url + "progress/")
    assert statuses(page)[m.title] == "reached"
    assert page.get_by_label(f"Reached: {m.title}").is_checked()


@pytest.mark.parametrize(("today", "word"), [("2027-02-01", "due tomorrow"), ("2027-02-02", "due today"),
                                             ("2027-02-03", "1 day late"), ("2027-01-23", "due in 10 days")])
def test_due_and_late_words(page, site_url: str, tmp_path: Path, today: str, word: str) -> None:
    """Kubernetes proficient is day 30 of 90: Tue 2 Feb 2027 from a Monday 4 Jan start."""
    page.clock.set_fixed_time(dt.datetime.fromisoformat(today + "T12:00:00+00:00"))
    start_plan(page, site_url)
    assert statuses(page)[TITLES["kubernetes-proficient"]] == word
    assert cli_statuses(export(page, tmp_path), today)[TITLES["kubernetes-proficient"]] == word


def test_a_wednesday_start_with_a_day_off_counts_in_the_readers_dates(page, site_url: str, tmp_path: Path) -> None:
    """From a Wednesday, a day off on day 3 moves the rest a day later: the milestone of day 30 falls on day 31."""
    path = tmp_path / "in.json"
    path.write_text(json.dumps({"format": "studyplan-progress", "version": 1, "plan": PLAN.id, "start_date": "2027-01-06",
                                "pace": 90, "done": {}, "days_off": [{"on": "2027-01-08", "mode": "shift"}]}))
    page.clock.set_fixed_time(dt.datetime(2027, 2, 5, 12, 0, tzinfo=dt.UTC))
    page.goto(site_url + "progress/")
    import_file(page, path, "Replace")
    page.get_by_role("status").filter(has_text="Replaced").wait_for()
    shown = statuses(page)
    assert cli_statuses(path, "2027-02-05") == shown
    assert shown[TITLES["kubernetes-proficient"]] == "due today"  # day 31 from Wed 6 Jan: Fri 5 Feb (day 30 without the day off)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
def test_the_milestones_table_fits(browser, site_url: str, tmp_path: Path, width: int, scheme: str) -> None:
    import os

    out = Path(os.environ.get("SP_SCREENSHOTS") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.clock.set_fixed_time(TODAY)
    start_plan(page, site_url)
    page.get_by_label("Reached: Docker certification-ready").check()
    page.locator("table#sp-milestones tr", has_text="Docker").get_by_text("reached", exact=True).wait_for()
    table = page.locator("table#sp-milestones")
    table.scroll_into_view_if_needed()
    page.mouse.move(0, 0)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    box = table.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width  # the table's box stays on screen
    # every cell can be reached: the box scrolls sideways when its rows are wider than it
    assert table.evaluate("t => t.scrollWidth <= t.clientWidth || getComputedStyle(t).overflowX === 'auto'")
    table.evaluate("t => { t.scrollLeft = t.scrollWidth; }")
    last = page.locator("table#sp-milestones tbody tr").first.locator("td").last
    cell = last.bounding_box()
    assert cell["x"] + cell["width"] <= box["x"] + box["width"] + 1, (cell, box)  # the last column shows whole
    status = page.locator("table#sp-milestones tbody tr").first.locator("td").nth(2)
    table.evaluate("t => { t.scrollLeft = 0; }")
    s = status.bounding_box()
    assert s["x"] + s["width"] <= box["x"] + box["width"] + 1  # the status shows unscrolled, at 390 px too
    page.evaluate("document.querySelector('#sp-milestones').scrollLeft = 0")
    table.screenshot(path=out / f"milestones-{width}-{scheme}.png")
    page.screenshot(path=out / f"milestones-page-{width}-{scheme}.png")
    context.close()


def test_merge_says_how_many_milestones_it_reached_and_which_a_newer_untick_kept(page, site_url: str,
                                                                                   tmp_path: Path) -> None:
    """Merge counts the milestones a file reaches; when this browser unticked one
    after the file was exported, the untick wins and the message says why."""
    page.clock.set_fixed_time(TODAY)
    start_plan(page, site_url)
    page.get_by_label("Reached: Kubernetes proficient").check()
    page.locator("table#sp-milestones tr", has_text="Kubernetes proficient").get_by_text("reached", exact=True).wait_for()
    path = export(page, tmp_path)

    page.clock.set_fixed_time(TODAY + dt.timedelta(hours=1))  # unticked after the export
    page.get_by_label("Reached: Kubernetes proficient").uncheck()
    page.locator("table#sp-milestones tr", has_text="Kubernetes proficient").get_by_text("3 days late").wait_for()
    import_file(page, path, "Merge")
    status = page.get_by_role("status").filter(has_text="Merged:")
    status.wait_for()
    assert "milestone reached" not in status.inner_text()
    assert "newer than 1 tick in the file" in status.inner_text()
    assert not page.get_by_label("Reached: Kubernetes proficient").is_checked()

    page.evaluate("localStorage.clear()")  # a browser that never saw this plan
    start_plan(page, site_url)
    import_file(page, path, "Merge")
    page.get_by_role("status").filter(has_text="Merged: 0 ticks added, 1 milestone reached").wait_for()
    assert page.get_by_label("Reached: Kubernetes proficient").is_checked()


@pytest.mark.parametrize("seed", range(2))
def test_the_boxes_of_pages_without_the_rules_reach_what_the_cli_reaches(page, site_url: str, seed: int) -> None:
    """Week and Milestones pages tick a milestone's box before rules.js is loaded,
    with studyplan.js's own copy of the "reached" rule: over generated events
    (ticks, unticks, older `done`/`undone` ticks, ties to the second) its boxes
    are what generator/progress.py `reached` says for the same stored data."""
    import random

    from generator.progress import parse_progress, reached

    rng = random.Random(seed)
    base = dt.datetime(2027, 1, 10, 9, 0, tzinfo=dt.UTC)
    ids = [m.id for m in PLAN.milestones]
    page.goto(site_url + "milestones/")
    for _ in range(12):
        events: dict[str, dict[str, str]] = {k: {} for k in ("done", "undone", "milestones", "unreached")}
        for mid in ids:
            for kind in events:
                if rng.random() < 0.45:  # few distinct times: ties are common
                    when = base + dt.timedelta(seconds=rng.choice([0, 0, 1, 60, 3600]))
                    events[kind][mid] = when.isoformat(timespec="milliseconds").replace("+00:00", "Z")
        page.evaluate("([k, v]) => localStorage.setItem(k, v)", [f"studyplan:{PLAN.id}:progress", json.dumps(events)])
        page.reload()
        page.locator("input[data-task-id][data-milestone]").first.wait_for(state="attached")
        assert page.locator("script[src*='rules.js']").count() == 0  # no start date: the page's own copy decides
        shown = {mid: page.locator(f"input[data-task-id='{mid}']").first.is_checked() for mid in ids}
        progress = parse_progress(json.dumps({"format": "studyplan-progress", "version": 1, "plan": PLAN.id, **events}),
                                  "generated.json", PLAN.id)
        assert shown == {mid: reached(progress, mid) is not None for mid in ids}, events
