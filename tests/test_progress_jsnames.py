"""Task ids are data: a plan whose ids are JavaScript's own names (constructor, prototype,
hasownproperty, tostring, valueof, ...) works on the Progress page, and a file with `__proto__`
in it is refused without breaking anything."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import PLAN as PLAN_FILE
from conftest import ROOT
from progresspage import choose_file, export, import_file, reset_everything, served_site, stored, tick

from generator.pace import pace
from generator.validate import load_plan

JSNAMES = ROOT / "tests" / "plans" / "jsnames.yaml"
PLAN = load_plan(JSNAMES)
IDS = [t.id for t in PLAN.tasks]
T = "2027-01-04T10:00:00Z"


@pytest.fixture(scope="module")
def js_url(tmp_path_factory: pytest.TempPathFactory):
    with served_site(JSNAMES, tmp_path_factory.mktemp("jsnames") / "site") as url:
        yield url


@pytest.fixture
def js_page(page):
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (errors.append("dialog " + d.message), d.dismiss()))
    yield page
    assert errors == []


def _overall(page) -> str:
    return page.locator("#sp-report .sp-bar").first.inner_text()


def test_the_plan_uses_the_dangerous_names() -> None:
    assert {"constructor", "prototype", "hasownproperty", "tostring", "valueof", "isprototypeof", "tolocalestring"} <= set(IDS)


def test_ticks_and_counts(js_page, js_url: str) -> None:
    page = js_page
    page.goto(js_url + "progress/")
    assert page.locator("#sp-progress").is_visible()
    assert page.get_by_role("button", name="Import progress").is_visible()
    assert _overall(page) == "Overall: 0 of 7 (0%)"
    page.goto(js_url + "weeks/containers/")
    tick(page, "constructor")
    assert page.locator(".sp-week-progress").inner_text() == "This week: 1 of 2 (50%)"
    page.goto(js_url + "progress/")
    assert _overall(page) == "Overall: 1 of 7 (14%)"
    assert "Phase 1: Basics: 1 of 3" in page.locator("#sp-report").inner_text()
    assert "not in this plan" not in page.locator("#sp-report").inner_text()
    for week, ids in (("containers", ["prototype"]), ("clusters", ["hasownproperty"]),
                      ("mocks", ["tostring", "valueof", "isprototypeof", "tolocalestring"])):
        page.goto(js_url + f"weeks/{week}/")
        for i in ids:
            tick(page, i)
    page.goto(js_url + "progress/")
    assert _overall(page) == "Overall: 7 of 7 (100%)"
    assert sorted(stored(page, PLAN.id)["done"]) == sorted(IDS)


def test_export_reset_import_and_today(js_page, js_url: str, tmp_path: Path) -> None:
    page = js_page
    page.clock.set_fixed_time(dt.datetime(2027, 3, 16, 12, 0, tzinfo=dt.UTC))
    page.goto(js_url + "weeks/containers/")
    tick(page, "constructor")
    page.locator("li.sp-item:has(input[data-task-id='prototype'])").get_by_role("button", name="Add note").click()
    page.get_by_label("Note").fill("prototype chains")
    page.get_by_label("Confidence").select_option("1")
    page.goto(js_url + "progress/")
    # Start so that today (16 March 2027) is the day `isprototypeof` is due at the plan's own pace.
    due = pace(PLAN, PLAN.days).task_days["isprototypeof"]
    page.get_by_label("Start date").fill((dt.date(2027, 3, 16) - dt.timedelta(days=due - 1)).isoformat())
    page.get_by_role("button", name="Save").click()
    today = page.locator("#sp-today")
    assert f"Day {due} of {PLAN.days}" in today.inner_text()
    assert today.locator("input[data-task-id]").evaluate_all("els => els.map(e => e.dataset.taskId)") == [
        "isprototypeof", "prototype", "hasownproperty", "tostring", "valueof"]
    assert today.locator("li:has(input[data-task-id='prototype'])").get_by_label("Note").input_value() == "prototype chains"
    before = stored(page, PLAN.id)
    path = export(page, tmp_path)
    data = json.loads(path.read_text())
    assert list(data["done"]) == ["constructor"] and data["notes"]["prototype"]["text"] == "prototype chains"
    reset_everything(page)
    assert _overall(page) == "Overall: 0 of 7 (0%)"
    import_file(page, path, "Replace")
    page.get_by_role("status").filter(has_text="Replaced").wait_for()
    assert stored(page, PLAN.id) == before
    assert _overall(page) == "Overall: 1 of 7 (14%)"
    with page.expect_download() as info:
        page.get_by_role("button", name="Export CSV").click()
    lines = Path(info.value.path()).read_text().splitlines()
    assert [line.split(",")[0] for line in lines[1:8]] == IDS
    assert lines[2].endswith(",1,prototype chains")


def test_a_file_with_proto_and_constructor(js_page, js_url: str, tmp_path: Path) -> None:
    page = js_page
    page.goto(js_url + "progress/")
    hostile = tmp_path / "proto.json"
    hostile.write_text('{"format": "studyplan-progress", "version": 1, "plan": "jsnames-plan", '
                       f'"done": {{"constructor": "{T}", "__proto__": "{T}"}}, "undone": {{"__proto__": {{"polluted": true}}}}}}')
    choose_file(page, hostile)
    alert = page.get_by_role("alert").filter(has_text="Not imported")
    alert.wait_for()
    assert alert.inner_text().startswith('Not imported: done["__proto__"]: expected a task id')
    assert stored(page, PLAN.id) is None
    assert page.evaluate("({}).polluted === undefined && Object.prototype.constructor === Object")
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"format": "studyplan-progress", "version": 1, "plan": "jsnames-plan",
                                "done": {"constructor": T, "tostring": T, "valueof": T},
                                "undone": {"hasownproperty": T},
                                "confidence": {"prototype": {"value": 2, "time": T}}}))
    import_file(page, good, "Merge")
    page.get_by_role("status").filter(has_text="Merged: 3 ticks added").wait_for()
    assert _overall(page) == "Overall: 3 of 7 (43%)"
    page.goto(js_url + "weeks/clusters/")
    assert not page.locator("input[data-task-id='hasownproperty']").is_checked()
    assert page.locator(".sp-week-progress").inner_text() == "This week: 0 of 2 (0%)"  # the task and milestone `proto`


def test_unknown_ids_with_javascript_names_in_the_shipped_plan(js_page, site_url: str, tmp_path: Path) -> None:
    page = js_page
    path = tmp_path / "p.json"
    path.write_text(json.dumps({"format": "studyplan-progress", "version": 1, "plan": load_plan(PLAN_FILE).id,
                                "done": {"constructor": T, "tostring": T, "hasownproperty": T}}))
    page.goto(site_url + "progress/")
    assert _overall(page) == "Overall: 0 of 44 (0%)"
    import_file(page, path, "Merge")
    page.get_by_role("status").filter(has_text="3 ids not in this plan kept").wait_for()
    assert _overall(page) == "Overall: 0 of 44 (0%)"
    assert "3 ticked ids are not in this plan; they are kept." in page.locator("#sp-report").inner_text()
