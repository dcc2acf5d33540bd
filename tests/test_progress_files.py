"""One rule for a progress file, in the browser: the table of accepted and refused files.

The table is data, (name, file content, expected) with expected either ACCEPTED or the key path
the refusal names, so the CLI's tests can share it (tests/progress/cases/). Any refusal changes
nothing and shows one role="alert" message at the import control.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import PLAN as PLAN_FILE
from progresspage import choose_file, import_file, raw, stored, tick

from generator.validate import load_plan

PLAN = load_plan(PLAN_FILE)
ACCEPTED = "accepted"
T = "2027-01-04T10:00:00Z"


def base(**changes: object) -> str:
    """A valid file of this plan with some keys changed (a value of ... drops the key)."""
    data: dict[str, object] = {"format": "studyplan-progress", "version": 1, "plan": PLAN.id, "done": {}}
    data.update(changes)
    return json.dumps({k: v for k, v in data.items() if v is not ...})


FULL = base(exported_at="2027-01-07T09:00:00.123+05:30", start_date="2027-01-04", pace=120, timezone="Europe/London",
            done={"docker-trivy-scan": T, "a-removed-task": T}, undone={"k8s-probes": "2027-01-05T08:00:00-08:00"},
            notes={"docker-trivy-scan": {"text": "scan twice", "time": T}, "k8s-probes": {"text": "", "time": T}},
            confidence={"docker-trivy-scan": {"value": 5, "time": T}, "k8s-probes": {"value": 1, "time": T}},
            replans=[{"on": "2027-02-01", "mode": "keep-end", "days": 90}, {"on": "2027-03-01", "mode": "move-end", "days": 365}])

CASES: list[tuple[str, str, str]] = [
    # accepted
    ("minimal", base(), ACCEPTED),
    ("every optional key", FULL, ACCEPTED),
    ("nulls where allowed", base(start_date=None, pace=None, timezone=None), ACCEPTED),
    ("id not in the plan is kept", base(done={"constructor": T, "gone-task": T}), ACCEPTED),
    ("note of 9,999 characters", base(notes={"k8s-probes": {"text": "x" * 9999, "time": T}}), ACCEPTED),
    ("time with offset and milliseconds", base(done={"k8s-probes": "2027-01-04T23:59:59.999-11:30"}), ACCEPTED),
    ("start date at the limits", base(start_date="1970-01-01"), ACCEPTED),
    # refused: the file
    ("not JSON", "{not json", "file"),
    ("a list", "[]", "file"),
    ("another format", base(format="something-else"), "format"),
    ("no format", base(format=...), "format"),
    ("newer version", base(version=2), "version"),
    ("version as text", base(version="1"), "version"),
    ("version true", base(version=True), "version"),
    ("another plan", base(plan="another-plan"), "plan"),
    ("unknown key", base(extra=1), "extra"),
    ("unknown key __proto__", base()[:-1] + ', "__proto__": {"x": 1}}', '["__proto__"]'),
    # refused: done and undone
    ("no done", base(done=...), "done"),
    ("done a list", base(done=[]), "done"),
    ("undone null", base(undone=None), "undone"),
    ("time '1'", base(done={"k8s-probes": "1"}), "done.k8s-probes"),
    ("time 'March 7, 2027'", base(done={"k8s-probes": "March 7, 2027"}), "done.k8s-probes"),
    ("time without zone", base(done={"k8s-probes": "2027-01-04T10:00:00"}), "done.k8s-probes"),
    ("time with a space", base(done={"k8s-probes": "2027-01-04 10:00:00Z"}), "done.k8s-probes"),
    ("time 30 February", base(done={"k8s-probes": "2027-02-30T10:00:00Z"}), "done.k8s-probes"),
    ("time 24:00", base(done={"k8s-probes": "2027-01-04T24:00:00Z"}), "done.k8s-probes"),
    ("time with microseconds", base(done={"k8s-probes": "2027-01-04T10:00:00.123456Z"}), "done.k8s-probes"),
    ("time a number", base(undone={"k8s-probes": 1789000000}), "undone.k8s-probes"),
    ("time nested deeper", base(done={"k8s-probes": {"at": {"time": T}}}), "done.k8s-probes"),
    ("id with underscores", base(done={"Docker_X": T}), 'done["Docker_X"]'),
    ("id __proto__", base(done=...)[:-1] + f', "done": {{"constructor": "{T}", "__proto__": "{T}"}}}}', 'done["__proto__"]'),
    ("id is markup", base(done={"<img src=x onerror=alert(1)>": T}), 'done["<img src=x onerror=alert(1)>"]'),
    ("id of 65 characters", base(done={"a" * 65: T}), 'done["' + "a" * 50),
    ("id empty", base(done={"": T}), 'done[""]'),
    # refused: settings
    ("exported_at '1'", base(exported_at="1"), "exported_at"),
    ("start date not a date", base(start_date="2027-13-01"), "start_date"),
    ("start date before 1970", base(start_date="1969-12-31"), "start_date"),
    ("start date after 9000", base(start_date="9001-01-01"), "start_date"),
    ("start date with time", base(start_date=T), "start_date"),
    ("pace 27", base(pace=27), "pace"),
    ("pace 366", base(pace=366), "pace"),
    ("pace as text", base(pace="90"), "pace"),
    ("pace a fraction", base(pace=90.5), "pace"),
    ("timezone a number", base(timezone=5), "timezone"),
    # refused: notes and confidence
    ("notes a list", base(notes=[]), "notes"),
    ("note as bare text", base(notes={"k8s-probes": "hard"}), "notes.k8s-probes"),
    ("note of 10,000 characters", base(notes={"k8s-probes": {"text": "x" * 10000, "time": T}}), "notes.k8s-probes.text"),
    ("note text a number", base(notes={"k8s-probes": {"text": 5, "time": T}}), "notes.k8s-probes.text"),
    ("note without time", base(notes={"k8s-probes": {"text": "x"}}), "notes.k8s-probes.time"),
    ("note with an extra key", base(notes={"k8s-probes": {"text": "x", "time": T, "html": "<b>"}}), "notes.k8s-probes.html"),
    ("note id not a slug", base(notes={"K8s": {"text": "x", "time": T}}), 'notes["K8s"]'),
    ("confidence 0", base(confidence={"k8s-probes": {"value": 0, "time": T}}), "confidence.k8s-probes.value"),
    ("confidence 6", base(confidence={"k8s-probes": {"value": 6, "time": T}}), "confidence.k8s-probes.value"),
    ("confidence as text", base(confidence={"k8s-probes": {"value": "3", "time": T}}), "confidence.k8s-probes.value"),
    ("confidence 2.5", base(confidence={"k8s-probes": {"value": 2.5, "time": T}}), "confidence.k8s-probes.value"),
    ("confidence bare number", base(confidence={"k8s-probes": 3}), "confidence.k8s-probes"),
    ("confidence bad time", base(confidence={"k8s-probes": {"value": 3, "time": "today"}}), "confidence.k8s-probes.time"),
    # refused: replans
    ("replans an object", base(replans={"on": "2027-02-01"}), "replans"),
    ("replan mode", base(replans=[{"on": "2027-02-01", "mode": "stretch", "days": 90}]), "replans[0].mode"),
    ("replan days", base(replans=[{"on": "2027-02-01", "mode": "keep-end", "days": 20}]), "replans[0].days"),
    ("replan date", base(replans=[{"on": "2027-02-30", "mode": "keep-end", "days": 90}]), "replans[0].on"),
    ("replan extra key", base(replans=[{"on": "2027-02-01", "mode": "keep-end", "days": 90, "why": "x"}]), "replans[0].why"),
    ("replan nested list", base(replans=[[{"on": "2027-02-01", "mode": "keep-end", "days": 90}]]), "replans[0]"),
]


def test_the_table_names_every_case_once() -> None:
    names = [c[0] for c in CASES]
    assert len(names) == len(set(names))


@pytest.fixture
def progress_page(page, site_url: str):
    page.goto(site_url + "weeks/docker-deep-dive/")
    tick(page, "docker-layer-caching")
    page.goto(site_url + "progress/")
    return page


def test_accepted_and_refused_files(progress_page, tmp_path: Path) -> None:
    page = progress_page
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    before = raw(page, PLAN.id)
    alert, title = page.get_by_role("alert"), page.locator("#sp-choice-title")
    wrong = []
    for i, (name, text, expected) in enumerate(CASES):
        path = tmp_path / f"case-{i}.json"
        path.write_text(text)
        page.evaluate("document.querySelector('#sp-file .sp-msgs') && document.querySelector('#sp-file .sp-msgs').remove()")
        choose_file(page, path)
        page.wait_for_function("document.querySelector('#sp-file [role=alert]:not(:empty)') || "
                               "!document.getElementById('sp-choice').hidden")
        if expected == ACCEPTED:
            got = "choice" if title.is_visible() else alert.inner_text()
            if got != "choice":
                wrong.append((name, got))
            else:
                page.locator("#sp-choice").get_by_role("button", name="Cancel").click()
        else:
            got = alert.inner_text() if alert.count() else "choice shown"
            prefix = f"Not imported: {expected}"
            if not (got.startswith(prefix) and got.endswith("Nothing changed.")):
                wrong.append((name, got))
            elif page.locator("#sp-choice").is_visible():
                wrong.append((name, "choice shown next to the alert"))
        assert raw(page, PLAN.id) == before, name
    assert wrong == []
    assert dialogs == []
    assert page.locator("img[src='x']").count() == 0


def test_refusals_read_plainly(progress_page, tmp_path: Path) -> None:
    page = progress_page
    examples = {
        base(done={"k8s-probes": "March 7, 2027"}):
            'Not imported: done.k8s-probes: expected an ISO time like 2027-01-04T10:00:00Z but got "March 7, 2027". Nothing changed.',
        base(version=2):
            "Not imported: version: the file is version 2, made by a newer version of this site; this page reads version 1. Nothing changed.",
        base(extra=1): "Not imported: extra: unknown key; expected one of: format, version, plan, done, undone, milestones, unreached, exported_at, "
                       "start_date, pace, timezone, notes, confidence, reviews, replans, days_off. Nothing changed.",
        base(notes={"k8s-probes": {"text": "x" * 10000, "time": T}}):
            "Not imported: notes.k8s-probes.text: expected at most 9,999 characters but got 10000. Nothing changed.",
    }
    for i, (text, message) in enumerate(examples.items()):
        path = tmp_path / f"{i}.json"
        path.write_text(text)
        choose_file(page, path)
        page.get_by_role("alert").filter(has_text=message[:30]).wait_for()
        assert page.get_by_role("alert").inner_text() == message


def test_a_file_over_5_mb_is_refused_before_it_is_read(progress_page, tmp_path: Path) -> None:
    page = progress_page
    before = raw(page, PLAN.id)
    path = tmp_path / "big.json"
    notes = {f"task-{i}": {"text": "x" * 9000, "time": T} for i in range(2300)}  # about 21 MB, a valid file otherwise
    path.write_text(base(notes=notes))
    choose_file(page, path)
    page.get_by_role("alert").filter(has_text="a progress file can be up to 5 MB").wait_for()
    assert page.get_by_role("alert").inner_text().startswith("Not imported: the file is 2")
    assert raw(page, PLAN.id) == before


@pytest.mark.parametrize("how", ["Merge", "Replace"])
def test_a_quota_error_changes_nothing(progress_page, tmp_path: Path, how: str) -> None:
    page = progress_page
    before = {name: stored(page, PLAN.id, name) for name in ("progress", "settings", "undo")}
    path = tmp_path / "p.json"
    path.write_text(FULL)
    page.evaluate("""() => {
        const real = Storage.prototype.setItem;
        Storage.prototype.setItem = function (k, v) {
            if (k.endsWith(':progress') && v.length > 10) throw new DOMException('full', 'QuotaExceededError');
            return real.call(this, k, v);
        };
    }""")
    import_file(page, path, how)
    alert = page.get_by_role("alert").filter(has_text="storage is full")
    alert.wait_for()
    assert alert.inner_text() == "Not imported: the browser refused to store it (storage is full). Nothing changed."
    assert {name: stored(page, PLAN.id, name) for name in ("progress", "settings", "undo")} == before
    assert page.locator("#sp-file .sp-undo").is_hidden()
