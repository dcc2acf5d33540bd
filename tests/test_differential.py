"""One schedule, two languages: the browser's rules (docs/assets/rules.js, run in
node) and Python's (pace, replan, agenda, words, reader, progress) give the same
answer entry by entry, over generated cases: the test plans and random plans,
every start weekday, paces 28-365, weekend days, ticks, catch-ups and days off,
with each milestone's status on a drawn day (reached, ready to verify, due, late);
and the same verdict on every progress file case, merges with ties included.

One node process answers every case (tests/rules_runner.cjs). A failing case
that Hypothesis shrinks belongs in FIXED below.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import PLAN as PLAN_FILE
from conftest import ROOT, SHAPE_PLANS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from planfactory import plan_data

from generator.calendars import uid
from generator.errors import InputError
from generator.export import rules_data
from generator.pace import pace
from generator.progress import DayOff, Progress, Replan, Review, as_data, merge, parse_progress, read_progress, stamp
from generator.reader import agenda_of, milestones
from generator.replan import ChangeError, apply, plain, with_ratings
from generator.report import milestone_statuses, status_text
from generator.reviews import SCHEDULER, held, interval, last_day, recall, replay
from generator.reviews import why as review_why
from generator.validate import load_plan, plan_from_data
from generator.words import Words

FULL = load_plan(PLAN_FILE)
PLANS = [FULL] + [load_plan(p) for p in SHAPE_PLANS]
CASES = ROOT / "tests" / "progress" / "cases"
BASE = dt.date(2027, 1, 4)  # a Monday


@pytest.fixture(scope="module")
def node():
    proc = subprocess.Popen(["node", str(ROOT / "tests" / "rules_runner.cjs")], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            text=True, encoding="utf-8")

    def ask(query: dict) -> dict:
        proc.stdin.write(json.dumps(query, ensure_ascii=False) + "\n")
        proc.stdin.flush()
        answer = json.loads(proc.stdout.readline())
        assert "crash" not in answer, answer["crash"]
        return answer

    yield ask
    proc.stdin.close()
    proc.wait(timeout=10)


def python_answer(plan, reader: dict) -> dict:
    """What Python says for the same reader: the same shape as rules_runner.cjs."""
    start = dt.date.fromisoformat(reader["start"])
    times_of = lambda key: {i: dt.datetime.fromisoformat(t.replace("Z", "+00:00")) for i, t in reader.get(key, {}).items()}  # noqa: E731
    done = times_of("done")
    replans = [Replan(dt.date.fromisoformat(r["on"]), r["mode"], r["days"]) for r in reader["replans"]]
    days_off = [DayOff(dt.date.fromisoformat(d["on"]), d["mode"]) for d in reader["days_off"]]
    base = pace(plan, reader["pace"])
    try:
        sched = apply(base, start, replans, days_off, done) if replans or days_off else plain(base)
    except ChangeError as exc:
        return {"error": exc.field}
    reviews = {t: [Review(dt.datetime.fromisoformat(r["time"].replace("Z", "+00:00")), r["rating"]) for r in rs]
               for t, rs in reader.get("reviews", {}).items()}
    sched = with_ratings(sched, SimpleNamespace(reviews=reviews, timezone=reader.get("timezone")), start)
    words = Words(plan)
    a = agenda_of(sched, start, tuple(reader["weekend_days"]))
    times = dict(zip((b.id for b in plan.schedule.blocks), reader["times"]))
    entries = [[e.day, (start + dt.timedelta(days=e.day - 1)).isoformat(), e.slot, e.kind, times.get(e.slot, reader["weekend_time"]),
                e.minutes, words.summary(e), words.description(e)] for e in a.entries()]
    ms = [[m.milestone.id, m.day, m.date.isoformat(), *words.milestone(m.milestone, m.day, m.of)] for m in milestones(sched, start)]
    statuses = None
    if "today" in reader:
        progress = Progress(plan=plan.id, done=done, undone=times_of("undone"), milestones=times_of("milestones"),
                            unreached=times_of("unreached"), start_date=start)
        statuses = [[s.milestone.id, s.status, s.days, s.reached_at and stamp(s.reached_at), status_text(s)]
                    for s in milestone_statuses(sched.pace, progress, dt.date.fromisoformat(reader["today"]))]
    why = sorted([day, q.topic, q.index, review_why(q, day, start)] for day, qs in held(a).items() for q in qs)
    return {"days": sched.days, "off": sorted(sched.off), "changes": list(sched.changes), "task_days": dict(sched.pace.task_days),
            "entries": entries, "milestones": ms, "statuses": statuses, "why": why}


@st.composite
def readers(draw, plan):
    n = len(plan.weeks)
    days = draw(st.integers(max(28, n), 365))
    start = BASE + dt.timedelta(days=draw(st.integers(0, 6)) + 7 * draw(st.integers(0, 60)))
    tasks = [t.id for t in plan.tasks]
    ticks = draw(st.lists(st.sampled_from(tasks), max_size=len(tasks), unique=True))
    done = {i: stamp(dt.datetime.combine(start, dt.time(9), dt.UTC) + dt.timedelta(days=draw(st.integers(-2, days)),
                                                                                        minutes=draw(st.integers(0, 900))))
            for i in ticks}
    changes = draw(st.lists(st.tuples(st.integers(0, days + 3), st.sampled_from(["keep-end", "move-end", "to-date", "shift", "off-keep-end"]),
                                      st.integers(28, 365)), max_size=6))
    replans, days_off = [], []
    for offset, mode, n_days in changes:
        on = (start + dt.timedelta(days=offset)).isoformat()
        if mode in ("shift", "off-keep-end"):
            days_off.append({"on": on, "mode": "shift" if mode == "shift" else "keep-end"})
        else:
            replans.append({"on": on, "mode": mode, "days": n_days if mode == "to-date" else min(365, days + offset % 30)})
    dedupe = lambda items: sorted({json.dumps(x, sort_keys=True) for x in items})  # noqa: E731  the file keeps them once, in date order
    replans = sorted(map(json.loads, dedupe(replans)), key=lambda r: (r["on"], r["mode"], r["days"]))
    days_off = sorted(map(json.loads, dedupe(days_off)), key=lambda d: (d["on"], d["mode"]))
    # Milestones: a Reached tick or untick each (or, as older files did, a tick under `done`), a day to look from,
    # and sometimes a week's tasks all ticked (ready to verify).
    stamp_on = lambda: stamp(dt.datetime.combine(start, dt.time(9), dt.UTC) + dt.timedelta(days=draw(st.integers(-2, days)),  # noqa: E731
                                                                                             hours=draw(st.sampled_from([0, 0, 5]))))
    marks: dict[str, dict[str, str]] = {"milestones": {}, "unreached": {}, "undone": {}}
    for m in plan.milestones:
        for key in draw(st.lists(st.sampled_from(["milestones", "unreached", "done", "undone"]), max_size=3, unique=True)):
            (done if key == "done" else marks[key])[m.id] = stamp_on()
    for w in draw(st.lists(st.sampled_from(plan.weeks), max_size=3)) if plan.weeks else []:
        done.update({t.id: stamp_on() for t in w.tasks})
    today = (start + dt.timedelta(days=draw(st.integers(-10, days + 20)))).isoformat()
    weekend = draw(st.sampled_from([["sat", "sun"], ["sat"], ["sun"]]))
    times = [f"{6 + i:02d}:{draw(st.sampled_from([0, 15, 30])):02d}" for i, _ in enumerate(plan.schedule.blocks)]
    topics = [t.id for t in plan.topics] + ["constructor"]  # an id the plan does not have is kept, not scheduled
    reviews: dict[str, list[dict]] = {}
    for topic, offset, minutes, rating in draw(st.lists(st.tuples(st.sampled_from(topics), st.integers(-2, days),
                                                                  st.integers(0, 1439), st.integers(1, 4)), max_size=30)):
        when = dt.datetime.combine(start, dt.time(0), dt.UTC) + dt.timedelta(days=offset, minutes=minutes)
        reviews.setdefault(topic, []).append({"time": stamp(when), "rating": rating})
    zone = draw(st.sampled_from([None, "Europe/London", "America/New_York", "Asia/Tokyo", "Pacific/Kiritimati"]))
    return {"start": start.isoformat(), "pace": days, "done": done, "replans": replans, "days_off": days_off,
            "weekend_days": weekend, "times": times, "weekend_time": "10:00", "reviews": reviews, "timezone": zone,
            "today": today, **marks}


def compare(node, plan, reader: dict) -> None:
    js = node({"op": "dated", "plan": rules_data(plan), "reader": reader, "today": reader.get("today")})
    py = python_answer(plan, reader)
    if "error" in py or "error" in js:
        assert py.get("error") == js.get("error"), (py.get("error"), js.get("error"))
        return
    for key in ("days", "off", "changes", "task_days", "milestones", "statuses"):
        assert py[key] == js[key], key
    assert py["why"] == sorted(js["why"])  # why each review is on its day, in the words of `studyplan reviews`
    assert len(py["entries"]) == len(js["entries"])
    for a, b in zip(py["entries"], js["entries"]):
        assert a == b


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PLANS).flatmap(lambda p: st.tuples(st.just(p), readers(p))))
def test_the_test_plans(node, case) -> None:
    plan, reader = case
    compare(node, plan, reader)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan_data().map(plan_from_data).flatmap(lambda p: st.tuples(st.just(p), readers(p))))
def test_random_plans(node, case) -> None:
    plan, reader = case
    compare(node, plan, reader)


# Cases found once and kept: each was a divergence or a rule worth pinning.
FIXED = [
    # A Wednesday start at 120 days with a catch-up and a day off (issue 21's reader).
    (FULL, {"start": "2027-01-06", "pace": 120, "done": {"docker-multi-stage": "2027-01-07T10:00:00.000Z"},
            "replans": [{"on": "2027-02-08", "mode": "keep-end", "days": 120}], "days_off": [{"on": "2027-02-10", "mode": "shift"}],
            "weekend_days": ["sat", "sun"], "times": ["07:00", "13:00", "19:00"], "weekend_time": "09:00"}),
    # A Sunday start, one weekend day.
    (FULL, {"start": "2027-01-10", "pace": 90, "done": {}, "replans": [], "days_off": [{"on": "2027-01-12", "mode": "keep-end"}],
            "weekend_days": ["sun"], "times": ["07:00", "13:00", "19:00"], "weekend_time": "09:00"}),
    # Milestones from a Wednesday: one reached, one unticked after an older tick in `done`, one a day late.
    (FULL, {"start": "2027-01-06", "pace": 90, "done": {"kubernetes-proficient": "2027-01-20T10:00:00.000Z"},
            "milestones": {"docker-certification-ready": "2027-01-18T10:00:00.000Z"},
            "unreached": {"kubernetes-proficient": "2027-01-21T10:00:00.000Z"}, "replans": [], "days_off": [],
            "weekend_days": ["sat", "sun"], "times": ["07:00", "13:00", "19:00"], "weekend_time": "09:00", "today": "2027-02-05"}),
]


# Ratings on a Wednesday and a Sunday start: Again, Hard, Good, Easy, two on one local day, one in another zone's night.
RATED = {"docker-multi-stage-builds": [{"time": "2027-01-07T20:00:00.000Z", "rating": 1}, {"time": "2027-01-08T06:00:00.000Z", "rating": 2},
                                       {"time": "2027-01-08T07:00:00.000Z", "rating": 4}],
         "docker-layer-optimization": [{"time": "2027-01-09T23:30:00.000Z", "rating": 3}],
         "k8s-pods": [{"time": "2027-01-20T12:00:00.000Z", "rating": 4}, {"time": "2027-02-20T12:00:00.000Z", "rating": 1}]}
for start in ("2027-01-06", "2027-01-10"):
    for zone in ("Europe/London", "Asia/Tokyo"):
        FIXED.append((FULL, {"start": start, "pace": 90, "done": {}, "replans": [], "days_off": [], "weekend_days": ["sat", "sun"],
                             "times": ["07:00", "13:00", "19:00"], "weekend_time": "09:00", "reviews": RATED, "timezone": zone}))
# The last days of a 28-day plan: the cap binds and the weakest topics come first.
FIXED.append((FULL, {"start": "2027-01-06", "pace": 28, "done": {}, "replans": [], "days_off": [], "weekend_days": ["sat", "sun"],
                     "times": ["07:00", "13:00", "19:00"], "weekend_time": "09:00", "timezone": None,
                     "reviews": {t.id: [{"time": f"2027-01-{10 + i % 15:02d}T12:00:00.000Z", "rating": 1 + i % 4}]
                                 for i, t in enumerate(FULL.topics[:20])}}))

# The bench's reader (bench/schedule.py): a 365-day schedule with 1,000 ratings over every topic.
MANY: dict[str, list[dict]] = {}
for n in range(1000):
    topic = FULL.topics[n % len(FULL.topics)]
    day = min(364, 2 + (n % len(FULL.topics)) * 3 + n // len(FULL.topics) * 11)
    when = dt.datetime(2027, 1, 6, 19, tzinfo=dt.UTC) + dt.timedelta(days=day - 1, seconds=n)
    MANY.setdefault(topic.id, []).append({"time": stamp(when), "rating": 1 + (n * 7) % 4})
FIXED.append((FULL, {"start": "2027-01-06", "pace": 365, "done": {}, "replans": [], "days_off": [], "weekend_days": ["sat", "sun"],
                     "times": ["07:00", "13:00", "19:00"], "weekend_time": "09:00", "timezone": "Europe/London", "reviews": MANY}))


@pytest.mark.parametrize("plan,reader", FIXED)
def test_fixed_cases(node, plan, reader) -> None:
    compare(node, plan, reader)


def py_progress(text: str, plan: str) -> dict:
    p = parse_progress(text, "file", plan)
    data = as_data(p)
    return {"done": data["done"], "undone": data.get("undone", {}),
            "milestones": data.get("milestones", {}), "unreached": data.get("unreached", {}),
            "notes": {i: [n["text"], n["time"]] for i, n in data.get("notes", {}).items()},
            "confidence": {i: [c["value"], c["time"]] for i, c in data.get("confidence", {}).items()},
            "replans": [[r["on"], r["mode"], r["days"]] for r in data.get("replans", [])],
            "days_off": [[d["on"], d["mode"]] for d in data.get("days_off", [])],
            "reviews": {i: [[r["time"], r["rating"]] for r in rs] for i, rs in data.get("reviews", {}).items()},
            "start_date": p.start_date and p.start_date.isoformat(), "pace": p.pace, "timezone": p.timezone}


@pytest.mark.parametrize("path", sorted((CASES / "good").glob("*.json")), ids=lambda p: p.stem)
def test_good_files_both_accept(node, path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    js = node({"op": "parse", "text": text, "plan": "small-plan"})
    assert "ok" in js, js
    assert js["ok"] == py_progress(text, "small-plan")


@pytest.mark.parametrize("path", sorted((CASES / "bad").glob("*.json")), ids=lambda p: p.stem)
def test_bad_files_both_refuse(node, path: Path) -> None:
    with pytest.raises(InputError):
        read_progress(path, "small-plan")
    js = node({"op": "parse", "bytes": base64.b64encode(path.read_bytes()).decode(), "plan": "small-plan"})
    assert "error" in js, (path.name, js)


@pytest.mark.parametrize("path", sorted((CASES / "merge").glob("*.json")), ids=lambda p: p.stem)
def test_merges_agree(node, path: Path) -> None:
    case = json.loads(path.read_text(encoding="utf-8"))
    a, b = (json.dumps(case[k]) for k in ("a", "b"))
    for x, y in ((a, b), (b, a)):
        js = node({"op": "merge", "a": x, "b": y, "plan": case["a"]["plan"]})["ok"]
        py = merge(parse_progress(x, "a", None), parse_progress(y, "b", None))
        expect = py_progress(json.dumps(as_data(py)), case["a"]["plan"])
        keys = ("done", "undone", "milestones", "unreached", "notes", "confidence", "reviews", "replans", "days_off")
        assert {k: js[k] for k in keys} == {k: expect[k] for k in keys}


TIMES = st.sampled_from(["2027-01-04T10:00:00.000Z", "2027-01-04T10:00:00Z", "2027-01-04T11:00:00+01:00", "2027-01-05T10:00:00.000Z"])


FILE_KINDS = ["done", "undone", "milestones", "unreached", "notes", "confidence", "reviews"]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a", "b"]), st.sampled_from(FILE_KINDS),
                          st.sampled_from(["x", "y", "constructor"]), TIMES, st.integers(1, 5)), max_size=12))
def test_merge_ties_agree(node, events) -> None:
    files = {s: {"format": "studyplan-progress", "version": 1, "plan": "p", "done": {}} for s in "ab"}
    pairs = {"done": "undone", "undone": "done", "milestones": "unreached", "unreached": "milestones"}
    for side, kind, item, when, value in events:
        f = files[side]
        if kind in pairs:
            other = pairs[kind]
            f.setdefault(other, {}).pop(item, None)
            f.setdefault(kind, {})[item] = when
        elif kind == "notes":
            f.setdefault("notes", {})[item] = {"text": "n" * value, "time": when}
        elif kind == "reviews":
            f.setdefault("reviews", {}).setdefault(item, []).append({"time": when, "rating": 1 + value % 4})
        else:
            f.setdefault("confidence", {})[item] = {"value": value, "time": when}
    a, b = json.dumps(files["a"]), json.dumps(files["b"])
    for x, y in ((a, b), (b, a)):
        js = node({"op": "merge", "a": x, "b": y, "plan": "p"})["ok"]
        py = py_progress(json.dumps(as_data(merge(parse_progress(x, "a", "p"), parse_progress(y, "b", "p")))), "p")
        keys = ("done", "undone", "milestones", "unreached", "notes", "confidence", "reviews")
        assert {k: js[k] for k in keys} == {k: py[k] for k in keys}


def test_uids_are_the_calendar_writers() -> None:
    assert uid("p", 3, "weekend") == "p-d003-weekend@studyplan"


@st.composite
def rating_logs(draw):
    """A topic's ratings as (day, rating), days in order, gaps of 1-90 days (one rating a day, as the rule keeps them)."""
    day, log = draw(st.integers(-5, 30)), []
    for gap, rating in draw(st.lists(st.tuples(st.sampled_from([1, 1, 2, 3, 5, 8, 13, 30, 90]), st.integers(1, 4)), min_size=1, max_size=15)):
        log.append((day, rating))
        day += gap
    return log


def near_half(stability: float) -> bool:
    return abs(stability % 1 - 0.5) < 1e-4


@settings(max_examples=300, deadline=None)
@given(st.lists(rating_logs(), min_size=1, max_size=20))
def test_fsrs_libraries_agree(node, logs) -> None:
    """py-fsrs and ts-fsrs (the vendored file rules.js loads) on the same rating logs: the same due day after
    every rating, stability and recall equal to 1e-6. ts-fsrs rounds its numbers to 8 decimals at each step
    and py-fsrs does not, so a stability within 1e-4 of a half day may round to the other whole day: the
    only difference allowed, and documented (reviews.py)."""
    js = node({"op": "fsrs", "logs": logs})["ok"]
    for log, answers in zip(logs, js):
        for i, (due, stability, later) in enumerate(answers):
            card = replay(log[:i + 1])
            assert abs(card.stability - stability) <= 1e-6 * max(1.0, stability)
            assert abs(recall(card, last_day(card) + 5) - later) <= 1e-6
            assert last_day(card) + interval(card.stability) == due or near_half(card.stability), (log[:i + 1], card.stability, stability)


def test_fsrs_parameters_are_pinned() -> None:
    """The same parameters both sides: py-fsrs's defaults, retention 0.9, no fuzz, no learning steps."""
    assert SCHEDULER.desired_retention == 0.9 and not SCHEDULER.enable_fuzzing
    assert SCHEDULER.learning_steps == () and SCHEDULER.relearning_steps == ()
    js = subprocess.run(["node", "-e", "const F = require('./docs/assets/vendor/ts-fsrs/ts-fsrs.min.js');"
                         "process.stdout.write(JSON.stringify(F.default_w))"], cwd=ROOT, capture_output=True, text=True, check=True)
    assert tuple(json.loads(js.stdout)) == SCHEDULER.parameters
