"""Hostile progress files, in the CLI and in the browser's import: a 20 MB id, 50,000 bad
entries, an id holding a newline, a 5 MB note. Each problem is one line naming the file, a
value or key is quoted in about 80 characters at most, the whole report stays under 8 KB,
and nothing is stored."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import PLAN as PLAN_FILE
from conftest import ROOT, SMALL, studyplan
from progresspage import choose_file, raw, tick

from generator.errors import InputError, Problem, quote
from generator.validate import load_plan

PLAN = load_plan(PLAN_FILE)
T = "2027-01-04T10:00:00Z"
LIMIT = 8 * 1024


def _file(plan: str, **changes: object) -> str:
    return json.dumps({"format": "studyplan-progress", "version": 1, "plan": plan, "done": {}, **changes})


HOSTILE = {  # name: (the file's keys, what its report says)
    "id of 20 MB": ({"done": {"x" * 20_000_000: T}}, '"' + "x" * 55 + '…" (20,000,000 characters)'),
    "50,000 bad entries": ({"done": {f"Bad_{i}": "then" for i in range(50_000)}}, "and 49,980 more problems"),
    "id with a newline": ({"done": {"a\nb": T}}, r'done["a\nb"]'),
    "note of 5 MB": ({"notes": {"k8s-probes": {"text": "y" * 5_000_000, "time": T}}}, "but got 5,000,000"),
}


def _guarded() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (600 * 1024 * 1024,) * 2)
    resource.setrlimit(resource.RLIMIT_CPU, (20, 20))


@pytest.mark.parametrize("name", list(HOSTILE))
def test_cli_report_is_bounded_one_line_a_problem(name: str, tmp_path: Path) -> None:
    changes, says = HOSTILE[name]
    path = tmp_path / "hostile.json"
    path.write_text(_file("small-plan", **changes))
    began = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "generator", "progress", str(path), "--plan", str(SMALL), "--today", "2027-02-01"],
                            cwd=ROOT, capture_output=True, text=True, preexec_fn=_guarded, check=False)
    took = time.monotonic() - began
    assert result.returncode == 2, result.stderr[-500:]
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert len(result.stderr.encode()) < LIMIT
    lines = result.stderr.splitlines()
    assert lines and all(line.startswith(f"{path}") for line in lines), lines[:3]
    assert all(len(line) < 400 for line in lines)
    assert says in result.stderr
    assert took < 15, f"{took:.1f} s"


def test_cli_names_the_newline_id_quoted() -> None:
    from generator.progress import parse_progress

    with pytest.raises(InputError) as caught:
        parse_progress(_file("small-plan", done={"a\nb": T, "c\u202ed": T, "\ud800": T}), "p.json")
    assert str(caught.value).splitlines() == [
        'p.json:1: done["a\\nb"]: expected a task id (a slug like \'docker-deep-dive\', at most 64 characters) but got "a\\nb"',
        'p.json:1: done["c\\u202ed"]: expected a task id (a slug like \'docker-deep-dive\', at most 64 characters) but got "c\\u202ed"',
        'p.json:1: done["\\ud800"]: expected a task id (a slug like \'docker-deep-dive\', at most 64 characters) but got "\\ud800"',
    ]


@pytest.mark.parametrize(("value", "shown"), [
    ("docker", '"docker"'),
    ("a\nb\tc\x00\x7f\x9b", '"a\\nb\\tc\\u0000\\u007f\\u009b"'),
    ('say "hi" \\', '"say \\"hi\\" \\\\"'),
    ("x" * 80, '"' + "x" * 80 + '"'),
    ("x" * 81, '"' + "x" * 55 + '…" (81 characters)'),
    ("\n" * 1000, '"' + "\\n" * 27 + '…" (1,000 characters)'),
    (5, "5"),
    ([1] * 1000, "[1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1… (a list of 1,000 items)"),
    ({"a": "b\nc"}, '{"a": "b\\nc"}'),
])
def test_quote(value: object, shown: str) -> None:
    assert quote(value) == shown
    assert len(quote(value)) <= 85


def test_any_problem_prints_on_one_line() -> None:
    assert str(Problem("plan.yaml", 3, "a\nb", "expected x but got\r\n'y'")) == "plan.yaml:3: a\\nb: expected x but got\\r\\n'y'"


# -- what a file holds outside the plan -----------------------------------------------------

def test_cli_reports_notes_confidence_and_catch_ups_outside_the_plan(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text(_file("small-plan", done={"gone-task": T}, notes={"gone-task": {"text": "x", "time": T}},
                          confidence={"gone-task": {"value": 2, "time": T}, "another-gone": {"value": 4, "time": T}},
                          replans=[{"on": "2027-02-01", "mode": "keep-end", "days": 90}]))
    result = subprocess.run([sys.executable, "-m", "generator", "progress", str(path), "--plan", str(SMALL), "--today", "2027-02-01"],
                            cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-4:] == [
        "1 ticked id in the file is not in this plan; it is kept.",
        "1 note(s) in the file are of ids not in this plan; they are kept.",
        "2 confidence rating(s) in the file are of ids not in this plan; they are kept.",
        "1 catch-up(s) in the file are not applied: the file has no start date to place them on; they are kept.",
    ]


# -- the browser's import ------------------------------------------------------------------

BROWSER = {  # under the import's 5 MB limit, so the file is read and checked
    "id of 4 MB": ({"done": {"x" * 4_000_000: T}}, 'done["' + "x" * 55 + '…" (4,000,000 characters)]: expected a task id'),
    "50,000 bad entries": ({"done": {f"Bad_{i}": "then" for i in range(50_000)}}, 'done["Bad_0"]: expected a task id'),
    "id with a newline": ({"done": {"a\nb": T}}, r'done["a\nb"]: expected a task id'),
    "note of 4 MB": ({"notes": {"k8s-probes": {"text": "y" * 4_000_000, "time": T}}}, "expected at most 9,999 characters but got 4000000"),
    "id of 20 MB": ({"done": {"x" * 20_000_000: T}}, "the file is 20.0 MB; a progress file can be up to 5 MB"),
    "note of 5 MB": ({"notes": {"k8s-probes": {"text": "y" * 5_000_000, "time": T}}}, "the file is 5.0 MB; a progress file can be up to 5 MB"),
    "value with controls": ({"done": {"k8s-probes": "\u2028\n\u202e" * 100}}, '"\\u2028\\n\\u202e'),
}


@pytest.fixture
def progress_page(page, site_url: str):
    page.goto(site_url + "weeks/docker-deep-dive/")
    tick(page, "docker-layer-caching")
    page.goto(site_url + "progress/")
    return page


@pytest.mark.parametrize("name", list(BROWSER))
def test_browser_refusal_is_one_short_line(progress_page, name: str, tmp_path: Path) -> None:
    page = progress_page
    changes, says = BROWSER[name]
    before = raw(page, PLAN.id)
    path = tmp_path / "hostile.json"
    path.write_text(_file(PLAN.id, **changes))
    choose_file(page, path)
    alert = page.locator("#sp-file [role=alert]:not(:empty)")
    alert.wait_for()
    text = alert.inner_text()
    assert text.startswith("Not imported: ") and text.endswith("Nothing changed."), text[:300]
    assert says in text, text
    assert "\n" not in text and len(text) < 400, text[:300]
    assert raw(page, PLAN.id) == before
    assert page.locator("#sp-choice").is_hidden()


def test_browser_summary_names_what_is_not_in_the_plan(progress_page, tmp_path: Path) -> None:
    page = progress_page
    path = tmp_path / "p.json"
    path.write_text(_file(PLAN.id, start_date="2027-01-04", pace=90, done={"gone-task": T, "k8s-probes": T},
                          notes={"gone-task": {"text": "x", "time": T}}, confidence={"gone-task": {"value": 2, "time": T}},
                          replans=[{"on": "2027-02-01", "mode": "move-end", "days": 120},
                                   {"on": "2027-04-20", "mode": "keep-end", "days": 120}]))
    before = raw(page, PLAN.id)
    choose_file(page, path)
    title = page.locator("#sp-choice-title")
    title.wait_for()
    assert title.inner_text().startswith("This file holds 2 ticks, 0 unticks, 1 note and 1 confidence rating "
                                         "(not in this plan, kept: 1 tick, 1 note, 1 confidence rating); ")
    assert raw(page, PLAN.id) == before
    page.locator("#sp-choice").get_by_role("button", name="Merge", exact=True).click()
    page.get_by_role("status").filter(has_text="Merged").wait_for()
    kept = json.loads(raw(page, PLAN.id))
    assert kept["notes"]["gone-task"]["text"] == "x" and kept["confidence"]["gone-task"]["value"] == 2
    assert len(kept["replans"]) == 2


def test_a_catch_up_outside_the_plan_refuses_the_file_in_both(progress_page, tmp_path: Path) -> None:
    """A catch-up before the start (or after the end) cannot be laid on the plan: the browser refuses the
    file as the CLI does, naming the entry, and nothing changes."""
    page = progress_page
    path = tmp_path / "p.json"
    path.write_text(_file(PLAN.id, start_date="2027-01-04", pace=90, done={},
                          replans=[{"on": "2026-12-01", "mode": "keep-end", "days": 90}]))
    before = raw(page, PLAN.id)
    choose_file(page, path)
    alert = page.get_by_role("alert").filter(has_text="Not imported: replans[0]: ")
    alert.wait_for()
    assert "Nothing changed." in alert.inner_text() and raw(page, PLAN.id) == before
    cli = studyplan("progress", str(path), "--plan", str(PLAN_FILE), "--today", "2027-01-10")
    assert cli.returncode == 2 and "replans[0]" in cli.stderr


def test_browser_summary_without_a_start_date(progress_page, tmp_path: Path) -> None:
    page = progress_page
    path = tmp_path / "p.json"
    path.write_text(_file(PLAN.id, done={}, replans=[{"on": "2027-02-01", "mode": "keep-end", "days": 90}]))
    choose_file(page, path)
    title = page.locator("#sp-choice-title")
    title.wait_for()
    assert "(not in this plan, kept: 1 catch-up with no start date to place it)" in title.inner_text()



def test_a_hostile_key_in_a_day_off_is_quoted(tmp_path: Path) -> None:
    """Days off are read by the same rule as catch-ups: an unknown key holding a newline is quoted, one line."""
    path = tmp_path / "p.json"
    path.write_text(_file(PLAN.id, start_date="2027-01-04", days_off=[{"on": "2027-01-06", "mode": "shift", "a\nb": 1}]))
    result = studyplan("progress", str(path), "--plan", str(PLAN_FILE), "--today", "2027-01-10")
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert 'days_off[0]["a\\nb"]: unknown key; expected on and mode' in result.stderr
