"""Progress tracking in a real browser: tick, reload, export, import, reset, today."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from conftest import ROOT

from generator.validate import load_plan

PLAN = load_plan(ROOT / "plan_data" / "plan.yaml")


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
    page.goto(site_url + "milestones/")
    _tick(page, "kubernetes-proficient")
    page.goto(site_url + "progress/")
    with page.expect_download() as info:
        page.get_by_role("button", name="Export progress", exact=True).click()
    download = info.value
    assert download.suggested_filename == "progress.json"
    data = json.loads(Path(download.path()).read_text())
    assert data["format"] == "studyplan-progress" and data["version"] == 1 and data["plan"] == PLAN.id
    assert "kubernetes-proficient" in data["done"]
    dt.datetime.fromisoformat(data["done"]["kubernetes-proficient"].replace("Z", "+00:00"))
    with page.expect_download() as info:
        page.get_by_role("button", name="Export CSV").click()
    lines = Path(info.value.path()).read_text().splitlines()
    assert lines[0] == "id,week,text,done at"
    assert any(line.startswith("kubernetes-proficient,,Milestone: Kubernetes proficient,20") for line in lines)
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
    assert "docker-layer-caching" in page.evaluate(f"localStorage.getItem('studyplan:{PLAN.id}:progress')")


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
    _import(page, path)
    status = page.get_by_role("status")
    status.filter(has_text="Imported").wait_for()
    text = status.inner_text()
    assert "2 tick(s) added" in text and "1 untick(s) applied" in text and "1 id(s) not in this plan kept" in text
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
    page.get_by_role("status").filter(has_text="Reset: 1 box(es) unticked").wait_for()
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
    # 13 January is day 10; tasks on days <= 10: week 1 (2,4,6,8) and k8s-pods-basics (10) = 5.
    assert "Day 10 of 90" in report
    assert "Expected by today: 5 tasks. Done: 3. 2 tasks behind the plan." in report
    today = page.locator("#sp-today").inner_text()
    assert "Day 10 of 90 (2027-01-13): Week 2: Kubernetes Fundamentals" in today
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
