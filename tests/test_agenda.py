"""The agenda of a reader's schedule (generator/agenda.py) as properties over
every pace, every start weekday, the test plans, random plans, catch-ups and
days off: every slot names concrete work, topics are read before they are
reviewed, reviews fall 1, 3, 7 and 21 days later, every task is worked on the
day it is due, a project milestone never comes before its tasks, and a change
never alters the days before it."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import PLAN as PLAN_FILE
from conftest import SHAPE_PLANS, SMALL, studyplan
from hypothesis import given, settings
from hypothesis import strategies as st
from planfactory import plan_data

from generator.agenda import REVIEW_GAPS, Agenda, Layout, is_session
from generator.pace import pace
from generator.progress import DayOff, Replan
from generator.replan import ChangeError, apply, plain
from generator.validate import load_plan, plan_from_data
from generator.words import Words

FULL = load_plan(PLAN_FILE)
SHAPES = [load_plan(p) for p in SHAPE_PLANS]
MONDAY = dt.date(2027, 1, 4)


def check(plan, days: int, first_weekday: int = 0, weekend: tuple[str, ...] = ("sat", "sun"), sched=None) -> Agenda:
    sched = sched or plain(pace(plan, days))
    a = Agenda(sched, Layout(first_weekday, weekend, sched.off))
    entries = a.entries()
    words = Words(plan)
    by_day: dict[int, list] = {}
    for e in entries:
        by_day.setdefault(e.day, []).append(e)
        assert words.items(e) and all(line.strip() for line in words.items(e)), e
        assert words.summary(e).startswith(f"Day {e.day} · ")
    blocks = [b.id for b in plan.schedule.blocks]
    for day in range(1, sched.days + 1):
        kind = a.kinds[day]
        slots = [e.slot for e in by_day.get(day, [])]
        assert slots == (blocks if kind == "study" else ["weekend"] if is_session(kind) else []), (day, kind)
    # Every topic is read in a theory block before its reviews; reviews at first study day on/after 1/3/7/21 days.
    theory = {b.id for b in plan.schedule.blocks if b.kind == "theory"}
    read: dict[str, int] = {}
    for e in entries:
        if e.slot in theory:
            for t, _ in e.topics:
                read.setdefault(t, e.day)
    assert read == {t: d for t, d in a.first_read.items()} or not theory
    for e in entries:
        for t, _ in e.reviews:
            assert t in a.first_read and a.first_read[t] < e.day, (t, e)
    if any(b.kind == "practice" for b in plan.schedule.blocks):
        for topic, first in a.first_read.items():
            for gap in REVIEW_GAPS:
                when = a.next_study(first + gap)
                if when is not None:  # there, or that day's practice was full (the cap moved it on)
                    assert any(topic in [t for t, _ in e.reviews] + [t for t, _ in e.topics] for e in by_day[when]) or \
                        len(a.reviews.get(when, ())) == plan.schedule.reviews_per_block, (topic, when)
    # Every task is worked on its day when that day has a slot that takes it.
    hands_on = {b.id for b in plan.schedule.blocks if b.kind == "hands-on"}
    final = sched.pace
    for task in plan.tasks:
        due = final.day_of(task)
        if due > sched.days:  # a done task keeps its day past a shortened end
            continue
        kind = a.kinds[due]
        holders = [e for e in by_day.get(due, []) if task.id in [w.task for w in e.tasks]]
        if ((kind == "study" and hands_on) or is_session(kind)) and due >= sched.segments[-1].start:
            assert holders, (task.id, due, kind)
    # A week's project milestone comes on or after its week's last task.
    for e in entries:
        for w in e.projects:
            week = next(x for x in plan.weeks if x.id == w)
            seg = sched.segment(e.day)
            assert e.day >= max(seg.day_of(t) for t in week.tasks), (w, e.day)
    return a


@settings(max_examples=60, deadline=None)
@given(st.integers(28, 365), st.integers(0, 6), st.sampled_from([("sat", "sun"), ("sat",), ("sun",)]))
def test_the_full_plan_at_every_pace_and_start_weekday(days: int, first_weekday: int, weekend) -> None:
    check(FULL, days, first_weekday, weekend)


@pytest.mark.parametrize("plan", SHAPES, ids=lambda p: p.id)
@pytest.mark.parametrize("days", [28, 60, 120, 365])
@pytest.mark.parametrize("first_weekday", [0, 2, 6])
def test_other_shapes(plan, days: int, first_weekday: int) -> None:
    if days >= len(plan.weeks):
        check(plan, days, first_weekday)


@settings(max_examples=60, deadline=None)
@given(plan_data(), st.integers(28, 365), st.integers(0, 6))
def test_random_plans(data: dict, days: int, first_weekday: int) -> None:
    plan = plan_from_data(data)
    if days >= len(plan.weeks):
        check(plan, days, first_weekday)


@st.composite
def changes(draw, days: int):
    """Up to 5 catch-ups and days off on random days, with random ticks."""
    out_r, out_d = [], []
    for _ in range(draw(st.integers(0, 5))):
        on = MONDAY + dt.timedelta(days=draw(st.integers(0, days + 40)))  # after the end too
        if draw(st.booleans()):
            out_r.append(Replan(on, draw(st.sampled_from(["keep-end", "move-end"])), draw(st.integers(days, min(365, days + 40)))))
        else:
            out_d.append(DayOff(on, draw(st.sampled_from(["shift", "keep-end"]))))
    ticks = draw(st.lists(st.sampled_from([t.id for t in FULL.tasks]), max_size=20, unique=True))
    done = {t: dt.datetime(2027, 1, 4, tzinfo=dt.UTC) + dt.timedelta(days=draw(st.integers(0, 100))) for t in ticks}
    return sorted(set(out_r)), sorted(set(out_d)), done


@settings(max_examples=60, deadline=None)
@given(st.integers(60, 200).flatmap(lambda n: st.tuples(st.just(n), st.integers(0, 6), changes(n))))
def test_catch_ups_and_days_off(case) -> None:
    days, first_weekday, (replans, days_off, done) = case
    start = MONDAY + dt.timedelta(days=first_weekday)
    try:
        sched = apply(pace(FULL, days), start, replans, days_off, done)
    except ChangeError:
        return
    a = check(FULL, days, start.weekday(), sched=sched)
    # Each change keeps every day before it exactly as it was.
    for i, seg in enumerate(sched.segments[1:], start=1):
        before = Agenda(_upto(sched, i), Layout(start.weekday(), ("sat", "sun"), frozenset(d for d in sched.off if d < seg.start)))
        old = [e for e in before.entries() if e.day < seg.start]
        new = [e for e in a.entries() if e.day < seg.start]
        assert old == new
    # Days off hold nothing.
    assert not [e for e in a.entries() if e.day in sched.off]


def _upto(sched, i: int):
    """The schedule as it was before segment i was added (its first i segments)."""
    from generator.replan import Schedule

    segs = sched.segments[:i]
    return Schedule(sched.base, segs[-1].pace, segs[-1].off, segs)


def test_a_catch_up_puts_every_unfinished_task_on_its_new_day() -> None:
    p = pace(FULL, 120)
    start = dt.date(2027, 1, 6)  # a Wednesday
    on = start + dt.timedelta(days=33)
    done = {t.id: dt.datetime(2027, 1, 7, tzinfo=dt.UTC) for t in FULL.tasks[:4]}
    sched = apply(p, start, [Replan(on, "keep-end", 120)], [], done)
    t = (on - start).days + 1
    a = Agenda(sched, Layout(start.weekday(), ("sat", "sun"), sched.off))
    entries = a.entries()
    for task in FULL.tasks:
        if task.id in done:
            continue
        day = sched.pace.day_of(task)
        assert day >= t
        shown = [e for e in entries if e.day == day and task.id in [w.task for w in e.tasks if w.due == day]]
        assert shown or a.kinds[day] in ("free", "off"), (task.id, day)
        assert not [e for e in entries if t <= e.day < day and any(w.task == task.id and w.due < e.day for w in e.tasks)]
    assert sum(1 for task in FULL.tasks if task.id not in done and sched.pace.day_of(task) < t) == 0  # behind: 0


def test_plan_json_has_the_agenda() -> None:
    result = studyplan("plan", "--plan", str(SMALL), "--days", "28", "--format", "json")
    data = json.loads(result.stdout)["agenda"]
    assert data[0]["day"] == 1 and data[0]["slot"] == "morning"
    assert {"day", "slot", "summary", "items", "topics", "tasks", "reviews", "questions"} <= set(data[0])
    assert all(e["items"] for e in data)


def test_plan_start_is_the_dated_agenda_on_a_sunday() -> None:
    result = studyplan("plan", "--start", "2027-01-10", "--tz", "Europe/Berlin", "--days", "120")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    first = data["entries"][0]
    assert first["date"] == "2027-01-10" and first["slot"] == "weekend" and first["kind"] == "sun"
    assert first["start"] == FULL.schedule.weekend.start
    monday = [e for e in data["entries"] if e["date"] == "2027-01-11"]
    assert [e["slot"] for e in monday] == [b.id for b in FULL.schedule.blocks]
    assert [e["start"] for e in monday] == [b.start for b in FULL.schedule.blocks]


def test_calendar_events_name_concrete_work(site_dir) -> None:
    import icalendar

    for days in (90, 120):
        cal = icalendar.Calendar.from_ical((site_dir / "calendar" / str(days) / "daily.ics").read_bytes())
        for e in cal.walk("VEVENT"):
            description = str(e["DESCRIPTION"])
            assert "\n- " in description, description
        first = next(iter(cal.walk("VEVENT")))
        assert str(first["SUMMARY"]) == f"Day 1 · Theory: {FULL.weeks[0].topics[0].title} ({FULL.weeks[0].title})"
