"""Notes and confidence per task, in a real browser: week pages and Today, reload, export and import
into a fresh browser, merge with an older file, hostile text, the length limit, the CSV."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

from conftest import PLAN as PLAN_FILE
from progresspage import export, import_file, stored, tick

from generator.pace import pace
from generator.validate import load_plan

PLAN = load_plan(PLAN_FILE)
WEEK = "weeks/docker-deep-dive/"
TASK = "docker-trivy-scan"


def _item(page, task_id: str):
    return page.locator(f"li.sp-item:has(input[data-task-id='{task_id}'])")


def _write_note(page, task_id: str, text: str, confidence: str | None = None) -> None:
    item = _item(page, task_id)
    item.get_by_role("button", name="Add note").click()
    item.get_by_label("Note").fill(text)
    if confidence:
        item.get_by_label("Confidence").select_option(confidence)


def test_note_and_confidence_survive_a_reload(page, site_url: str) -> None:
    page.goto(site_url + WEEK)
    item = _item(page, TASK)
    button = item.get_by_role("button", name="Add note")
    assert button.get_attribute("aria-expanded") == "false"
    button.click()
    assert item.get_by_label("Note").evaluate("el => el === document.activeElement")
    item.get_by_label("Note").press_sequentially("Rescan after fixing")  # saved as you type
    item.get_by_label("Confidence").select_option("2")
    page.reload()
    item = _item(page, TASK)
    assert item.get_by_label("Note").input_value() == "Rescan after fixing"
    assert item.get_by_label("Confidence").input_value() == "2"
    data = stored(page, PLAN.id)
    assert data["notes"][TASK]["text"] == "Rescan after fixing"
    assert data["confidence"][TASK]["value"] == 2
    # Hidden again, the button says there is a note.
    item.get_by_role("button", name="Hide note").click()
    assert item.get_by_role("button", name="Show note").get_attribute("aria-expanded") == "false"
    assert item.get_by_label("Note").is_hidden()


def test_notes_in_today(page, site_url: str) -> None:
    page.clock.set_fixed_time(dt.datetime(2027, 1, 13, 12, 0, tzinfo=dt.UTC))
    page.goto(site_url + "progress/")
    page.get_by_label("Start date").fill("2027-01-04")
    page.get_by_role("button", name="Save").click()
    page.goto(site_url)
    today = page.locator("#sp-today")
    item = today.locator("li:has(input[data-task-id='k8s-pods-basics'])")  # scheduled on day 10
    item.get_by_role("button", name="Add note").click()
    item.get_by_label("Note").fill("bare pods restart?")
    item.get_by_label("Confidence").select_option("4")
    page.goto(site_url + "weeks/kubernetes-fundamentals/")
    week_item = _item(page, "k8s-pods-basics")
    assert week_item.get_by_label("Note").input_value() == "bare pods restart?"
    assert week_item.get_by_label("Confidence").input_value() == "4"
    # Ticking a box in Today redraws it and keeps the note and the focus.
    page.goto(site_url)
    box = today.locator("input[data-task-id='k8s-pods-basics']")
    box.focus()
    page.keyboard.press("Space")
    assert today.locator("input[data-task-id='k8s-pods-basics']").is_checked()
    assert page.evaluate("document.activeElement.dataset.taskId") == "k8s-pods-basics"
    assert item.get_by_label("Note").input_value() == "bare pods restart?"


def test_notes_travel_by_file_into_a_fresh_browser(browser, page, site_url: str, tmp_path: Path) -> None:
    page.goto(site_url + WEEK)
    tick(page, TASK)
    _write_note(page, TASK, "line one\nline two, \"quoted\"", "3")
    _write_note(page, "docker-image-size", "=HYPERLINK(\"x\")", None)
    page.goto(site_url + "progress/")
    path = export(page, tmp_path)
    data = json.loads(path.read_text())
    assert data["notes"][TASK]["text"] == "line one\nline two, \"quoted\""
    assert data["confidence"][TASK]["value"] == 3
    with page.expect_download() as info:
        page.get_by_role("button", name="Export CSV").click()
    rows = list(csv.DictReader(Path(info.value.path()).read_text().splitlines(keepends=True)))
    row = next(r for r in rows if r["id"] == TASK)
    assert (row["week"], row["confidence"], row["note"]) == ("1", "3", "line one\nline two, \"quoted\"")
    assert row["day"] == str(pace(PLAN, PLAN.days).task_days[TASK])
    assert next(r for r in rows if r["id"] == "docker-image-size")["note"] == "'=HYPERLINK(\"x\")"  # never a formula
    fresh = browser.new_context()
    other = fresh.new_page()
    other.goto(site_url + "progress/")
    import_file(other, path, "Merge")
    other.get_by_role("status").filter(has_text="Merged").wait_for()
    assert "2 notes and 1 confidence rating updated" in other.get_by_role("status").inner_text()
    other.goto(site_url + WEEK)
    item = _item(other, TASK)
    assert item.get_by_label("Note").input_value() == "line one\nline two, \"quoted\""
    assert item.get_by_label("Confidence").input_value() == "3"
    assert other.locator(f"input[data-task-id='{TASK}']").is_checked()
    fresh.close()


def test_merge_with_an_older_file_keeps_newer_notes(page, site_url: str, tmp_path: Path) -> None:
    page.goto(site_url + WEEK)
    _write_note(page, TASK, "newer here", "4")
    old = "2020-01-01T00:00:00Z"
    path = tmp_path / "old.json"
    path.write_text(json.dumps({"format": "studyplan-progress", "version": 1, "plan": PLAN.id, "done": {},
                                "notes": {TASK: {"text": "older in the file", "time": old},
                                          "docker-image-size": {"text": "only in the file", "time": old}},
                                "confidence": {TASK: {"value": 1, "time": old}, "docker-image-size": {"value": 2, "time": old}}}))
    page.goto(site_url + "progress/")
    import_file(page, path, "Merge")
    page.get_by_role("status").filter(has_text="Merged").wait_for()
    data = stored(page, PLAN.id)
    assert data["notes"][TASK]["text"] == "newer here" and data["confidence"][TASK]["value"] == 4
    assert data["notes"]["docker-image-size"] == {"text": "only in the file", "time": old}
    assert data["confidence"]["docker-image-size"] == {"value": 2, "time": old}


def test_a_hostile_note_is_text(page, site_url: str, tmp_path: Path) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    hostile = "<img src=x onerror=alert(1)>"
    page.goto(site_url + WEEK)
    _write_note(page, TASK, hostile)
    page.reload()
    assert _item(page, TASK).get_by_label("Note").input_value() == hostile
    path = tmp_path / "h.json"
    path.write_text(json.dumps({"format": "studyplan-progress", "version": 1, "plan": PLAN.id, "done": {},
                                "notes": {"docker-image-size": {"text": hostile + "<script>alert(2)</script>", "time": "2099-01-01T00:00:00Z"}}}))
    page.goto(site_url + "progress/")
    import_file(page, path, "Replace")
    page.get_by_role("status").filter(has_text="Replaced").wait_for()
    page.goto(site_url + WEEK)
    assert _item(page, "docker-image-size").get_by_label("Note").input_value() == hostile + "<script>alert(2)</script>"
    assert page.locator("img[src='x']").count() == 0
    assert dialogs == []


def test_a_note_over_9999_characters_is_refused(page, site_url: str) -> None:
    page.goto(site_url + WEEK)
    _write_note(page, TASK, "x" * 9999)
    item = _item(page, TASK)
    assert len(stored(page, PLAN.id)["notes"][TASK]["text"]) == 9999
    item.get_by_label("Note").press("End")
    item.get_by_label("Note").press("y")
    alert = item.get_by_role("alert")
    alert.filter(has_text="Note not saved").wait_for()
    assert alert.inner_text() == "Note not saved: it has 10,000 characters; a note can have up to 9,999."
    assert item.get_by_label("Note").evaluate("el => el === document.activeElement")  # typing is not interrupted
    assert stored(page, PLAN.id)["notes"][TASK]["text"] == "x" * 9999
    item.get_by_label("Note").press("Backspace")
    page.wait_for_function("!document.querySelector('.sp-note [role=alert]') || !document.querySelector('.sp-note [role=alert]').textContent")
