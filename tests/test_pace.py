"""The pace rules of generator/pace.py, as properties and goldens.

A pace is always made from the plan as written: `pace(plan, n)` for every n
in 28..365 keeps what the old `rescale` promised (ranges, milestones, hours),
and never depends on another pace.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import PLAN as PLAN_FILE
from conftest import ROOT, SMALL, check_golden, studyplan
from hypothesis import given, settings
from hypothesis import strategies as st
from planfactory import plan_data

from generator import model
from generator.pace import Pace, pace, round_half_up
from generator.validate import load_plan, plan_from_data

PLAN = load_plan(PLAN_FILE)


def check_rules(plan: model.Plan, p: Pace, days: int) -> None:
    assert p.days == days
    # Phases: contiguous from day 1 to day N, at least a day per week.
    spans = [p.phase(ph) for ph in plan.phases]
    assert spans[0].start == 1
    assert spans[-1].end == days
    for a, b in zip(spans, spans[1:]):
        assert b.start == a.end + 1
    for phase, span in zip(plan.phases, spans):
        assert span.days >= len(phase.weeks)
        # Weeks split the phase contiguously, in order, lengths within one day.
        weeks = [p.week(w) for w in phase.weeks]
        assert weeks[0].start == span.start
        assert weeks[-1].end == span.end
        for a, b in zip(weeks, weeks[1:]):
            assert b.start == a.end + 1
        lengths = [w.days for w in weeks]
        assert max(lengths) - min(lengths) <= 1
        assert lengths == sorted(lengths, reverse=True)  # longer weeks first
        for week, wspan in zip(phase.weeks, weeks):
            task_days = [p.day_of(t) for t in week.tasks]
            assert task_days == sorted(task_days)
            assert all(d in wspan for d in task_days)
    # Milestones: round-half-up(d * N / days), in order, inside 1..N.
    for m in plan.milestones:
        day = p.day_of(m)
        assert day == min(days, max(1, round_half_up(m.day * days, plan.days)))
        if m.day == plan.days:
            assert day == days
    milestone_days = [p.day_of(m) for m in plan.milestones]
    assert milestone_days == sorted(milestone_days)


@settings(max_examples=150, deadline=None)
@given(st.integers(28, 365))
def test_rules_hold_for_the_full_plan(days: int) -> None:
    p = pace(PLAN, days)
    check_rules(PLAN, p, days)
    # Phase boundaries scale exactly when every phase has room for its weeks.
    assert [p.phase(ph).end for ph in PLAN.phases] == [round_half_up(ph.end_day * days, PLAN.days) for ph in PLAN.phases]
    # Total planned hours stay within 5%.
    own = pace(PLAN, PLAN.days)
    assert abs(p.total_minutes() - own.total_minutes()) <= 0.05 * own.total_minutes()


@settings(max_examples=200, deadline=None)
@given(plan_data(), st.integers(28, 365))
def test_rules_hold_for_random_plans(data: dict, days: int) -> None:
    plan = plan_from_data(data)
    if days < len(plan.weeks):
        with pytest.raises(Exception, match="at least one day per week"):
            pace(plan, days)
        return
    check_rules(plan, pace(plan, days), days)


@settings(max_examples=100, deadline=None)
@given(plan_data(base_days=90), st.integers(28, 365))
def test_hours_stay_within_five_percent(data: dict, days: int) -> None:
    plan = plan_from_data(data)
    if days >= len(plan.weeks):
        own = pace(plan, plan.days).total_minutes()
        assert abs(pace(plan, days).total_minutes() - own) <= 0.05 * own


@settings(max_examples=60, deadline=None)
@given(st.integers(28, 365), st.integers(28, 365))
def test_a_pace_never_depends_on_another(m: int, n: int) -> None:
    """The plan as written is never changed by making a pace, so the pace at
    n is the same whatever pace was made before it."""
    before = PLAN
    first = pace(PLAN, m)
    assert before == PLAN
    again = pace(first.plan, n)
    fresh = pace(PLAN, n)
    assert (again.phase_spans, again.week_spans, again.task_days, again.milestone_days, again.block_minutes,
            again.weekend_minutes) == (fresh.phase_spans, fresh.week_spans, fresh.task_days, fresh.milestone_days,
                                       fresh.block_minutes, fresh.weekend_minutes)


def test_the_plans_own_length_is_the_plan_as_written() -> None:
    p = pace(PLAN, PLAN.days)
    assert [(p.phase(ph).start, p.phase(ph).end) for ph in PLAN.phases] == [(ph.start_day, ph.end_day) for ph in PLAN.phases]
    assert [p.day_of(m) for m in PLAN.milestones] == [m.day for m in PLAN.milestones]
    assert [p.minutes(b) for b in PLAN.schedule.blocks] == [b.minutes for b in PLAN.schedule.blocks]
    assert p.weekend_minutes == PLAN.schedule.weekend.minutes


def test_the_120_day_pace_of_the_full_plan() -> None:
    p = pace(PLAN, 120)
    assert [(p.phase(ph).start, p.phase(ph).end) for ph in PLAN.phases] == [(1, 40), (41, 80), (81, 120)]
    assert [p.day_of(m) for m in PLAN.milestones] == [19, 40, 60, 100, 120]
    assert list(p.block_minutes.values()) == [45, 45, 45]
    assert p.weekend_minutes == 225
    assert all(s.days == 10 for s in p.week_spans.values())


@pytest.mark.parametrize("days", [40, 90])
def test_golden_json(days: int, update_goldens: bool) -> None:
    result = studyplan("plan", "--plan", str(SMALL), "--days", str(days), "--format", "json")
    assert result.returncode == 0, result.stderr
    check_golden(ROOT / "tests" / "golden" / f"plan-small-{days}.json", result.stdout, update_goldens)
    data = json.loads(result.stdout)
    assert data["days"] == days
    assert {"total_hours", "block_minutes", "weekend_session_minutes"} <= data.keys()
    for phase in data["phases"]:
        assert {"id", "title", "start_day", "end_day", "weeks"} <= phase.keys()
        for week in phase["weeks"]:
            for task in week["tasks"]:
                assert week["start_day"] <= task["day"] <= week["end_day"]


def test_days_default_to_the_plans_own_length() -> None:
    result = studyplan("plan", "--plan", str(SMALL))
    assert json.loads(result.stdout)["days"] == load_plan(SMALL).days


def test_yaml_format() -> None:
    import yaml
    result = studyplan("plan", "--plan", str(SMALL), "--format", "yaml")
    assert result.returncode == 0
    assert yaml.safe_load(result.stdout)["milestones"][0]["day"] == load_plan(SMALL).milestones[0].day


@pytest.mark.parametrize("days", ["27", "366", "0"])
def test_days_out_of_range(days: str) -> None:
    result = studyplan("plan", "--plan", str(SMALL), "--days", days)
    assert result.returncode == 2
    assert result.stderr == f"studyplan plan: --days: expected a number of days from 28 to 365 but got {days}\n"
    assert result.stdout == ""


def test_same_ids_at_every_pace(tmp_path: Path) -> None:
    for days in (28, 120, 365):
        p = pace(PLAN, days)
        assert set(p.task_days) == {t.id for t in PLAN.tasks}
        assert set(p.milestone_days) == {m.id for m in PLAN.milestones}


def test_weeks_of_their_own_length() -> None:
    """A week with its own `days` keeps them at the plan's own length and scales with its phase at another
    pace; the other weeks share the rest (tests/plans/own-weeks.yaml: 10 of a 20-day phase)."""
    from conftest import ROOT

    plan = load_plan(ROOT / "tests" / "plans" / "own-weeks.yaml")
    phase = plan.phases[1]
    own = pace(plan, plan.days)
    assert [own.week(w).days for w in phase.weeks] == [10, 5, 5]
    for n in (28, 45, 100, 365):
        p = pace(plan, n)
        length = p.phase(phase).days
        got = [p.week(w).days for w in phase.weeks]
        assert sum(got) == length and min(got) >= 1
        assert got[0] == max(1, min(length - 2, (2 * 10 * length + 20) // 40)), (n, got)
        assert abs(got[1] - got[2]) <= 1
