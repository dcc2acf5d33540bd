"""Adaptive reviews (generator/reviews.py) as properties over the test plans, every pace and start
weekday, with generated ratings: no practice block holds more than the cap, no due review is lost,
unrated topics keep their fixed days exactly, a topic rated Easy comes back later than the same
rated Again, a rating never changes the days before it, and near the end the weakest come first.
Then `studyplan reviews` as a user runs it, and the reader's schedule (`plan --progress`) following it."""

from __future__ import annotations

import json
from dataclasses import replace
from types import MappingProxyType

import pytest
from conftest import PLAN as PLAN_FILE
from conftest import ROOT, SHAPE_PLANS, studyplan
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.agenda import REVIEW_GAPS, Agenda, Layout
from generator.pace import pace
from generator.replan import plain
from generator.reviews import NEAR_END, interval, replay
from generator.validate import load_plan

FULL = load_plan(PLAN_FILE)
PLANS = [FULL] + [p for p in (load_plan(x) for x in SHAPE_PLANS) if p.topics and any(b.kind == "practice" for b in p.schedule.blocks)]


def agenda(plan, days: int, weekday: int, ratings: dict | None = None, cap: int | None = None) -> Agenda:
    if cap is not None:
        plan = replace(plan, schedule=replace(plan.schedule, reviews_per_block=cap))
    sched = replace(plain(pace(plan, days)), ratings=MappingProxyType(ratings or {}))
    return Agenda(sched, Layout(weekday, None, frozenset()))


@st.composite
def cases(draw):
    i = draw(st.integers(0, len(PLANS) - 1))  # by index: a plan's repr is too large to print
    plan = PLANS[i]
    days = draw(st.integers(max(28, len(plan.weeks)), 365))
    topics = [t.id for t in plan.topics]
    ratings: dict[str, list[tuple[int, int]]] = {}
    for topic, day, rating in draw(st.lists(st.tuples(st.sampled_from(topics), st.integers(-3, days), st.integers(1, 4)), max_size=25)):
        if all(d != day for d, _ in ratings.get(topic, [])):
            ratings.setdefault(topic, []).append((day, rating))
    ratings = {t: tuple(sorted(r)) for t, r in ratings.items()}
    return i, days, draw(st.integers(0, 6)), ratings, draw(st.sampled_from([None, 1, 2, 4]))


@settings(max_examples=150, deadline=None)
@given(cases())
def test_cap_kept_and_nothing_lost(case) -> None:
    i, days, weekday, ratings, cap = case
    plan = PLANS[i]
    a = agenda(plan, days, weekday, ratings, cap)
    cap = plan.schedule.reviews_per_block if cap is None else cap
    for e in a.entries():
        if e.kind == "practice":
            assert len(e.reviews) <= cap
            assert len({t for t, _ in e.reviews}) == len(e.reviews)  # a topic once a day
    where = {id(q): d for d, qs in a.placed.items() for q in qs}
    for day, qs in a.due.items():
        for q in qs:
            if id(q) in where:
                assert where[id(q)] >= q.due == day
                continue
            # Not placed: answered by its topic's questions on a day it was read, or every study day after was full
            # (or already reviewed that topic), or the plan ended first.
            later = [d for d in range(day, a.days + 1) if a.kinds[d] == "study"]
            assert any(q.topic in a.reading.get(d, ()) for d in later) or all(
                len(a.placed.get(d, ())) == cap or any(x.topic == q.topic for x in a.placed.get(d, ())) for d in later), (q, day)


def fixed_days(a: Agenda) -> dict[int, set[str]]:
    """The fixed rule written out again: the first study day on or after 1, 3, 7 and 21 days after first reading,
    a topic read that day answering its questions instead."""
    out: dict[int, set[str]] = {}
    for topic, first in a.first_read.items():
        for gap in REVIEW_GAPS:
            when = a.next_study(first + gap)
            if when is not None and topic not in a.reading.get(when, ()):
                out.setdefault(when, set()).add(topic)
    return out


@settings(max_examples=100, deadline=None)
@given(cases())
def test_unrated_topics_keep_their_fixed_days(case) -> None:
    i, days, weekday, ratings, _ = case
    plan = PLANS[i]
    a = agenda(plan, days, weekday, ratings, cap=20)
    got = {d: {q.topic for q in qs if q.topic not in ratings} for d, qs in a.placed.items()}
    want = {d: {t for t in ts if t not in ratings} for d, ts in fixed_days(a).items()}
    assert {d: t for d, t in got.items() if t} == {d: t for d, t in want.items() if t}


@settings(max_examples=100, deadline=None)
@given(cases())
def test_a_rating_never_changes_the_days_before_it(case) -> None:
    i, days, weekday, ratings, cap = case
    plan = PLANS[i]
    if not ratings:
        return
    rated, unrated = agenda(plan, days, weekday, ratings, cap), agenda(plan, days, weekday, None, cap)
    until = min(r[-1][0] for r in ratings.values())
    assert [e for e in rated.entries() if e.day <= until] == [e for e in unrated.entries() if e.day <= until]
    for q in (q for qs in rated.placed.values() for q in qs if q.card is not None):
        assert q.due > ratings[q.topic][-1][0]


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.id)
@pytest.mark.parametrize("weekday", [0, 2, 6])
def test_easy_comes_back_later_than_again(plan, weekday) -> None:
    read = agenda(plan, 120, weekday).first_read
    for topic in plan.topics[:6]:
        day = read[topic.id]  # rated the day its questions are practised
        first = {r: agenda(plan, 120, weekday, {topic.id: ((day, r),)}, cap=20) for r in (1, 2, 3, 4)}
        nxt = {r: min(q.due for qs in a.due.values() for q in qs if q.topic == topic.id and q.due > day) for r, a in first.items()}
        assert nxt[1] <= nxt[2] <= nxt[3] < nxt[4], nxt
        assert nxt[1] < nxt[4]


@settings(max_examples=100, deadline=None)
@given(cases())
def test_near_the_end_the_weakest_come_first(case) -> None:
    i, days, weekday, ratings, cap = case
    plan = PLANS[i]
    a = agenda(plan, days, weekday, ratings, cap)
    for day, qs in a.placed.items():
        keys = [q.recall(day) for q in qs] if day > a.days - NEAR_END else [q.due for q in qs]
        assert keys == sorted(keys), (day, qs)


def test_interval_is_the_stability_in_whole_days() -> None:
    assert [interval(s) for s in (0.2, 1.2931, 2.3065, 2.5, 8.2956)] == [1, 1, 2, 3, 8]
    assert replay([(0, 3)]).stability == pytest.approx(2.3065)


def progress_file(tmp_path, **extra) -> str:
    data = {"format": "studyplan-progress", "version": 1, "plan": FULL.id, "done": {}, "start_date": "2027-01-04", "pace": 90,
            "timezone": "Europe/London", **extra}
    path = tmp_path / "progress.json"
    path.write_text(json.dumps(data))
    return str(path)


RATED = {"docker-multi-stage-builds": [{"time": "2027-01-05T20:00:00Z", "rating": 2}],
         "docker-layer-optimization": [{"time": "2027-01-07T04:30:00Z", "rating": 4}]}


def test_cli_lists_what_is_due_and_why(tmp_path) -> None:
    path = progress_file(tmp_path, reviews=RATED)
    result = studyplan("reviews", path, "--today", "2027-01-06", "--plan", str(PLAN_FILE), "--next", "10")
    assert (result.returncode, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Reviews from Wed 6 Jan 2027 (day 3 of 90); at most 4 a practice block")
    # Hard on Tue 5 Jan (stability 1.3 days): due the next day.
    assert lines[1:3] == ["Wed 6 Jan 2027",
                          "  Multi-stage builds (question 2 of 3): rated Hard on Tue 5 Jan 2027: FSRS, stability 1.3 days, recall 92%"]
    # 04:30 UTC on the 7th is still the 7th in London: Easy (8.3 days) -> Fri 15 Jan.
    i = lines.index("Fri 15 Jan 2027")
    assert lines[i + 1] == "  Layer optimization (question 2 of 4): rated Easy on Thu 7 Jan 2027: FSRS, stability 8.3 days, recall 90%"
    assert any(": first read Fri 8 Jan 2027: fixed review after 7 days" in x for x in lines)
    assert any("projected as if rated Good on Wed 6 Jan 2027" in x for x in lines)


def test_cli_unrated_file_gives_the_fixed_days(tmp_path) -> None:
    result = studyplan("reviews", progress_file(tmp_path), "--today", "2027-01-04", "--plan", str(PLAN_FILE), "--next", "4")
    # Read on Mon 4 and Tue 5: the review after 1 day is that day's questions; the next comes after 3 days.
    assert result.stdout.splitlines()[1:] == ["Thu 7 Jan 2027",
                                              "  Multi-stage builds (question 2 of 3): first read Mon 4 Jan 2027: fixed review after 3 days"]


@pytest.mark.parametrize("args,message", [
    (["--today", "2027-13-01"], "studyplan reviews: --today: expected a date as YYYY-MM-DD (like 2027-01-04) but got '2027-13-01'\n"),
    (["--today", "tomorrow"], "studyplan reviews: --today: expected a date as YYYY-MM-DD (like 2027-01-04) but got 'tomorrow'\n"),
])
def test_cli_bad_date(tmp_path, args, message) -> None:
    result = studyplan("reviews", progress_file(tmp_path), *args, "--plan", str(PLAN_FILE))
    assert (result.returncode, result.stdout, result.stderr) == (2, "", message)


def test_cli_bad_files(tmp_path) -> None:
    no_start = progress_file(tmp_path, start_date=None)
    result = studyplan("reviews", no_start, "--today", "2027-01-04", "--plan", str(PLAN_FILE))
    assert (result.returncode, result.stderr) == (2, f"{no_start}: start_date: expected a start_date in the file to date the reviews but got none\n")
    bad = progress_file(tmp_path, reviews={"k8s-pods": [{"time": "2027-01-05T20:00:00Z", "rating": 9}]})
    result = studyplan("reviews", bad, "--today", "2027-01-04", "--plan", str(PLAN_FILE))
    assert result.returncode == 2 and result.stdout == "" and len(result.stderr.splitlines()) == 1
    assert "reviews.k8s-pods[0].rating: expected a whole number from 1 (Again) to 4 (Easy) but got 9" in result.stderr


def test_the_dated_agenda_follows_the_ratings(tmp_path) -> None:
    """`plan --progress` (the same schedule as the calendars and week pages): the rated topic's review moves."""
    def reviews_of(path: str) -> dict[str, list[str]]:
        out = studyplan("plan", "--plan", str(PLAN_FILE), "--progress", path)
        assert out.returncode == 0, out.stderr
        days: dict[str, list[str]] = {}
        for e in json.loads(out.stdout)["entries"]:
            for r in e["reviews"]:
                days.setdefault(r["topic"], []).append(e["date"])
        return {t: sorted(set(d)) for t, d in days.items()}

    before = reviews_of(progress_file(tmp_path))
    (tmp_path / "a").mkdir()
    after = reviews_of(progress_file(tmp_path / "a", reviews=RATED))
    assert before["docker-multi-stage-builds"][0] == "2027-01-07"
    assert after["docker-multi-stage-builds"][0] == "2027-01-06"  # rated Hard on the 5th: due the next day
    assert before["k8s-pods"] == after["k8s-pods"]


@pytest.mark.parametrize("value,message", [
    (0, "expected a number of at least 1 but got 0"), (21, "expected a number of at most 20 but got 21"),
    ("four", "expected a whole number but got 'four'")])
def test_reviews_per_block_is_checked(tmp_path, value, message) -> None:
    import yaml

    data = yaml.safe_load((ROOT / "tests" / "plans" / "small.yaml").read_text(encoding="utf-8"))
    data["schedule"]["reviews_per_block"] = value
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    result = studyplan("validate", "--plan", str(path))
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{path}:") and lines[0].endswith(f": schedule.reviews_per_block: {message}")


def test_a_smaller_cap_moves_reviews_on(tmp_path) -> None:
    """The plan's `schedule.reviews_per_block`: at 1 a day never holds two reviews; the rest come later, never earlier."""
    a = agenda(FULL, 90, 0, cap=1)
    assert max(len(qs) for qs in a.placed.values()) == 1
    moved = [(d, q) for d, qs in a.placed.items() for q in qs if q.due != d]
    assert moved and all(d > q.due for d, q in moved)
