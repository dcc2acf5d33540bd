"""The progress file, the merge rule and `studyplan progress` (golden output)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, check_golden, studyplan
from hypothesis import given
from hypothesis import strategies as st

from generator.progress import Progress, as_data, merge, parse_progress

HALFWAY = ROOT / "tests" / "progress" / "halfway.json"
CASES = ROOT / "tests" / "progress" / "cases"
SMALL_PLAN = "tests/plans/small.yaml"


@pytest.mark.parametrize("days", ["90", "120"])
def test_report_golden(days: str, update_goldens: bool) -> None:
    result = studyplan("progress", str(HALFWAY.relative_to(ROOT)), "--today", "2027-02-05", "--days", days)
    assert result.returncode == 0, result.stderr
    check_golden(ROOT / "tests" / "golden" / f"progress-{days}.txt", result.stdout, update_goldens)


def test_report_uses_the_files_pace() -> None:
    result = studyplan("progress", str(HALFWAY), "--today", "2027-02-05")
    assert "at the 90-day pace" in result.stdout


@pytest.mark.parametrize(("text", "message"), [
    ("{oops", ":1: not valid JSON: Expecting property name enclosed in double quotes (column 2)"),
    ('{"format": "studyplan-progress", "version": 3, "plan": "mlops-interview-90-day", "done": {}}',
     ":1: version: expected version 1 or older but got 3: the file comes from a newer studyplan; update this one"),
    ('{"format": "other", "version": 1, "plan": "mlops-interview-90-day", "done": {}}',
     ":1: format: expected 'studyplan-progress' but got 'other'"),
    ('{"format": "studyplan-progress", "version": 1, "plan": "mlops-interview-90-day",\n "done": {"x": "yesterday"}}',
     ":2: done.x: expected an ISO time like 2027-01-04T10:00:00Z but got \"yesterday\""),
])
def test_bad_progress_files(text: str, message: str, tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text(text)
    result = studyplan("progress", str(path))
    assert result.returncode == 2
    assert result.stderr == f"{path}{message}\n"
    assert "Traceback" not in result.stderr


def test_missing_file() -> None:
    result = studyplan("progress", "nowhere.json")
    assert (result.returncode, result.stderr) == (2, "nowhere.json: file not found\n")


def test_parse_keeps_unknown_ids() -> None:
    p = parse_progress(HALFWAY.read_text(), "halfway.json", "mlops-interview-90-day")
    assert "a-task-that-was-removed" in p.done
    assert p.start_date == dt.date(2027, 1, 4)


times = st.datetimes(min_value=dt.datetime(2027, 1, 1), max_value=dt.datetime(2027, 12, 31),
                     timezones=st.just(dt.UTC))
side = st.builds(lambda d, u: Progress(plan="p", done=d, undone=u),
                 st.dictionaries(st.sampled_from("abcdef"), times), st.dictionaries(st.sampled_from("abcdef"), times))


@given(side, side)
def test_merge_latest_event_wins(a: Progress, b: Progress) -> None:
    m = merge(a, b)
    for item in "abcdef":
        events = [(t, True) for s in (a, b) for i, t in s.done.items() if i == item]
        events += [(t, False) for s in (a, b) for i, t in s.undone.items() if i == item]
        if not events:
            assert item not in m.done and item not in m.undone
            continue
        latest = max(t for t, _ in events)
        assert (item in m.done) or (item in m.undone)
        assert (m.done.get(item) or m.undone.get(item)) == latest
        if all(on for t, on in events if t == latest):
            assert item in m.done
        if all(not on for t, on in events if t == latest):
            assert item in m.undone


@given(side, side)
def test_merge_is_idempotent(a: Progress, b: Progress) -> None:
    m = merge(a, b)
    assert merge(m, m).done == m.done
    assert merge(m, b).done == m.done


def test_browser_report_matches_cli(page, site_url: str) -> None:
    """The Progress page and `studyplan progress` give the same figures."""
    cli = studyplan("progress", str(HALFWAY), "--today", "2027-02-05").stdout
    page.clock.set_fixed_time(dt.datetime(2027, 2, 5, 12, 0, tzinfo=dt.UTC))
    page.goto(site_url + "progress/")
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import progress").click()
    chooser.value.set_files(str(HALFWAY))
    page.locator("#sp-choice").get_by_role("button", name="Merge").click()  # import asks: Merge or Replace
    page.get_by_role("status").filter(has_text="Merged").wait_for()
    report = page.locator("#sp-report").inner_text()
    assert "Due before today: 17 tasks. Done: 10. 7 tasks behind the plan." in cli
    assert "Due before today: 17 tasks. Done: 10. 7 tasks behind the plan." in report
    finish = next(line for line in cli.splitlines() if line.startswith("Projected finish"))
    assert finish in report
    assert "Phase 1: Foundations: 10 of 16 (63%)" in report
    lines = cli.split("Milestones:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    rows = page.locator("#sp-milestones tbody tr")
    shown = [" ".join(rows.nth(i).locator("td").nth(j).inner_text() for j in (2, 1)) for i in range(rows.count())]
    assert [" ".join(line.split(",")[0].split()) for line in lines] == shown  # status, then title, row for row
    assert shown[:2] == ["reached Docker certification-ready", "3 days late Kubernetes proficient"]  # a tick in done, as older files keep it
    assert json.loads(HALFWAY.read_text())["start_date"] == "2027-01-04"


@pytest.mark.parametrize("case", sorted((CASES / "good").glob("*.json")), ids=lambda p: p.stem)
def test_good_case(case: Path) -> None:
    result = studyplan("progress", case.relative_to(ROOT).as_posix(), "--plan", SMALL_PLAN, "--today", "2027-02-01")
    assert (result.returncode, result.stderr) == (0, "")


@pytest.mark.parametrize("case", sorted((CASES / "bad").glob("*.json")), ids=lambda p: p.stem)
def test_bad_case(case: Path, update_goldens: bool) -> None:
    result = studyplan("progress", case.relative_to(ROOT).as_posix(), "--plan", SMALL_PLAN, "--today", "2027-02-01")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    check_golden(case.with_suffix(".txt"), result.stderr, update_goldens)


def test_every_bad_case_has_its_message() -> None:
    bad = CASES / "bad"
    assert sorted(p.stem for p in bad.glob("*.json")) == sorted(p.stem for p in bad.glob("*.txt"))
    assert len(list(bad.glob("*.json"))) >= 40


@pytest.mark.parametrize("case", sorted((CASES / "merge").glob("*.json")), ids=lambda p: p.stem)
def test_merge_case(case: Path) -> None:
    data = json.loads(case.read_text())
    a, b = (parse_progress(json.dumps(data[k]), k) for k in ("a", "b"))
    assert as_data(merge(a, b)) == data["merged"]
    assert as_data(merge(b, a)) == data["merged"]
    merged = merge(a, b)
    assert as_data(merge(merged, merged)) == data["merged"]


def test_needs_review_lists_low_confidence() -> None:
    result = studyplan("progress", "tests/progress/cases/good/confidence_low_needs_review.json", "--plan", SMALL_PLAN,
                       "--today", "2027-01-10")
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("\nNeeds review (confidence 1 or 2 of 5):\n"
                                  "  1/5  Build an image (build-image)\n"
                                  "  2/5  Run a pod (run-pod)\n")


def test_no_review_section_without_low_confidence() -> None:
    result = studyplan("progress", str(HALFWAY), "--today", "2027-02-05")
    assert "Needs review" not in result.stdout


def _guarded() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (300 * 1024 * 1024,) * 2)
    resource.setrlimit(resource.RLIMIT_CPU, (10, 10))  # generous: a quadratic check took 111 s here


def _guarded_progress(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "progress", str(path), "--plan", SMALL_PLAN, "--today", "2027-02-01"],
                          cwd=ROOT, capture_output=True, text=True, preexec_fn=_guarded, check=False)


def test_an_array_nested_100000_deep(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    result = _guarded_progress(path)
    assert (result.returncode, result.stderr) == (2, f"{path}:1: expected at most 8 levels of nesting but got more (the format needs 4)\n")


def _many_ticks(tmp_path: Path, when: str) -> Path:
    """A progress file of the small plan with 100,000 ticks at `when`, one a line."""
    entries = ",\n".join(f'  "task-{i}": "{when}"' for i in range(100_000))
    path = tmp_path / "many.json"
    path.write_text('{"format": "studyplan-progress", "version": 1, "plan": "small-plan", "done": {\n' + entries + "\n}}\n")
    return path


def test_100000_entries_are_checked_in_linear_time(tmp_path: Path) -> None:
    """100,000 bad entries: every one checked inside the guard; the first 20 named
    with their lines, the rest counted, so the report stays small."""
    path = _many_ticks(tmp_path, "yesterday")
    result = _guarded_progress(path)
    assert result.returncode == 2, result.stderr[-500:]
    lines = result.stderr.splitlines()
    assert len(lines) == 21
    assert lines[19] == f'{path}:21: done.task-19: expected an ISO time like 2027-01-04T10:00:00Z but got "yesterday"'
    assert lines[-1] == f"{path}: and 99,980 more problems (the first 20 are above)"
    assert len(result.stderr.encode()) < 8192


def test_100000_good_entries(tmp_path: Path) -> None:
    result = _guarded_progress(_many_ticks(tmp_path, "2027-01-04T10:00:00.000Z"))
    assert result.returncode == 0, result.stderr[-500:]
    assert "100000 ticked ids in the file are not in this plan; they are kept." in result.stdout


def test_milestone_status_words_from_the_cli(tmp_path: Path) -> None:
    """Reached (and unticked again), ready to verify, late and due, on a fixed --today, from a Monday start."""
    from generator.pace import pace
    from generator.validate import load_plan

    plan = load_plan(ROOT / "plan_data" / "plan.yaml")
    own = pace(plan, plan.days)
    ready = next(m for m in plan.milestones if m.id == "pipeline-builder")
    week = own.week_of_day(own.day_of(ready))
    path = tmp_path / "p.json"
    path.write_text(json.dumps({
        "format": "studyplan-progress", "version": 1, "plan": plan.id, "start_date": "2027-01-04", "pace": 90,
        "done": {"docker-certification-ready": "2027-01-17T12:00:00Z", **{t.id: "2027-01-20T10:00:00Z" for t in week.tasks}},
        "milestones": {"kubernetes-proficient": "2027-02-01T10:00:00Z"},
        "unreached": {"docker-certification-ready": "2027-01-18T12:00:00Z"}}))
    result = studyplan("progress", str(path), "--today", "2027-02-03")
    assert result.returncode == 0, result.stderr
    lines = [" ".join(x.split()) for x in result.stdout.split("Milestones:\n", 1)[1].split("\n\n", 1)[0].splitlines()]
    assert lines == ["17 days late Docker certification-ready, day 14 (Sun 17 Jan 2027)",  # unticked after its tick
                     "reached Kubernetes proficient, day 30 (Tue 2 Feb 2027)",
                     "ready to verify Pipeline builder, day 45 (Wed 17 Feb 2027)",
                     "due in 44 days System design confident, day 75 (Fri 19 Mar 2027)",
                     "due in 59 days Interview ready, day 90 (Sat 3 Apr 2027)"]


def test_reached_milestones_print_ticked_or_left_out() -> None:
    from generator.checklists import sheets, ticked
    from generator.pace import pace
    from generator.validate import load_plan

    plan = load_plan(ROOT / "plan_data" / "plan.yaml")
    own = pace(plan, plan.days)
    p = parse_progress(json.dumps({"format": "studyplan-progress", "version": 1, "plan": plan.id, "done": {},
                                   "milestones": {"kubernetes-proficient": "2027-02-01T10:00:00Z"}}), "f", plan.id)
    assert ticked(own, p) == {"kubernetes-proficient"}
    left = [m.id for s in sheets(own, list(plan.weeks), progress=p, remaining=True) for m, _ in s.milestones]
    assert "kubernetes-proficient" not in left and len(left) == len(plan.milestones) - 1
