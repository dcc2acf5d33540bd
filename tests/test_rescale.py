"""The pace rules of generator/rescale.py, as properties and goldens."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT, check_golden, studyplan
from hypothesis import given, settings
from hypothesis import strategies as st
from planfactory import plan_data

from generator import model
from generator.rescale import rescale, round_half_up, total_minutes
from generator.validate import load_plan, plan_from_data

PLAN = load_plan(ROOT / "plan_data" / "plan.yaml")


def check_rules(base: model.Plan, plan: model.Plan, days: int) -> None:
    assert plan.days == days
    # Phases: contiguous from day 1 to day N, same ids, at least a day per week.
    assert plan.phases[0].start_day == 1
    assert plan.phases[-1].end_day == days
    for a, b in zip(plan.phases, plan.phases[1:]):
        assert b.start_day == a.end_day + 1
    for old, new in zip(base.phases, plan.phases, strict=True):
        assert (old.id, old.number, old.title) == (new.id, new.number, new.title)
        assert new.end_day - new.start_day + 1 >= len(new.weeks)
        # Weeks split the phase contiguously, in order, lengths within one day.
        assert new.weeks[0].start_day == new.start_day
        assert new.weeks[-1].end_day == new.end_day
        for a, b in zip(new.weeks, new.weeks[1:]):
            assert b.start_day == a.end_day + 1
        lengths = [w.days for w in new.weeks]
        assert max(lengths) - min(lengths) <= 1
        for ow, nw in zip(old.weeks, new.weeks, strict=True):
            assert (ow.id, ow.number, ow.title) == (nw.id, nw.number, nw.title)
            assert [t.id for t in ow.tasks] == [t.id for t in nw.tasks]
            task_days = [t.day for t in nw.tasks]
            assert task_days == sorted(task_days)
            assert all(nw.start_day <= d <= nw.end_day for d in task_days)
    # Milestones: round-half-up(d * N / base), in order, inside 1..N.
    for old, new in zip(base.milestones, plan.milestones, strict=True):
        assert old.id == new.id
        assert new.day == min(days, max(1, round_half_up(old.day * days, base.days)))
        assert 1 <= new.day <= days
        if old.day == base.days:
            assert new.day == days
    assert [m.day for m in plan.milestones] == sorted(m.day for m in plan.milestones)


@settings(max_examples=150, deadline=None)
@given(st.integers(28, 365))
def test_rules_hold_for_the_shipped_plan(days: int) -> None:
    plan = rescale(PLAN, days)
    check_rules(PLAN, plan, days)
    # Phase boundaries scale exactly for the shipped plan.
    assert [p.end_day for p in plan.phases] == [round_half_up(p.end_day * days, 90) for p in PLAN.phases]
    # Total planned hours stay within 5%.
    assert abs(total_minutes(plan) - total_minutes(PLAN)) <= 0.05 * total_minutes(PLAN)


@settings(max_examples=200, deadline=None)
@given(plan_data(), st.integers(28, 365))
def test_rules_hold_for_random_plans(data: dict, days: int) -> None:
    base = plan_from_data(data)
    if days < len(base.weeks):
        with pytest.raises(Exception, match="at least one day per week"):
            rescale(base, days)
        return
    check_rules(base, rescale(base, days), days)


@settings(max_examples=100, deadline=None)
@given(plan_data(base_days=90), st.integers(28, 365))
def test_hours_stay_within_five_percent(data: dict, days: int) -> None:
    base = plan_from_data(data)
    if days >= len(base.weeks):
        assert abs(total_minutes(rescale(base, days)) - total_minutes(base)) <= 0.05 * total_minutes(base)


def test_the_120_day_pace() -> None:
    plan = rescale(PLAN, 120)
    assert [(p.start_day, p.end_day) for p in plan.phases] == [(1, 40), (41, 80), (81, 120)]
    assert [m.day for m in plan.milestones] == [19, 40, 60, 100, 120]
    assert [b.minutes for b in plan.schedule.blocks] == [45, 45, 45]
    assert plan.schedule.weekend.minutes == 225
    assert all(w.days == 10 for w in plan.weeks)


def test_the_90_day_pace_is_the_plan() -> None:
    assert [(p.start_day, p.end_day) for p in PLAN.phases] == [(1, 30), (31, 60), (61, 90)]
    assert {w.days for w in PLAN.weeks} == {7, 8}
    assert [m.day for m in PLAN.milestones] == [14, 30, 45, 75, 90]


def test_round_trip_90_120_90() -> None:
    assert rescale(rescale(PLAN, 120), 90) == PLAN


@pytest.mark.parametrize("days", [90, 120])
def test_golden_json(days: int, update_goldens: bool) -> None:
    result = studyplan("plan", "--days", str(days), "--format", "json")
    assert result.returncode == 0, result.stderr
    check_golden(ROOT / "tests" / "golden" / f"plan-{days}.json", result.stdout, update_goldens)
    data = json.loads(result.stdout)
    assert data["days"] == days
    assert {"total_hours", "block_minutes", "weekend_session_minutes"} <= data.keys()
    for phase in data["phases"]:
        assert {"id", "title", "start_day", "end_day", "weeks"} <= phase.keys()
        for week in phase["weeks"]:
            for task in week["tasks"]:
                assert week["start_day"] <= task["day"] <= week["end_day"]


def test_yaml_format() -> None:
    import yaml
    result = studyplan("plan", "--format", "yaml")
    assert result.returncode == 0
    assert yaml.safe_load(result.stdout)["milestones"][0]["day"] == 14


@pytest.mark.parametrize("days", ["27", "366", "0"])
def test_days_out_of_range(days: str) -> None:
    result = studyplan("plan", "--days", days)
    assert result.returncode == 2
    assert result.stderr == f"--days: expected a number of days from 28 to 365 but got {days}\n"
    assert result.stdout == ""


def test_same_ids_at_every_pace(tmp_path: Path) -> None:
    ids90 = [t.id for t in PLAN.tasks] + [m.id for m in PLAN.milestones]
    plan = rescale(PLAN, 120)
    assert ids90 == [t.id for t in plan.tasks] + [m.id for m in plan.milestones]
