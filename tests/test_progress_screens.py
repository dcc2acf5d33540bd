"""Look at what the progress controls look like: the Progress page, a week page with a note open,
the import choice and Open on another device (its QR code, and a link too long for one), at 390 px
and 1280 px, light and dark. Nothing may overflow the width of the page, and axe finds no WCAG 2.1
A/AA problem in these states (the audit covers the pages as first loaded).
Set SP_SCREENSHOTS=DIR to keep the PNGs for a person to look at."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import PLAN as PLAN_FILE
from progresspage import choose_file, reset_everything, tick

from generator.validate import load_plan

PLAN = load_plan(PLAN_FILE)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
def test_screens(browser, site_url: str, tmp_path: Path, width: int, scheme: str) -> None:
    out = Path(os.environ.get("SP_SCREENSHOTS") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.clock.set_fixed_time(dt.datetime(2027, 1, 13, 12, 0, tzinfo=dt.UTC))

    problems = []

    def shot(name: str, full: bool = False) -> None:
        page.mouse.move(0, 0)  # the state, not a hover frozen mid-transition by the fixed clock (hover colours: studyplan.css)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), f"{name}: wider than the page"
        page.screenshot(path=out / f"{name}-{width}-{scheme}.png", full_page=full)
        if width == 1280:
            result = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
            problems.extend((name, v["id"], [n["target"] for n in v["nodes"]]) for v in result.response["violations"])

    page.goto(site_url + "weeks/docker-deep-dive/")
    for task in ("docker-multi-stage-dockerfiles", "docker-layer-caching", "docker-trivy-scan"):
        tick(page, task)
    item = page.locator("li.sp-item:has(input[data-task-id='docker-trivy-scan'])")
    item.get_by_role("button", name="Add note").click()
    item.get_by_label("Note").fill("Trivy finds CVEs in the base image: pin a slim tag, rebuild, rescan.\nAsk about SBOMs.")
    item.get_by_label("Confidence").select_option("2")
    item.scroll_into_view_if_needed()
    page.locator("h2#tasks").scroll_into_view_if_needed()
    shot("week-note")
    page.goto(site_url + "progress/")
    page.get_by_label("Start date").fill("2027-01-04")
    page.get_by_role("button", name="Save").click()
    page.goto(site_url + "progress/")
    shot("progress-top")
    path = tmp_path / "p.json"
    path.write_text(json.dumps({"format": "studyplan-progress", "version": 1, "plan": PLAN.id, "exported_at": "2027-01-12T20:00:00Z",
                                "done": {"k8s-probes": "2027-01-12T19:00:00Z"}, "undone": {},
                                "notes": {"k8s-probes": {"text": "readiness gates traffic", "time": "2027-01-12T19:00:00Z"}}}))
    reset_everything(page)
    choose_file(page, path)
    page.locator("#sp-choice-title").wait_for()
    shot("import-choice")
    page.locator("#sp-choice").get_by_role("button", name="Merge").click()
    page.get_by_role("status").filter(has_text="Merged").wait_for()
    shot("progress-merged")
    page.get_by_role("button", name="Open on another device").click()
    page.locator("#sp-device-qr svg").wait_for()
    page.locator("#sp-device").scroll_into_view_if_needed()
    shot("device-link")
    notes = {t.id: {"text": hashlib.sha512(t.id.encode()).hexdigest(), "time": "2027-01-12T19:00:00Z"} for t in PLAN.tasks[:40]}  # hardly compress
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [f"studyplan:{PLAN.id}:progress", json.dumps({"done": {}, "notes": notes})])
    page.reload()
    page.get_by_role("button", name="Open on another device").click()
    page.locator("#sp-device-note").filter(has_text="more than a QR code can hold").wait_for()
    page.locator("#sp-device").scroll_into_view_if_needed()
    shot("device-too-long")
    context.close()
    assert problems == [], "\n".join(map(str, problems))
