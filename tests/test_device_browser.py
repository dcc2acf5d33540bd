"""Open on another device (issue 26, part 3), in a real browser with two contexts as two devices:
the Progress page's link carries ticks, notes, ratings and catch-ups; opening it asks Merge /
Replace / Cancel as an import does; a damaged link is refused; a link too long for a QR code
says so and draws none; zbarimg (an independent decoder) reads the drawn code back as the link."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import shutil
import subprocess
import zlib
from pathlib import Path

import pytest
from conftest import PLAN as PLAN_FILE
from conftest import ROOT
from progresspage import export, raw, stored, tick

from generator.validate import load_plan

PLAN = load_plan(PLAN_FILE)
CAPACITY = 2953  # bytes in a version 40 QR code at error correction L, byte mode
SETTINGS = {"start_date": "2027-01-04", "pace": 90, "timezone": "UTC"}
SAME = ("done", "undone", "notes", "confidence", "replans", "days_off", "start_date", "pace", "timezone")


def _device(browser):
    ctx = browser.new_context(accept_downloads=True)
    page = ctx.new_page()
    page.clock.set_fixed_time(dt.datetime(2027, 1, 14, 12, 0, tzinfo=dt.UTC))  # day 11 of 90
    return ctx, page


def _settings(page, site_url: str, settings: dict = SETTINGS) -> None:
    page.goto(site_url)
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [f"studyplan:{PLAN.id}:settings", json.dumps(settings)])


def _link(page, site_url: str) -> str:
    """Open the Progress page, press "Open on another device" and read the link it shows."""
    page.goto(site_url + "progress/")
    page.get_by_role("button", name="Open on another device").click()
    field = page.get_by_label("Link", exact=True)
    page.wait_for_function("() => document.getElementById('sp-device-link').value !== ''")
    return field.input_value()


def _fragment_file(link: str) -> dict:
    """The progress file a link carries, read back with Python's own zlib and base64."""
    data = link.split("#import=", 1)[1]
    return json.loads(zlib.decompress(base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)), -15))


def _same(a: dict, b: dict) -> dict:
    return {k: (a.get(k), b.get(k)) for k in SAME if a.get(k) != b.get(k)}


@pytest.fixture
def device_a(browser, site_url: str):
    """Device A: settings, a catch-up applied, two ticks, a note and a confidence rating."""
    ctx, page = _device(browser)
    _settings(page, site_url)
    page.goto(site_url)
    box = page.locator("#sp-today .sp-catchup")
    box.filter(has_text="5 tasks behind").wait_for()
    box.get_by_role("button", name="Apply new schedule").click()
    page.get_by_role("status").filter(has_text="New schedule applied").wait_for()
    page.goto(site_url + "weeks/docker-deep-dive/")
    tick(page, "docker-trivy-scan")
    tick(page, "docker-image-size")
    item = page.locator("li.sp-item:has(input[data-task-id='docker-trivy-scan'])")
    item.get_by_role("button", name="Add note").click()
    item.get_by_label("Note").press_sequentially("Rescan after fixing, \"quoted\" ünïcode")
    item.get_by_label("Confidence").select_option("4")
    page.wait_for_function(f"() => (JSON.parse(localStorage.getItem('studyplan:{PLAN.id}:progress')).confidence || {{}})['docker-trivy-scan']")
    yield page
    ctx.close()


def test_the_link_carries_everything_to_a_fresh_device(device_a, browser, site_url: str, tmp_path: Path) -> None:
    link = _link(device_a, site_url)
    assert link.startswith(site_url + "progress/#import=")
    mine = json.loads(export(device_a, tmp_path, "a.json").read_text())
    assert len(mine["done"]) == 2 and mine["notes"] and mine["confidence"] and len(mine["replans"]) == 1
    assert not _same(_fragment_file(link), mine)  # the link holds the export file
    ctx, other = _device(browser)
    other.goto(link)
    title = other.locator("#sp-choice-title")
    title.wait_for()
    assert title.inner_text().startswith("This file holds 2 ticks, 0 unticks, 1 note and 1 confidence rating; exported ")
    other.locator("#sp-choice").get_by_role("button", name="Merge", exact=True).click()
    status = other.get_by_role("status").filter(has_text="Merged")
    status.wait_for()
    assert "2 ticks added" in status.inner_text() and "1 note and 1 confidence rating updated" in status.inner_text()
    assert other.url == site_url + "progress/"  # the fragment is gone: a reload imports nothing
    other.reload()
    other.locator("#sp-report").filter(has_text="2").wait_for()
    assert other.locator("#sp-choice").is_hidden()
    theirs = json.loads(export(other, tmp_path, "b.json").read_text())
    assert not _same(theirs, mine)
    other.goto(site_url + "weeks/docker-deep-dive/")
    item = other.locator("li.sp-item:has(input[data-task-id='docker-trivy-scan'])")
    assert item.locator("input[data-task-id]").is_checked()
    assert item.get_by_label("Note").input_value() == "Rescan after fixing, \"quoted\" ünïcode"
    assert item.get_by_label("Confidence").input_value() == "4"
    ctx.close()


def test_replace_and_cancel_do_what_they_say(device_a, browser, site_url: str) -> None:
    link = _link(device_a, site_url)
    ctx, other = _device(browser)
    other.goto(site_url + "weeks/kubernetes-fundamentals/")
    tick(other, "k8s-probes")
    before = raw(other, PLAN.id)
    other.goto(link)
    other.locator("#sp-choice").get_by_role("button", name="Cancel").click()
    other.get_by_role("status").filter(has_text="Import cancelled. Nothing changed.").wait_for()
    assert raw(other, PLAN.id) == before
    assert "#" not in other.url
    other.goto(link)
    other.locator("#sp-choice").get_by_role("button", name="Replace", exact=True).click()
    other.get_by_role("status").filter(has_text="Replaced").wait_for()
    assert "#" not in other.url
    assert stored(other, PLAN.id)["done"] == stored(device_a, PLAN.id)["done"]  # k8s-probes is gone
    assert stored(other, PLAN.id)["replans"] == stored(device_a, PLAN.id)["replans"]
    other.get_by_role("button", name="Undo replace").click()
    other.get_by_role("status").filter(has_text="Replace undone").wait_for()
    assert raw(other, PLAN.id) == before
    ctx.close()


def test_a_link_pasted_into_the_open_progress_page_imports_too(device_a, browser, site_url: str) -> None:
    link = _link(device_a, site_url)
    ctx, other = _device(browser)
    other.goto(site_url + "progress/")
    other.locator("#sp-report").wait_for(state="attached")
    other.evaluate("h => { location.hash = h; }", link.split("#", 1)[1])  # the same document: only the fragment changes
    other.locator("#sp-choice-title").filter(has_text="This file holds 2 ticks").wait_for()
    other.locator("#sp-choice").get_by_role("button", name="Merge", exact=True).click()
    other.get_by_role("status").filter(has_text="2 ticks added").wait_for()
    assert sorted(stored(other, PLAN.id)["done"]) == ["docker-image-size", "docker-trivy-scan"]
    ctx.close()


def _pack(text: str) -> str:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return base64.urlsafe_b64encode(c.compress(text.encode()) + c.flush()).decode().rstrip("=")


@pytest.mark.parametrize(("fragment", "message"), [
    ("%%%not-base64", "damaged or incomplete"),
    ("AAAAAAAAAAAA", "damaged or incomplete"),  # base64url, not deflate data
    (None, "damaged or incomplete"),  # a real link cut short
    (_pack("{not json"), "not valid JSON"),  # the file's own checks, as for a file
    (_pack(json.dumps({"format": "studyplan-progress", "version": 1, "plan": "another-plan", "done": {}})), "another plan"),
    (_pack(json.dumps({"format": "studyplan-progress", "version": 1, "plan": PLAN.id,
                       "done": {"constructor": "2027-01-01T00:00:00Z", "__proto__": "not a time"}})), "done[\"__proto__\"]"),
])
def test_a_damaged_link_is_refused_and_changes_nothing(device_a, site_url: str, fragment: str | None, message: str) -> None:
    if fragment is None:
        fragment = _link(device_a, site_url).split("#import=", 1)[1][:-12]
    before = raw(device_a, PLAN.id)
    device_a.goto(site_url + "progress/#import=" + fragment)
    alert = device_a.get_by_role("alert").filter(has_text=message)
    alert.wait_for()
    assert alert.inner_text().startswith("Not imported: ") and alert.inner_text().endswith("Nothing changed.")
    assert device_a.locator("#sp-choice").is_hidden()
    assert raw(device_a, PLAN.id) == before
    assert "#" not in device_a.url


def test_a_link_that_unpacks_past_5_mb_is_refused(page, site_url: str) -> None:
    page.goto(site_url + "progress/#import=" + _pack(" " * 6_000_000))
    page.get_by_role("alert").filter(has_text="more than a progress file's 5 MB").wait_for()
    assert raw(page, PLAN.id) is None


def test_a_link_over_qr_capacity_says_so_and_still_works(browser, site_url: str, tmp_path: Path) -> None:
    ctx, page = _device(browser)
    _settings(page, site_url)
    # Notes that hardly compress: 40 tasks with 128 hex characters each (a hash of the id).
    notes = {t.id: {"text": hashlib.sha512(t.id.encode()).hexdigest(), "time": "2027-01-10T10:00:00Z"} for t in PLAN.tasks[:40]}
    page.evaluate("([k, v]) => localStorage.setItem(k, v)",
                  [f"studyplan:{PLAN.id}:progress", json.dumps({"done": {}, "undone": {}, "notes": notes, "confidence": {}})])
    link = _link(page, site_url)
    assert len(link) > CAPACITY
    line = page.locator("#sp-device-note")
    line.filter(has_text="more than a QR code can hold (2,953)").wait_for()
    assert f"This link is {len(link):,} characters long" in line.inner_text()
    assert page.locator("#sp-device-qr svg").count() == 0
    with page.expect_download() as info:
        line.get_by_role("button", name="Export progress").click()
    assert json.loads(Path(info.value.path()).read_text())["notes"] == notes
    ctx2, other = _device(browser)
    other.goto(link)
    other.locator("#sp-choice").get_by_role("button", name="Merge", exact=True).click()
    other.get_by_role("status").filter(has_text="40 notes").wait_for()
    assert stored(other, PLAN.id)["notes"] == notes
    ctx.close()
    ctx2.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_qr_code_reads_back_as_the_link(device_a, site_url: str, tmp_path: Path, scheme: str) -> None:
    zbarimg = shutil.which("zbarimg")
    assert zbarimg, "zbarimg (Debian's zbar-tools) is needed: scripts/test-deps.sh installs it"
    device_a.emulate_media(color_scheme=scheme)
    link = _link(device_a, site_url)
    code = device_a.locator("#sp-device-qr svg")
    code.wait_for()
    colours = code.evaluate("s => [getComputedStyle(s.querySelector('rect')).fill, getComputedStyle(s.querySelector('path')).fill]")
    assert colours == ["rgb(255, 255, 255)", "rgb(0, 0, 0)"]  # dark on white in either scheme
    shot = tmp_path / "qr.png"
    device_a.locator("#sp-device-qr").screenshot(path=str(shot))
    result = subprocess.run([zbarimg, "--raw", "-q", str(shot)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == link


def test_copy_link_puts_the_link_on_the_clipboard(device_a, site_url: str) -> None:
    device_a.context.grant_permissions(["clipboard-read", "clipboard-write"])
    link = _link(device_a, site_url)
    device_a.get_by_role("button", name="Copy link").click()
    device_a.get_by_role("status").filter(has_text="Link copied").wait_for()
    assert device_a.evaluate("() => navigator.clipboard.readText()") == link


def test_the_vendored_qr_library_is_the_pinned_package() -> None:
    vendored = (ROOT / "docs" / "assets" / "vendor" / "lean-qr" / "lean-qr.js").read_text(encoding="utf-8")
    package = ROOT / "node_modules" / "lean-qr"
    assert package.is_dir(), "run `npm ci` (make test does) to get the pinned lean-qr"
    pinned = json.loads((ROOT / "package.json").read_text())["devDependencies"]["lean-qr"]
    assert json.loads((package / "package.json").read_text())["version"] == pinned
    assert f"lean-qr {pinned} " in vendored.splitlines()[0]
    first = vendored.split("\n", 1)[0]
    assert vendored == first + "\n(function (exports) {\n" + (package / "index.js").read_text(encoding="utf-8") + "\n})(window.leanQR = {});\n"
    assert (ROOT / "docs" / "assets" / "vendor" / "lean-qr" / "LICENSE").read_text() == (package / "LICENSE").read_text()
