"""The browser's storage failing, in Chromium: turned off (localStorage throws on access),
a private window that keeps nothing, full (QuotaExceededError on a tick or an import), a
write that fails half-way, another tab changing things mid-edit. Each time the reader sees a
message at the control, in view, and nothing already stored is lost or half-written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import PLAN as PLAN_FILE
from progresspage import box, choose_file, in_viewport, key, stored, tick

from generator.validate import load_plan

PLAN = load_plan(PLAN_FILE)
WEEK = "weeks/docker-deep-dive/"
T = "2027-01-04T10:00:00Z"
KEYS = ("progress", "settings", "meta", "undo")

BLOCKED = """Object.defineProperty(window, 'localStorage', {configurable: true,
  get() { throw new DOMException("Access is denied for this document.", "SecurityError"); }});"""
# setItem throws for `keys` ending so (all when empty): storage full, or a private window that keeps nothing
FULL = """(ends) => { const real = Storage.prototype.setItem;
  Storage.prototype.setItem = function (k, v) {
    if (!ends.length || ends.some(e => k.endsWith(e))) throw new DOMException("full", "QuotaExceededError");
    return real.call(this, k, v); }; }"""


def _all(page) -> dict:
    return {name: stored(page, PLAN.id, name) for name in KEYS}


def _alert_at(page, scope: str, text: str):
    alert = page.locator(f"{scope} [role=alert]").filter(has_text=text)
    alert.wait_for()
    assert in_viewport(page, alert)
    return alert.inner_text()


@pytest.fixture
def errors(page):
    found: list[str] = []
    page.on("pageerror", lambda e: found.append(str(e)))
    return found


def test_storage_turned_off_is_said_on_a_tick_and_on_the_progress_page(browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 700})
    context.add_init_script(BLOCKED)
    page = context.new_page()
    try:
        page.goto(site_url + WEEK)
        tick(page, "docker-trivy-scan")
        li = "li:has(input[data-task-id='docker-trivy-scan'])"
        text = _alert_at(page, li, "Not saved")
        assert text == ("Not saved: the browser does not let this site store anything (its site data is blocked, or this is "
                        "a private window): your progress cannot be kept here; export it to keep it.")
        assert not box(page, "docker-trivy-scan").is_checked()  # the box shows what is kept: nothing
        page.goto(site_url + "progress/")
        line = page.locator("#sp-persist.sp-alert")
        line.wait_for()
        assert line.inner_text().startswith("Storage: this browser does not let this site store anything")
        page.get_by_label("Start date").fill("2027-01-04")
        page.get_by_role("button", name="Save").click()
        _alert_at(page, "#sp-settings", "Not saved: the browser does not let this site store anything")
        # (The theme's own inline script reads localStorage outside a try: its "Access is denied" page errors are Material's.)
    finally:
        context.close()


@pytest.mark.parametrize("how", ["full", "private window"])
def test_a_refused_tick_keeps_what_was_stored(page, site_url: str, errors: list, how: str) -> None:
    page.goto(site_url + WEEK)
    tick(page, "docker-layer-caching")
    page.wait_for_function("k => JSON.parse(localStorage.getItem(k) || '{}').persist", arg=key(PLAN.id, "meta"))  # asked once, after the first tick
    before = _all(page)
    page.evaluate(FULL, [":progress"] if how == "full" else [])
    tick(page, "docker-trivy-scan")
    text = _alert_at(page, "li:has(input[data-task-id='docker-trivy-scan'])", "Not saved")
    assert text == "Not saved: the browser refused to store it (storage is full)."
    assert not box(page, "docker-trivy-scan").is_checked() and box(page, "docker-layer-caching").is_checked()
    assert _all(page) == before
    assert errors == []


def test_a_write_failing_half_way_leaves_nothing_half_written(page, site_url: str, errors: list) -> None:
    """A tick writes the progress, then the meta (its change time): the meta failing
    puts the progress back as it was."""
    page.goto(site_url + WEEK)
    tick(page, "docker-layer-caching")
    page.wait_for_function("k => JSON.parse(localStorage.getItem(k) || '{}').persist", arg=key(PLAN.id, "meta"))  # asked once, after the first tick
    before = _all(page)
    page.evaluate(FULL, [":meta"])
    tick(page, "docker-trivy-scan")
    _alert_at(page, "li:has(input[data-task-id='docker-trivy-scan'])", "storage is full")
    assert _all(page) == before
    assert errors == []


def test_an_import_with_storage_turned_off_changes_nothing(browser, site_url: str, tmp_path: Path) -> None:
    context = browser.new_context()
    context.add_init_script(BLOCKED)
    page = context.new_page()
    try:
        page.goto(site_url + "progress/")
        path = tmp_path / "p.json"
        path.write_text(json.dumps({"format": "studyplan-progress", "version": 1, "plan": PLAN.id, "done": {"k8s-probes": T}}))
        choose_file(page, path)
        page.locator("#sp-choice").get_by_role("button", name="Replace", exact=True).click()
        text = _alert_at(page, "#sp-file", "Not imported")
        assert text.startswith("Not imported: the browser does not let this site store anything") and text.endswith("Nothing changed.")
    finally:
        context.close()


def test_another_tabs_note_is_not_overwritten_unasked(page, site_url: str, errors: list) -> None:
    """Two tabs of one browser: while the reader types a note here, the other tab saves the
    same task's note. The next keystroke here does not overwrite it; it says so, shows
    the other text, and the one after saves the reader's text."""
    page.goto(site_url + WEEK)
    item = page.locator("li.sp-item:has(input[data-task-id='docker-trivy-scan'])")
    item.get_by_role("button", name="Add note").click()
    note = item.get_by_label("Note")
    note.press_sequentially("mine")
    page.wait_for_function("k => (JSON.parse(localStorage.getItem(k)).notes['docker-trivy-scan'] || {}).text === 'mine'",
                           arg=key(PLAN.id))
    other = page.context.new_page()
    other.goto(site_url + WEEK)
    theirs = other.locator("li.sp-item:has(input[data-task-id='docker-trivy-scan'])").get_by_label("Note")
    theirs.fill("from the other tab")
    other.wait_for_function("k => JSON.parse(localStorage.getItem(k)).notes['docker-trivy-scan'].text === 'from the other tab'",
                            arg=key(PLAN.id))
    note.press_sequentially("!")
    text = _alert_at(page, "li.sp-item:has(input[data-task-id='docker-trivy-scan'])", "another tab changed this note")
    assert text == ('Note not saved: another tab changed this note while you typed; it now reads "from the other tab". '
                    "Your text is still here: type again to save it over that.")
    assert note.input_value() == "mine!"
    assert stored(page, PLAN.id)["notes"]["docker-trivy-scan"]["text"] == "from the other tab"
    note.press_sequentially("!")
    page.wait_for_function("k => JSON.parse(localStorage.getItem(k)).notes['docker-trivy-scan'].text === 'mine!!'", arg=key(PLAN.id))
    other.close()
    assert errors == []


def test_a_tick_in_another_tab_during_an_import_is_kept(page, site_url: str, tmp_path: Path) -> None:
    page.goto(site_url + "progress/")
    path = tmp_path / "p.json"
    path.write_text(json.dumps({"format": "studyplan-progress", "version": 1, "plan": PLAN.id, "done": {"k8s-probes": T}}))
    choose_file(page, path)
    page.locator("#sp-choice-title").wait_for()
    other = page.context.new_page()
    other.goto(site_url + WEEK)
    tick(other, "docker-trivy-scan")
    other.wait_for_function("k => JSON.parse(localStorage.getItem(k) || '{}').done['docker-trivy-scan']", arg=key(PLAN.id))
    page.locator("#sp-choice").get_by_role("button", name="Merge", exact=True).click()
    page.get_by_role("status").filter(has_text="Merged").wait_for()
    assert set(stored(page, PLAN.id)["done"]) == {"k8s-probes", "docker-trivy-scan"}
    other.close()
