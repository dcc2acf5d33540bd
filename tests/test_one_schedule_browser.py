"""One schedule per reader (issue 21), in Chromium against the CLI: for a start
on each of the seven weekdays, Today on every day of the plan, the week pages'
"Day by day" and the downloaded calendar say what `studyplan plan --start` and
`studyplan calendar` say, on the shipped plan and on a plan of another shape
(one block a day, every weekend item on Sunday); and again after a catch-up
and a day off. Dates come from page.clock; every wait is for a state.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import icalendar
import pytest
import yaml
from conftest import PLAN as PLAN_FILE
from conftest import ROOT, studyplan
from progresspage import served_site

from generator.validate import load_plan

SHIPPED = load_plan(PLAN_FILE)
MONDAY = dt.date(2027, 1, 4)
WEEKDAYS = [MONDAY + dt.timedelta(days=i) for i in range(7)]


@pytest.fixture(scope="module")
def sunday_plan(tmp_path_factory) -> Path:
    """tests/plans/one-block.yaml with every weekend focus item on Sunday."""
    data = yaml.safe_load((ROOT / "tests" / "plans" / "one-block.yaml").read_text(encoding="utf-8"))
    for item in data["schedule"]["weekend"]["focus"]:
        item["day"] = "sun"
    path = tmp_path_factory.mktemp("sunday") / "sunday.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def sunday_site(sunday_plan: Path, tmp_path_factory):
    with served_site(sunday_plan, tmp_path_factory.mktemp("sunday-site") / "site") as url:
        yield url


def cli_agenda(plan: Path, progress: Path) -> dict:
    result = studyplan("plan", "--plan", str(plan), "--progress", str(progress), "--tz", "UTC")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def write_progress(path: Path, plan_id: str, start: dt.date, days: int, extra: dict | None = None) -> Path:
    data = {"format": "studyplan-progress", "version": 1, "plan": plan_id, "done": {}, "start_date": start.isoformat(),
            "pace": days, "timezone": "UTC", **(extra or {})}
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def set_reader(page, url: str, plan_id: str, progress: Path, when: dt.date) -> None:
    """The reader's settings and progress in this browser, as an import would leave them."""
    data = json.loads(progress.read_text(encoding="utf-8"))
    page.clock.set_fixed_time(dt.datetime(when.year, when.month, when.day, 12, tzinfo=dt.UTC))
    page.goto(url + "404.html")
    page.evaluate("([k, s, p]) => { localStorage.setItem(k + 'settings', s); localStorage.setItem(k + 'progress', p); }",
                  [f"studyplan:{plan_id}:", json.dumps({"start_date": data["start_date"], "pace": data["pace"], "timezone": "UTC"}),
                   json.dumps({"done": data["done"], "undone": {}, "notes": {}, "confidence": {},
                               "replans": data.get("replans", []), "days_off": data.get("days_off", [])})])


def today_on_every_day(page, url: str, plan_id: str, cli: dict) -> None:
    """Today, day by day from the first to the last, against the CLI's entries of that date."""
    by_date: dict[str, list] = {}
    for e in cli["entries"]:
        by_date.setdefault(e["date"], []).append(e)
    start = dt.date.fromisoformat(cli["start_date"])
    page.goto(url)
    page.locator("#sp-today > h2").wait_for()
    labels = {b["id"]: b["label"] for b in page.evaluate("() => JSON.parse(document.getElementById('sp-data').textContent).block_info")}
    names = {"single": "Weekend session", **{d[:3].lower(): f"{d} session" for d in
                                                ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")}}
    for n in range(cli["days"]):
        day = start + dt.timedelta(days=n)
        page.clock.set_fixed_time(dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC))
        page.evaluate("k => window.dispatchEvent(new StorageEvent('storage', {key: k}))", f"studyplan:{plan_id}:settings")
        page.locator("#sp-today .sp-day").filter(has_text=f"Day {n + 1} of {cli['days']}, ").wait_for()
        shown = page.evaluate("""() => Array.from(document.querySelectorAll('#sp-today .sp-agenda-today > li')).map(li => [
            li.querySelector('strong').textContent, li.childNodes[1].textContent,
            Array.from(li.querySelectorAll(':scope > ul > li')).map(x => x.textContent)])""")
        want = [[f"{e['start']} {labels.get(e['slot']) or names[e['kind']]} ({e['minutes']} min): ", e["label"], e["items"]]
                for e in by_date.get(day.isoformat(), [])]
        assert shown == want, (day, shown, want)


def day_tables(page, url: str, cli: dict, weeks: list) -> None:
    """Each week page's "Your schedule" rows against the CLI's entries of those days."""
    by_day: dict[int, list] = {}
    for e in cli["entries"]:
        by_day.setdefault(e["day"], []).append(e)
    for w in weeks:
        week, title = w.id, w.title
        page.goto(url + f"weeks/{week}/")
        table = page.locator(".sp-agenda__reader")
        table.wait_for()
        rows = table.evaluate("t => Array.from(t.querySelectorAll('tbody tr')).map(r => [+r.dataset.day, "
                              "Array.from(r.cells).slice(1).map(c => c.textContent)])")
        assert rows
        for day, cells in rows:
            entries = by_day.get(day, [])
            if not entries:
                assert cells in (["Free day"], ["Day off"]), (week, day, cells)
                continue
            want = [e["label"].removesuffix(f" ({title})") for e in entries]
            assert cells == [x[:1].upper() + x[1:] for x in want], (week, day)


def download_calendar(page, url: str, tmp_path: Path) -> bytes:
    page.goto(url + "calendar/")
    form = page.locator("#sp-cal-form")
    form.get_by_label("Time zone").fill("UTC")
    page.wait_for_function("() => window.StudyplanRules && window.STUDYPLAN_DATA")
    with page.expect_download() as info:
        form.get_by_role("button", name="Download calendar").click()
    out = tmp_path / "mine.ics"
    info.value.save_as(out)
    return out.read_bytes()


def events(data: bytes) -> dict[str, tuple]:
    cal = icalendar.Calendar.from_ical(data)
    return {str(e["UID"]): (str(e["SUMMARY"]), str(e["DESCRIPTION"]), e.decoded("DTSTART"), e.decoded("DTEND"))
            for e in cal.walk("VEVENT")}


def cli_calendar(plan: Path, progress: Path, tmp_path: Path) -> dict[str, tuple]:
    out = tmp_path / "cli"
    result = studyplan("calendar", "--plan", str(plan), "--progress", str(progress), "--tz", "UTC", "--out", str(out))
    assert result.returncode == 0, result.stderr
    merged: dict[str, tuple] = {}
    for name in ("daily.ics", "weekend.ics", "milestones.ics"):
        merged.update(events((out / name).read_bytes()))
    return merged


@pytest.mark.parametrize("start", WEEKDAYS, ids=lambda d: d.strftime("%a"))
def test_shipped_plan_every_weekday(page, site_url: str, tmp_path: Path, start: dt.date) -> None:
    progress = write_progress(tmp_path / "p.json", SHIPPED.id, start, 90)
    cli = cli_agenda(PLAN_FILE, progress)
    set_reader(page, site_url, SHIPPED.id, progress, start)
    today_on_every_day(page, site_url, SHIPPED.id, cli)
    weeks = list(SHIPPED.weeks) if start.weekday() in (2, 6) else [SHIPPED.weeks[1]]
    day_tables(page, site_url, cli, weeks)
    assert events(download_calendar(page, site_url, tmp_path)) == cli_calendar(PLAN_FILE, progress, tmp_path)


@pytest.mark.parametrize("start", WEEKDAYS, ids=lambda d: d.strftime("%a"))
def test_another_shape_every_weekday(page, sunday_site: str, sunday_plan: Path, tmp_path: Path, start: dt.date) -> None:
    plan = load_plan(sunday_plan)
    progress = write_progress(tmp_path / "p.json", plan.id, start, 60)
    cli = cli_agenda(sunday_plan, progress)
    assert any(e["kind"] == "sun" and e["focus"] for e in cli["entries"])
    set_reader(page, sunday_site, plan.id, progress, start)
    today_on_every_day(page, sunday_site, plan.id, cli)
    day_tables(page, sunday_site, cli, list(plan.weeks)[:3])
    assert events(download_calendar(page, sunday_site, tmp_path)) == cli_calendar(sunday_plan, progress, tmp_path)


@pytest.mark.parametrize("start", [WEEKDAYS[2], WEEKDAYS[6]], ids=["Wed", "Sun"])
def test_after_a_catch_up_and_a_day_off(page, site_url: str, tmp_path: Path, start: dt.date) -> None:
    done = {t.id: f"{(start + dt.timedelta(days=2)).isoformat()}T10:00:00.000Z" for t in SHIPPED.tasks[:3]}
    extra = {"done": done,
             "replans": [{"on": (start + dt.timedelta(days=33)).isoformat(), "mode": "keep-end", "days": 120}],
             "days_off": [{"on": (start + dt.timedelta(days=40)).isoformat(), "mode": "shift"},
                          {"on": (start + dt.timedelta(days=50)).isoformat(), "mode": "keep-end"}]}
    progress = write_progress(tmp_path / "p.json", SHIPPED.id, start, 120, extra)
    cli = cli_agenda(PLAN_FILE, progress)
    assert cli["days"] == 121 and len(cli["days_off"]) == 2
    set_reader(page, site_url, SHIPPED.id, progress, start)
    today_on_every_day(page, site_url, SHIPPED.id, cli)
    day_tables(page, site_url, cli, list(SHIPPED.weeks))
    assert events(download_calendar(page, site_url, tmp_path)) == cli_calendar(PLAN_FILE, progress, tmp_path)


def test_day_off_and_interview_date_round_trip(browser, site_url: str, tmp_path: Path) -> None:
    """Start with an interview date, take a day off on Today, export: the CLI gives the browser's agenda;
    the CLI's own day off (`studyplan dayoff --out`) imports back into a fresh browser with the same schedule."""
    from progresspage import export, import_file

    ctx = browser.new_context(accept_downloads=True)
    page = ctx.new_page()
    start = dt.date(2027, 1, 6)  # a Wednesday
    page.clock.set_fixed_time(dt.datetime(2027, 1, 1, 12, tzinfo=dt.UTC))
    page.goto(site_url)
    page.get_by_label("Start date", exact=True).fill(start.isoformat())
    page.get_by_label("Target date (optional)").fill("2027-04-30")
    page.get_by_label("Time zone").fill("europe/berlin")
    page.get_by_role("button", name="Start plan").click()
    page.locator("#sp-today .sp-day").filter(has_text="starts on Wed 6 Jan 2027").wait_for()
    settings = page.evaluate("k => JSON.parse(localStorage.getItem(k))", f"studyplan:{SHIPPED.id}:settings")
    assert settings == {"start_date": "2027-01-06", "pace": 115, "timezone": "Europe/Berlin"}  # 6 Jan - 30 Apr, both counted
    page.clock.set_fixed_time(dt.datetime(2027, 1, 13, 12, tzinfo=dt.UTC))
    page.reload()
    page.locator("#sp-today .sp-day").filter(has_text="Day 8 of 115").wait_for()
    page.get_by_role("button", name="Day off", exact=True).click()
    page.get_by_role("status").filter(has_text="Day off:").wait_for()
    page.locator("#sp-today .sp-day-free").filter(has_text="Day off").wait_for()
    mine = page.evaluate("() => window.studyplanAgenda()")
    page.goto(site_url + "progress/")
    path = export(page, tmp_path)
    ctx.close()
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["days_off"] == [{"on": "2027-01-13", "mode": "shift"}] and data["timezone"] == "Europe/Berlin"
    cli = studyplan("plan", "--progress", str(path))
    assert cli.returncode == 0, cli.stderr
    theirs = json.loads(cli.stdout)
    assert theirs["days"] == 116
    assert [(e["date"], e["slot"], e["start"], e["minutes"], e["summary"], e["items"]) for e in theirs["entries"]] == \
           [(e["date"], e["slot"], e["start"], e["minutes"], e["summary"], e["items"]) for e in mine]
    # The CLI takes another day off (end kept); a fresh browser imports its file.
    out = tmp_path / "cli.json"
    r = studyplan("dayoff", str(path), "--on", "2027-01-20", "--keep-end", "--out", str(out))
    assert r.returncode == 0, r.stderr
    fresh = browser.new_context()
    page2 = fresh.new_page()
    page2.clock.set_fixed_time(dt.datetime(2027, 1, 21, 12, tzinfo=dt.UTC))
    page2.goto(site_url + "progress/")
    import_file(page2, out, "Replace")
    page2.get_by_role("status").filter(has_text="Replaced").wait_for()
    again = page2.evaluate("() => window.studyplanAgenda()")
    cli2 = json.loads(studyplan("plan", "--progress", str(out)).stdout)
    assert [(e["date"], e["slot"], e["summary"], e["items"]) for e in cli2["entries"]] == \
           [(e["date"], e["slot"], e["summary"], e["items"]) for e in again]
    fresh.close()


@pytest.mark.parametrize("name", ["fri-sat", "no-weekend", "own-weeks"])
def test_plans_of_other_weekends_from_a_thursday(page, tmp_path_factory, tmp_path: Path, name: str) -> None:
    """A Friday-Saturday weekend and no weekend at all (issue 22): Today on every day, the day tables and the
    calendar download say what the CLI says, for a start on a Thursday."""
    plan_file = ROOT / "tests" / "plans" / f"{name}.yaml"
    plan = load_plan(plan_file)
    start = MONDAY + dt.timedelta(days=3)
    with served_site(plan_file, tmp_path_factory.mktemp(name) / "site") as url:
        progress = write_progress(tmp_path / "p.json", plan.id, start, plan.days)
        cli = cli_agenda(plan_file, progress)
        kinds = {e["kind"] for e in cli["entries"] if e["slot"] == "weekend"}
        assert kinds == ({"fri", "sat"} if name == "fri-sat" else {"sat", "sun"} if plan.schedule.weekend else set())
        set_reader(page, url, plan.id, progress, start)
        today_on_every_day(page, url, plan.id, cli)
        day_tables(page, url, cli, list(plan.weeks)[:3])
        assert events(download_calendar(page, url, tmp_path)) == cli_calendar(plan_file, progress, tmp_path)
