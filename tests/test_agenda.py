"""The day-by-day agenda (generator/agenda.py) as properties over every pace
and the test plans: every block of every weekday names concrete work, topics
are read before they are reviewed, reviews fall 1, 3, 7 and 21 days later,
every task is worked on the day it is due."""

from __future__ import annotations

import json

import pytest
from conftest import PLAN as PLAN_FILE
from conftest import ROOT, SMALL, studyplan
from hypothesis import given, settings
from hypothesis import strategies as st
from planfactory import plan_data

from generator.agenda import REVIEW_GAPS, Agenda, agenda
from generator.pace import pace
from generator.validate import load_plan, plan_from_data

FULL = load_plan(PLAN_FILE)
SHAPES = [load_plan(ROOT / "tests" / "plans" / f) for f in ("four-phases.yaml", "one-block.yaml", "small.yaml")]


def check(plan, days: int, first_weekday: int = 0) -> None:
    p = pace(plan, days)
    a = Agenda(p, first_weekday)
    entries = agenda(p, first_weekday)
    by_day: dict[int, list] = {}
    for e in entries:
        by_day.setdefault(e.day, []).append(e)
        assert e.items, e
        assert all(item.strip() for item in e.items)
        assert "No new task" not in e.summary and not any("No new task" in i for i in e.items)
    blocks = [b.id for b in plan.schedule.blocks]
    for day in range(1, days + 1):
        todays = by_day[day]
        if a.is_weekend(day):
            assert [e.slot for e in todays] == ["saturday" if a.weekday(day) == 5 else "sunday"]
        else:
            assert [e.slot for e in todays] == blocks  # one entry per block, in order
            assert len({e.summary for e in todays}) == len(todays)  # no two blocks say the same
    # Every topic is read in a theory block before its first review; reviews 1/3/7/21 days later.
    # (a plan with no theory block reads its topics in the blocks it has)
    theory = {b.id for b in plan.schedule.blocks if b.kind == "theory"} or set(blocks)
    read: dict[str, int] = {}
    for e in entries:
        if e.slot in theory:
            for t in e.topics:
                read.setdefault(t, e.day)
    for e in entries:
        for t in e.reviews:
            assert t in read and read[t] < e.day, (t, e)
    if any(b.kind == "practice" for b in plan.schedule.blocks):
        for topic, first in read.items():
            for gap in REVIEW_GAPS:
                when = a.next_weekday(first + gap)
                if when <= days:
                    reviewed = [e for e in by_day[when] if topic in e.reviews or topic in e.topics]
                    assert reviewed, (topic, first, gap, when)
    # Every task is worked on the day it is due.
    hands_on = {b.id for b in plan.schedule.blocks if b.kind == "hands-on"}
    for task in plan.tasks:
        due = p.day_of(task)
        holders = [e for e in by_day[due] if task.id in e.tasks]
        if a.is_weekend(due) or not hands_on:
            assert holders or (not hands_on and not a.is_weekend(due)), (task.id, due)
        else:
            assert any(e.slot in hands_on for e in holders), (task.id, due)


@settings(max_examples=60, deadline=None)
@given(st.integers(28, 365), st.integers(0, 6))
def test_the_full_plan_at_every_pace(days: int, first_weekday: int) -> None:
    check(FULL, days, first_weekday)


@pytest.mark.parametrize("plan", SHAPES, ids=lambda p: p.id)
@pytest.mark.parametrize("days", [28, 60, 120, 365])
def test_other_shapes(plan, days: int) -> None:
    if days >= len(plan.weeks):
        check(plan, days)


@settings(max_examples=60, deadline=None)
@given(plan_data(), st.integers(28, 365))
def test_random_plans(data: dict, days: int) -> None:
    plan = plan_from_data(data)
    if days >= len(plan.weeks):
        check(plan, days)


def test_reviews_of_a_topic_read_on_day_one() -> None:
    p = pace(FULL, FULL.days)
    entries = agenda(p)
    first = FULL.weeks[0].topics[0].id
    reviewed = sorted({e.day for e in entries if first in e.reviews})
    assert reviewed == sorted({Agenda(p).next_weekday(1 + g) for g in REVIEW_GAPS} - {1, 2})[:len(reviewed)]
    assert reviewed, "the first topic is reviewed"


def test_plan_json_has_the_agenda() -> None:
    result = studyplan("plan", "--plan", str(SMALL), "--days", "28", "--format", "json")
    data = json.loads(result.stdout)["agenda"]
    assert data[0] == {**data[0], "day": 1, "slot": "morning"}
    assert set(data[0]) == {"day", "slot", "summary", "items", "topics", "tasks", "reviews"}
    assert all(e["items"] for e in data)


def test_calendar_events_name_concrete_work(site_dir) -> None:
    import icalendar

    for days in (90, 120):
        cal = icalendar.Calendar.from_ical((site_dir / "calendar" / str(days) / "daily.ics").read_bytes())
        for e in cal.walk("VEVENT"):
            description = str(e["DESCRIPTION"])
            assert "\n- " in description, description
            assert "No new task" not in description
        first = next(iter(cal.walk("VEVENT")))
        assert str(first["SUMMARY"]) == f"Day 1 · Theory: {FULL.weeks[0].topics[0].title} ({FULL.weeks[0].title})"
