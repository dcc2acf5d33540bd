"""Progress tracking in a real browser: tick, reload, export, import (merge or replace), reset and undo,
messages at their control, the export reminder, today."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from conftest import PLAN as PLAN_FILE
from progresspage import choose_file, export, import_file, in_viewport, reset_everything, stored

from generator.pace import pace
from generator.validate import load_plan

PLAN = load_plan(PLAN_FILE)


def _box(page, task_id: str):
    return page.locator(f"input[data-task-id='{task_id}']").first


def _tick(page, task_id: str) -> None:
    page.locator(f"label:has(input[data-task-id='{task_id}'])").first.click()


def test_tick_persists_and_shows_on_checklist(page, site_url: str) -> None:
    page.goto(site_url + "weeks/docker-deep-dive/")
    _tick(page, "docker-trivy-scan")
    assert _box(page, "docker-trivy-scan").is_checked()
    page.reload()
    assert _box(page, "docker-trivy-scan").is_checked()
    assert not _box(page, "docker-layer-caching").is_checked()
    assert "1 of 4" in page.locator(".sp-week-progress").inner_text()
    page.goto(site_url + "checklists/90/docker-deep-dive/")
    assert _box(page, "docker-trivy-scan").is_checked()
    page.goto(site_url + "checklists/120/all/")
    assert _box(page, "docker-trivy-scan").is_checked()
    stored = json.loads(page.evaluate(f"localStorage.getItem('studyplan:{PLAN.id}:progress')"))
    assert list(stored["done"]) == ["docker-trivy-scan"]


def test_export_progress_and_csv(page, site_url: str, tmp_path: Path) -> None:
    page.clock.set_fixed_time(dt.datetime(2027, 1, 10, 12, 0, tzinfo=dt.UTC))
    page.goto(site_url + "milestones/")
    _tick(page, "kubernetes-proficient")
    page.goto(site_url + "progress/")
    with page.expect_download() as info:
        page.locator("#sp-file [data-action=export]").click()
    download = info.value
    assert download.suggested_filename == f"{PLAN.id}-progress-2027-01-10.json"  # whose and when
    data = json.loads(Path(download.path()).read_text())
    assert data["format"] == "studyplan-progress" and data["version"] == 1 and data["plan"] == PLAN.id
    assert "kubernetes-proficient" in data["milestones"]  # a milestone's box is its "Reached" box
    dt.datetime.fromisoformat(data["milestones"]["kubernetes-proficient"].replace("Z", "+00:00"))
    with page.expect_download() as info:
        page.get_by_role("button", name="Export CSV").click()
    assert info.value.suggested_filename == f"{PLAN.id}-progress-2027-01-10.csv"
    lines = Path(info.value.path()).read_text().splitlines()
    assert lines[0] == "id,week,day,text,done at,confidence,note"
    day = next(m.day for m in PLAN.milestones if m.id == "kubernetes-proficient")
    own = pace(PLAN, PLAN.days)
    week = next(w.number for w in PLAN.weeks if day in own.week(w))
    row = next(line for line in lines if line.startswith("kubernetes-proficient,"))
    assert row == f"kubernetes-proficient,{week},{day},Milestone: Kubernetes proficient,{data['milestones']['kubernetes-proficient']},,", row
    assert len(lines) == 1 + len(PLAN.tasks) + len(PLAN.milestones)


def _import(page, path: Path) -> None:
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import progress").click()
    chooser.value.set_files(str(path))


def test_import_refuses_bad_files_and_keeps_ticks(page, site_url: str, tmp_path: Path) -> None:
    page.goto(site_url + "weeks/docker-deep-dive/")
    _tick(page, "docker-layer-caching")
    page.goto(site_url + "progress/")
    before = page.evaluate(f"localStorage.getItem('studyplan:{PLAN.id}:progress')")
    cases = {
        "broken.json": ("{not json", "not valid JSON"),
        "other.json": (json.dumps({"format": "something-else", "version": 1, "plan": PLAN.id, "done": {}}), "not a studyplan progress file"),
        "future.json": (json.dumps({"format": "studyplan-progress", "version": 2, "plan": PLAN.id, "done": {}}), "version 2"),
        "plan.json": (json.dumps({"format": "studyplan-progress", "version": 1, "plan": "another-plan", "done": {}}), "another plan"),
    }
    for name, (text, message) in cases.items():
        path = tmp_path / name
        path.write_text(text)
        _import(page, path)
        alert = page.get_by_role("alert")
        alert.filter(has_text=message).wait_for()
        assert page.evaluate(f"localStorage.getItem('studyplan:{PLAN.id}:progress')") == before


def test_import_merges_including_unticks(page, site_url: str, tmp_path: Path) -> None:
    page.goto(site_url + "weeks/docker-deep-dive/")
    _tick(page, "docker-multi-stage-dockerfiles")
    _tick(page, "docker-image-size")
    future = "2099-01-01T00:00:00Z"
    path = tmp_path / "progress.json"
    path.write_text(json.dumps({"format": "studyplan-progress", "version": 1, "plan": PLAN.id,
                                "done": {"k8s-probes": "2027-01-10T10:00:00Z", "gone-task": "2027-01-10T10:00:00Z",
                                         "docker-image-size": "2000-01-01T00:00:00Z"},
                                "undone": {"docker-multi-stage-dockerfiles": future}}))
    page.goto(site_url + "progress/")
    import_file(page, path, "Merge")
    status = page.get_by_role("status")
    status.filter(has_text="Merged").wait_for()
    text = status.inner_text()
    assert "2 ticks added" in text and "1 untick applied" in text and "1 id not in this plan kept" in text
    page.goto(site_url + "weeks/docker-deep-dive/")
    assert not _box(page, "docker-multi-stage-dockerfiles").is_checked()  # the newer untick won
    assert _box(page, "docker-image-size").is_checked()  # the local tick is newer than the file's
    page.goto(site_url + "weeks/kubernetes-fundamentals/")
    assert _box(page, "k8s-probes").is_checked()


def test_reset_one_week(page, site_url: str) -> None:
    page.goto(site_url + "weeks/docker-deep-dive/")
    _tick(page, "docker-trivy-scan")
    page.goto(site_url + "weeks/kubernetes-fundamentals/")
    _tick(page, "k8s-probes")
    page.goto(site_url + "progress/")
    page.get_by_label("Reset").select_option("docker-deep-dive")
    page.get_by_role("button", name="Reset progress").click()
    page.get_by_role("button", name="Yes, reset").click()
    page.get_by_role("status").filter(has_text="Reset: 1 box unticked").wait_for()
    page.goto(site_url + "weeks/docker-deep-dive/")
    assert not _box(page, "docker-trivy-scan").is_checked()
    page.goto(site_url + "weeks/kubernetes-fundamentals/")
    assert _box(page, "k8s-probes").is_checked()


def test_today_and_report_for_a_fixed_clock(page, site_url: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.clock.set_fixed_time(dt.datetime(2027, 1, 13, 12, 0, tzinfo=dt.UTC))
    page.goto(site_url + "weeks/docker-deep-dive/")
    for task in PLAN.weeks[0].tasks[:3]:
        _tick(page, task.id)
    page.goto(site_url + "progress/")
    page.get_by_label("Start date").fill("2027-01-04")
    page.get_by_label("Pace").select_option("90")
    page.get_by_role("button", name="Save").click()
    report = page.locator("#sp-report").inner_text()
    # 13 January is day 10; tasks due before it: week 1's (days 2, 4, 6, 8) = 4; today's (day 10) is not behind yet.
    assert "Day 10 of 90" in report
    assert "Due before today: 4 tasks. Done: 3. 1 task behind the plan." in report
    today = page.locator("#sp-today").inner_text()
    assert "Day 10 of 90, Wed 13 Jan 2027: Week 2: Kubernetes Fundamentals" in today
    assert "Run a model container as a bare Pod" in today  # scheduled today (day 10)
    assert "Optimize image size" in today  # overdue (day 8, not ticked)
    page.goto(site_url)
    assert "Day 10 of 90" in page.locator("#sp-today").inner_text()
    assert dialogs == []


def test_hostile_task_title_is_text(browser, tmp_path: Path) -> None:
    import functools
    import threading
    from http.server import ThreadingHTTPServer

    from conftest import _QuietHandler, first_task, small_plan, studyplan
    hostile = "<img src=x onerror=alert(1)>"
    plan = small_plan(tmp_path, first_task(hostile))
    out = tmp_path / "site"
    assert studyplan("build", "--plan", str(plan), "--site-dir", str(out)).returncode == 0
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(out)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.clock.set_fixed_time(dt.datetime(2027, 3, 25, 12, 0, tzinfo=dt.UTC))
        base = f"http://127.0.0.1:{server.server_port}/"
        page.goto(base + "weeks/containers/")
        assert hostile in page.locator("article").inner_text()
        page.goto(base + "progress/")
        page.get_by_label("Start date").fill("2027-03-01")
        page.get_by_role("button", name="Save").click()
        page.goto(base + "progress/")
        assert hostile in page.locator("#sp-today").inner_text()
        assert page.locator("img[src='x']").count() == 0
        assert dialogs == []
        page.close()
    finally:
        server.shutdown()
        server.server_close()


# -- issue 16: progress you cannot lose ------------------------------------------------------------

FIVE = [t.id for t in PLAN.weeks[0].tasks] + [PLAN.weeks[1].tasks[0].id]


def _tick_five(page, site_url: str) -> dict[str, str]:
    page.goto(site_url + "weeks/docker-deep-dive/")
    for task in FIVE[:-1]:
        _tick(page, task)
    page.goto(site_url + "weeks/kubernetes-fundamentals/")
    _tick(page, FIVE[-1])
    done = stored(page, PLAN.id)["done"]
    assert sorted(done) == sorted(FIVE)
    return done


def test_export_reset_replace_round_trip_is_exact(page, site_url: str, tmp_path: Path) -> None:
    done = _tick_five(page, site_url)
    page.goto(site_url + "progress/")
    path = export(page, tmp_path)
    reset_everything(page)
    assert stored(page, PLAN.id)["done"] == {}
    assert "Overall: 0 of 44" in page.locator("#sp-report").inner_text()
    import_file(page, path, "Replace")
    page.get_by_role("status").filter(has_text="Replaced").wait_for()
    assert stored(page, PLAN.id)["done"] == done  # the same ticks with the same times
    assert "Overall: 5 of 44" in page.locator("#sp-report").inner_text()
    # What was here (the reset) is the undo snapshot.
    page.get_by_role("button", name="Undo replace").click()
    page.get_by_role("status").filter(has_text="Replace undone").wait_for()
    assert stored(page, PLAN.id)["done"] == {}


def test_import_shows_the_file_before_anything_changes(page, site_url: str, tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text(json.dumps({"format": "studyplan-progress", "version": 1, "plan": PLAN.id,
                                "exported_at": "2027-01-07T09:00:00Z",
                                "done": {"k8s-probes": "2027-01-06T19:40:00Z", "k8s-hpa": "2027-01-06T19:40:00Z"},
                                "undone": {"docker-trivy-scan": "2027-01-07T08:00:00Z"},
                                "notes": {"k8s-probes": {"text": "liveness vs readiness", "time": "2027-01-06T19:41:00Z"}},
                                "confidence": {}}))
    page.goto(site_url + "progress/")
    choose_file(page, path)
    title = page.locator("#sp-choice-title")
    title.wait_for()
    assert title.inner_text() == ("This file holds 2 ticks, 1 untick, 1 note and 0 confidence ratings; "
                                  "exported Thu 7 Jan 2027 09:00.")  # the reader's zone: here UTC
    assert page.evaluate("document.activeElement.id") == "sp-choice-title"
    for name in ("Merge", "Replace", "Cancel"):
        assert page.locator("#sp-choice").get_by_role("button", name=name, exact=True).is_visible()
    assert stored(page, PLAN.id) is None  # nothing changed yet
    page.locator("#sp-choice").get_by_role("button", name="Cancel").click()
    page.get_by_role("status").filter(has_text="Import cancelled. Nothing changed.").wait_for()
    assert stored(page, PLAN.id) is None
    assert page.locator("#sp-choice").is_hidden()


def test_merge_after_a_reset_says_the_reset_is_newer_and_offers_replace(page, site_url: str, tmp_path: Path) -> None:
    done = _tick_five(page, site_url)
    page.goto(site_url + "progress/")
    path = export(page, tmp_path)
    reset_everything(page)
    import_file(page, path, "Merge")
    status = page.get_by_role("status")
    status.filter(has_text="Merged").wait_for()
    assert ("Your reset (or untick) in this browser is newer than 5 ticks in the file, so Merge left those boxes unticked"
            in status.inner_text())
    assert stored(page, PLAN.id)["done"] == {}
    status.get_by_role("button", name="Replace").click()
    status.filter(has_text="Replaced").wait_for()
    assert stored(page, PLAN.id)["done"] == done


def test_undo_reset_survives_a_reload_until_the_next_change(page, site_url: str) -> None:
    done = _tick_five(page, site_url)
    page.goto(site_url + "progress/")
    page.get_by_label("Reset", exact=True).select_option("docker-deep-dive")
    page.get_by_role("button", name="Reset progress").click()
    page.get_by_role("button", name="Yes, reset").click()
    page.get_by_role("status").filter(has_text="Reset: 4 boxes unticked").wait_for()
    page.reload()
    undo = page.get_by_role("button", name="Undo reset")
    assert "4 boxes unticked" in page.locator(".sp-undo[data-kind=reset]").inner_text()
    undo.click()
    page.get_by_role("status").filter(has_text="Reset undone: 5 ticks restored").wait_for()
    assert stored(page, PLAN.id)["done"] == done  # with their original times
    assert undo.is_hidden()
    # A change after a reset ends what Undo can restore, after a reload too.
    reset_everything(page)
    assert undo.is_visible()
    page.goto(site_url + "weeks/docker-deep-dive/")
    _tick(page, "docker-trivy-scan")
    page.goto(site_url + "progress/")
    assert page.get_by_role("button", name="Undo reset").is_hidden()


def _scroll_to_bottom(page) -> None:
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")


def test_each_message_is_next_to_its_control_in_view_and_focused(page, site_url: str, tmp_path: Path) -> None:
    page.set_viewport_size({"width": 1280, "height": 700})
    _tick_five(page, site_url)
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    page.goto(site_url + "progress/")
    page.get_by_label("Start date").fill("2027-01-04")
    page.get_by_role("button", name="Save").click()  # a long page: the file controls are far down

    def check(role: str, text: str, group: str) -> None:
        message = page.get_by_role(role).filter(has_text=text)
        message.wait_for()
        page.wait_for_function("el => document.activeElement === el", arg=message.element_handle())
        assert in_viewport(page, message), (text, message.bounding_box())
        assert message.evaluate("(el, g) => !!el.closest(g)", group), text

    check("status", "Saved: start 2027-01-04", "#sp-settings")
    actions = [
        (lambda: page.get_by_role("button", name="Export CSV").click(), "status", f"Exported {PLAN.id}-progress-", "#sp-file"),
        (lambda: export(page, tmp_path), "status", f"Exported {PLAN.id}-progress-", "#sp-file"),
        (lambda: choose_file(page, bad), "alert", "not valid JSON", "#sp-file"),
        (lambda: (page.get_by_role("button", name="Reset progress").click(), page.get_by_role("button", name="Yes, reset").click()),
         "status", "Reset: 5 boxes unticked", "#sp-reset"),
        (lambda: page.get_by_role("button", name="Undo reset").click(), "status", "Reset undone", "#sp-reset"),
    ]
    for act, role, text, group in actions:
        _scroll_to_bottom(page)
        act()
        check(role, text, group)


def test_reminder_when_the_last_export_is_eight_days_old(page, site_url: str, tmp_path: Path) -> None:
    start = dt.datetime(2027, 1, 4, 9, 0, tzinfo=dt.UTC)
    page.clock.install(time=start)
    page.goto(site_url + "weeks/docker-deep-dive/")
    _tick(page, "docker-trivy-scan")
    page.goto(site_url + "progress/")
    remind = page.locator("#sp-file .sp-remind")
    assert remind.inner_text() == "Keep a copy: your progress is only in this browser and has never been exported."
    page.goto(site_url)
    home = page.locator(".sp-remind-home .sp-remind")
    assert "never been exported" in home.inner_text()
    with page.expect_download():
        home.get_by_role("button", name="Export progress").click()
    page.get_by_role("status").filter(has_text=f"Exported {PLAN.id}-progress-2027-01-04.json").wait_for()
    assert home.is_hidden()
    assert stored(page, PLAN.id, "meta")["exported_at"].startswith("2027-01-04T09:")
    # A tick a day later; six days after the export, no reminder yet; at eight days, one.
    page.clock.set_system_time(start + dt.timedelta(days=1))
    page.goto(site_url + "weeks/docker-deep-dive/")
    _tick(page, "docker-image-size")
    page.clock.set_system_time(start + dt.timedelta(days=6))
    page.goto(site_url + "progress/")
    assert remind.is_hidden()
    page.clock.set_system_time(start + dt.timedelta(days=8, hours=1))
    page.goto(site_url + "progress/")
    assert remind.inner_text() == "Keep a copy: your progress changed since your last export, 8 days ago."
    page.goto(site_url)
    assert home.inner_text().startswith("Keep a copy: your progress changed since your last export, 8 days ago.")


def test_first_tick_asks_for_persistent_storage(page, site_url: str) -> None:
    page.add_init_script("""
        window.__persistCalls = 0;
        navigator.storage.persist = () => { window.__persistCalls++; return Promise.resolve(true); };
        navigator.storage.persisted = () => Promise.resolve(localStorage.getItem('granted') === '1');
    """)
    page.goto(site_url + "progress/")
    persist = page.locator("#sp-persist")
    page.wait_for_function("document.getElementById('sp-persist').textContent !== ''")
    assert persist.inner_text().startswith("Storage: on your first tick this page asks the browser")
    page.goto(site_url + "weeks/docker-deep-dive/")
    _tick(page, "docker-trivy-scan")
    _tick(page, "docker-image-size")
    page.wait_for_function(f"JSON.parse(localStorage.getItem('studyplan:{PLAN.id}:meta') || '{{}}').persist === 'granted'")
    assert page.evaluate("window.__persistCalls") == 1  # asked once, on the first tick
    page.evaluate("localStorage.setItem('granted', '1')")
    page.goto(site_url + "progress/")
    page.wait_for_function("document.getElementById('sp-persist').textContent.includes('persistent.')")
    assert persist.inner_text().startswith("Storage: persistent.")
