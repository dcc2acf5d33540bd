"""Catch-up (generator/replan.py): the rule's invariants and the `studyplan replan` command."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import PLAN as PLAN_FILE
from conftest import studyplan

from generator import replan
from generator.pace import pace
from generator.validate import load_plan

PLAN = load_plan(PLAN_FILE)
START = dt.date(2027, 1, 4)


def check(sched, today: int, done: set[str]) -> None:
    plan = sched.plan
    days = sorted(d for w in plan.weeks for d in range(sched.week(w).start, sched.week(w).end + 1))
    assert days == list(range(1, sched.days + 1)), "weeks split the days contiguously"
    for w in plan.weeks:
        assert sched.week(w).days >= 1
    order = replan.unfinished(sched, today, done)
    assert all(sched.task_days[i] >= today for i in order), "every unfinished task from today on"
    assert [sched.task_days[i] for i in order] == sorted(sched.task_days[i] for i in order), "overdue first, then plan order"
    assert all(1 <= d <= sched.days for d in sched.milestone_days.values())
    for p in plan.phases:
        assert sched.phase(p).start == sched.week(p.weeks[0]).start


@pytest.mark.parametrize("n", [90, 120])
@pytest.mark.parametrize("mode", ["keep-end", "move-end"])
@pytest.mark.parametrize("today", [1, 5, 22, 40, 60, 89])
@pytest.mark.parametrize("done_count", [0, 3, 10])
def test_rule_invariants(n: int, mode: str, today: int, done_count: int) -> None:
    base = pace(PLAN, n)
    done = {t.id for t in PLAN.tasks[:done_count]}
    if today > n:
        return
    days = replan.new_length(base, base, today, mode, done)
    if days > 365:
        return
    after = replan.catch_up(base, today, days, done)
    check(after, today, done)
    assert after.days == (n if mode == "keep-end" else days) and after.days >= n
    for i in done:
        assert after.task_days[i] == base.task_days[i], "done tasks keep their days"
    for m in PLAN.milestones:
        if base.milestone_days[m.id] < today:
            assert after.milestone_days[m.id] == base.milestone_days[m.id]


def test_repeated_catch_ups_and_file_fold() -> None:
    base = pace(PLAN, 90)
    t0 = dt.datetime(2027, 1, 5, 10, tzinfo=dt.UTC)
    done = {t.id: t0 for t in PLAN.tasks[:3]}
    plans = [replan.Replan(dt.date(2027, 1, 25), "keep-end", 90), replan.Replan(dt.date(2027, 2, 10), "move-end", 0)]
    sched = base
    for i, r in enumerate(plans):
        today = (r.on - START).days + 1
        ids = replan.done_before(done, r.on)
        days = replan.new_length(base, sched, today, r.mode, ids)
        plans[i] = replan.Replan(r.on, r.mode, days)
        sched = replan.catch_up(sched, today, days, ids)
        check(sched, today, set(ids))
    assert replan.schedule(base, START, plans, done).pace.task_days == sched.task_days


def progress_file(tmp_path: Path, **extra: object) -> Path:
    data = {"format": "studyplan-progress", "version": 1, "plan": PLAN.id, "start_date": "2027-01-04", "pace": 90,
            "done": {t.id: "2027-01-05T10:00:00Z" for t in PLAN.tasks[:3]}, **extra}
    path = tmp_path / "progress.json"
    path.write_text(json.dumps(data))
    return path


def test_cli_replan_writes_only_with_out(tmp_path: Path) -> None:
    path = progress_file(tmp_path)
    before = path.read_text()
    r = studyplan("replan", str(path), "--plan", str(PLAN_FILE), "--today", "2027-01-25", "--keep-end")
    assert r.returncode == 0, r.stderr
    assert "End: day 90" in r.stdout and "nothing written" in r.stdout and path.read_text() == before
    out = tmp_path / "after.json"
    r = studyplan("replan", str(path), "--plan", str(PLAN_FILE), "--today", "2027-01-25", "--move-end", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert json.loads(out.read_text())["replans"] == [{"on": "2027-01-25", "mode": "move-end", "days": 105}]
    r = studyplan("progress", str(out), "--plan", str(PLAN_FILE), "--today", "2027-01-26")
    assert "day 23 of 105" in r.stdout
    r = studyplan("calendar", "--plan", str(PLAN_FILE), "--progress", str(out), "--tz", "UTC", "--out", str(tmp_path / "cal"))
    assert r.returncode == 0, r.stderr
    text = (tmp_path / "cal" / "daily.ics").read_text()
    assert f"UID:{PLAN.id}-d105-" not in text  # day 105 is a Sunday: the weekend file
    assert f"UID:{PLAN.id}-d103-" in text


@pytest.mark.parametrize(("extra", "args", "message"), [
    ({"start_date": None}, ["--today", "2027-01-25", "--keep-end"], "start_date: expected a start date YYYY-MM-DD"),
    ({}, ["--today", "2026-12-25", "--keep-end"], "studyplan replan: --today: expected a date from the start (2027-01-04) on but got 2026-12-25"),
    ({}, ["--today", "2027-12-25", "--move-end"], "studyplan replan: --today: expected a plan of at most 365 days"),
    ({}, ["--today", "2027-05-25", "--keep-end"], "studyplan replan: --today: expected a date up to the plan's last day"),
    ({}, ["--today", "25-01-2027", "--keep-end"], "studyplan replan: --today: expected a date as YYYY-MM-DD"),
])
def test_cli_replan_bad_input(tmp_path: Path, extra: dict, args: list[str], message: str) -> None:
    path = progress_file(tmp_path, **extra)
    out = tmp_path / "out.json"
    r = studyplan("replan", str(path), "--plan", str(PLAN_FILE), *args, "--out", str(out))
    assert r.returncode == 2 and message in r.stderr and r.stderr.count("\n") == 1, r.stderr
    assert not out.exists()


def test_merge_keeps_the_union_in_date_order() -> None:
    from generator.progress import merge, parse_progress

    def one(*items: dict) -> object:
        return parse_progress(json.dumps({"format": "studyplan-progress", "version": 1, "plan": PLAN.id, "done": {},
                                          "replans": list(items)}), "f")
    a = {"on": "2027-02-01", "mode": "keep-end", "days": 90}
    b = {"on": "2027-01-20", "mode": "move-end", "days": 100}
    merged = merge(one(a), one(b, a))
    assert replan.replans_data(merged.replans) == [b, a]


def test_a_catch_up_on_a_day_off_says_what_the_file_then_holds(tmp_path: Path) -> None:
    """A day off and a catch-up on the same date: `replan` prints the end that the
    written file gives (the catch-up comes first, the day off after it)."""
    path = progress_file(tmp_path)
    off = tmp_path / "off.json"
    assert studyplan("dayoff", str(path), "--plan", str(PLAN_FILE), "--on", "2027-02-02", "--out", str(off)).returncode == 0
    out = tmp_path / "both.json"
    r = studyplan("replan", str(off), "--plan", str(PLAN_FILE), "--today", "2027-02-02", "--keep-end", "--out", str(out))
    assert r.returncode == 0, r.stderr
    plan = json.loads(studyplan("plan", "--plan", str(PLAN_FILE), "--progress", str(out)).stdout)
    assert f"-> day {plan['days']} " in r.stdout
    assert "2027-02-02" in plan["days_off"]
