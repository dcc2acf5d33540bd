"""The agenda of a reader's schedule: what to do in every slot of every day, as data.

One pure function of (schedule, week layout): `Agenda(schedule, layout).entries()`.
The layout says what each plan day is (`Layout.kind`): a study day with the
plan's blocks (Monday to Friday), a weekend session day ("sat" or "sun"
items; "single" when the reader studies on one weekend day only, which then
holds all of them), a free weekend day, or a day off. Without a start date
day 1 is a Monday. Entries hold ids and numbers only; their words are made by
the writers (`words.py`), never read back.

The rules (property tests in tests/test_agenda.py; the browser's copy in
docs/assets/rules.js is held equal by tests/test_differential.py):

* A day is planned by the segment of the schedule it falls in (the pace, or
  the pace after the last catch-up or day off on or before it), so a change
  never alters an earlier day.
* Theory: a week's topics not yet started before the segment begins are
  spread over the week's study days from then on, in order (a topic may span
  several days, several topics share a day when there are more topics than
  days). A day with none reads the week's activities.
* Hands-on: the tasks due that day (any week's, after a catch-up), else the
  next task due after it in the day's week (its step for the day when it has
  steps), else the week's last task, to finish and check it, else the next
  task due anywhere. A week without tasks (a reading week) tries out the
  day's topics (or the week's, or its activities) instead. Never nothing.
* Practice: the system design problem of the week in phases marked
  `practice_problem`, the questions of the day's topics, then spaced reviews:
  each topic on the first study day on or after 1, 3, 7 and 21 days after it
  was first read, one question each, a new one at each review; a topic the
  reader rated follows FSRS after its last rating instead, and a day holds at
  most `schedule.reviews_per_block` reviews, the rest moving to the next study
  day (the rules: reviews.py). A day with none of these answers one question
  of each of the week's topics.
* Weekend session: the tasks due that day, the week's focus items of that
  day (a "single" session takes all), then on Sunday (and a single session)
  the week's topics' questions and its tasks to finish. A week's project
  milestone goes to the first session on or after the day of the week's last
  task (and the week's start) on the day of the plan's project item (or a
  single weekend session), else to the first session of any day, else (no
  session left) to the last block of the next study day, so it never comes
  before the tasks it builds on; a week without such a day carries it on.
* Which kind of item a block takes is its `kind` (theory, hands-on,
  practice); blocks of the same kind on a day share its items.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from . import model
from .pace import Pace, split
from .replan import Schedule, plain
from .reviews import Due, fsrs_due, place

REVIEW_GAPS = (1, 3, 7, 21)
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
def is_session(kind: str) -> bool:
    """Whether a day kind is a weekend session (a day's name or 'single')."""
    return kind not in ("study", "free", "off", "")


@dataclass(frozen=True)
class Layout:
    """What each plan day of a schedule is: 'study' (the plan's blocks), a
    weekend session (the day's name, 'mon'..'sun', or 'single' when the reader
    studies one weekend day only), 'free' or 'off'."""

    first_weekday: int = 0  # weekday of plan day 1, 0 = Monday
    weekend_days: tuple[str, ...] | None = None  # the weekend days the reader studies (None: all the plan's)
    off: frozenset[int] = frozenset()
    plan_days: tuple[str, ...] = ("sat", "sun")  # the plan's weekend days (`schedule.weekend.days`)
    sessions: bool = True  # whether the plan has weekend sessions at all

    def weekday(self, day: int) -> int:
        return (self.first_weekday + day - 1) % 7

    @property
    def studied(self) -> tuple[str, ...]:
        """The weekend days with a session, in week order."""
        if not self.sessions:
            return ()
        chosen = self.plan_days if self.weekend_days is None else self.weekend_days
        return tuple(d for d in WEEKDAYS if d in self.plan_days and d in chosen)

    def kind(self, day: int, off: frozenset[int] | None = None) -> str:
        """The day's kind, with the days off `off` (default: the layout's)."""
        if day in (self.off if off is None else off):
            return "off"
        name = WEEKDAYS[self.weekday(day)]
        if name not in self.plan_days:
            return "study"
        studied = self.studied
        if name not in studied:
            return "free"
        return name if len(studied) > 1 else "single"

    def session_of(self, day: str) -> str | None:
        """The session that holds the items of the plan's weekend day `day`:
        its own, else the next day studied (in week order, round the week)."""
        studied = self.studied
        if not studied:
            return None
        if len(studied) == 1:
            return "single"
        if day in studied:
            return day
        i = WEEKDAYS.index(day)
        return next(d for k in range(1, 8) if (d := WEEKDAYS[(i + k) % 7]) in studied)

    def review_session(self) -> str | None:
        """The session that reviews the week: the one holding the plan's last weekend day."""
        return self.session_of(self.plan_days[-1]) if self.plan_days else None


@dataclass(frozen=True)
class Work:
    """A task worked on in a slot: its id, its day, the index of today's step."""

    task: str
    due: int
    step: int | None = None

    def as_data(self) -> dict:
        return {"id": self.task, "due": self.due, "step": self.step}


@dataclass(frozen=True)
class Entry:
    """What to do in one slot of one day. Ids and numbers only."""

    day: int
    slot: str  # a block id, or "weekend"
    kind: str  # theory, hands-on, practice, or the session: sat, sun, single
    week: str  # the week the day belongs to (in its segment)
    span: tuple[int, int]  # that week's days in the segment
    of: int  # the segment's length in days
    minutes: int
    topics: tuple[tuple[str, bool], ...] = ()  # (topic id, continued from an earlier day)
    tasks: tuple[Work, ...] = ()
    questions: tuple[tuple[str, int], ...] = ()  # (topic id, question index)
    reviews: tuple[tuple[str, int], ...] = ()  # (topic id, question index)
    problem: str | None = None  # system design problem id
    projects: tuple[str, ...] = ()  # weeks whose project milestone is due here
    focus: tuple[str, ...] = ()  # weekend focus item ids
    finish: tuple[str, ...] = ()  # task ids to finish if open
    fallback: bool = False  # nothing of the above: the week's activities (theory, practice) or its review (weekend)

    def as_data(self) -> dict:
        return {"day": self.day, "slot": self.slot, "kind": self.kind, "week": self.week, "minutes": self.minutes,
                "topics": [{"id": t, "continued": c} for t, c in self.topics],
                "tasks": [w.as_data() for w in self.tasks],
                "questions": [{"topic": t, "index": i} for t, i in self.questions],
                "reviews": [{"topic": t, "index": i} for t, i in self.reviews],
                "problem": self.problem, "projects": list(self.projects), "focus": list(self.focus),
                "finish": list(self.finish), "fallback": self.fallback}


@dataclass
class _Reading:
    """What was read so far, day by day (filled segment by segment)."""

    by_day: dict[int, tuple[str, ...]] = field(default_factory=dict)
    first: dict[str, int] = field(default_factory=dict)


class Agenda:
    """The agenda of `schedule` laid out by `layout`."""

    def __init__(self, schedule: Schedule | Pace, layout: Layout | None = None) -> None:
        self.schedule = schedule if isinstance(schedule, Schedule) else plain(schedule)
        self.plan = self.schedule.plan
        given = layout or Layout(off=self.schedule.off)
        self.layout = replace(given, plan_days=self.plan.schedule.weekend_days,
                              sessions=self.plan.schedule.weekend is not None)
        self.days = self.schedule.days
        self.topics = {t.id: t for t in self.plan.topics}
        self.tasks = {t.id: t for t in self.plan.tasks}
        segs = self.schedule.segments
        # Each segment sees the days off as they were when it began, so a later day off never changes it.
        # A segment plans no day after its own end (a catch-up after the plan had ended leaves a gap).
        self.segs = [(s.start, min((segs[i + 1].start - 1) if i + 1 < len(segs) else self.days, s.pace.days), s.pace,
                      [""] + [self.layout.kind(d, s.off) for d in range(1, self.days + 1)]) for i, s in enumerate(segs)]
        # A day no segment plans (after the plan had ended, before a catch-up) is free.
        self.kinds = [""] + [next((k[d] if d <= end else "free") for start, end, _, k in reversed(self.segs) if start <= d)
                             for d in range(1, self.days + 1)]
        self._plan_segments()

    # -- the calendar ---------------------------------------------------------
    def next_study(self, day: int, kinds: list[str] | None = None) -> int | None:
        kinds = kinds or self.kinds
        while day <= self.days:
            if kinds[day] == "study":
                return day
            day += 1
        return None

    # -- reading and reviews, segment by segment ----------------------------------
    def _plan_segments(self) -> None:
        reading = _Reading()
        ratings = {t: r for t, r in self.schedule.ratings.items() if t in self.topics}
        due: dict[int, list[Due]] = {}
        kept: dict[str, int] = {}  # rated topic -> its fixed reviews kept (up to its last rating)
        for start, end, pace, kinds in self.segs:
            for week in self.plan.weeks:
                span = pace.week(week)
                days = [d for d in range(max(span.start, start), min(span.end, self.days, pace.days) + 1) if kinds[d] == "study"]
                topics = [t for t in week.topics if t.id not in reading.first]
                if not topics or not days:
                    continue
                if len(topics) >= len(days):
                    for day, (a, b) in zip(days, split(0, len(topics), len(days))):
                        if day <= end:
                            reading.by_day[day] = tuple(t.id for t in topics[a:b + 1])
                else:
                    for topic, (a, b) in zip(topics, split(0, len(days), len(topics))):
                        for i in range(a, b + 1):
                            if days[i] <= end:
                                reading.by_day[days[i]] = (topic.id,)
            for day in range(start, end + 1):
                for topic in reading.by_day.get(day, ()):
                    reading.first.setdefault(topic, day)
            for topic in self.plan.topics:
                first = reading.first.get(topic.id)
                if first is None:
                    continue
                count, seen = 0, set()
                for gap in REVIEW_GAPS:  # on the days as they are now: a review never falls in a gap
                    when = self.next_study(first + gap)
                    if when is None or when in seen:
                        continue
                    seen.add(when)
                    rated = ratings.get(topic.id)
                    if rated and when > rated[-1][0]:
                        break  # FSRS from its last rating on
                    if start <= when <= end:
                        due.setdefault(when, []).append(Due(topic.id, count % len(topic.questions), when, first=first, gap=gap))
                    count += 1
                if topic.id in ratings:
                    kept[topic.id] = count
        for topic_id, rated in ratings.items():
            for q in fsrs_due(topic_id, rated, self.days, kept.get(topic_id, 0), len(self.topics[topic_id].questions),
                              self.next_study):
                due.setdefault(q.due, []).append(q)
        order = {t.id: i for i, t in enumerate(self.plan.topics)}
        self.reading = reading.by_day
        self.first_read = reading.first
        self.due = due
        self.placed = place(due, self.kinds, self.days, self.plan.schedule.reviews_per_block, reading.by_day, order)
        self.reviews = {d: [(q.topic, q.index) for q in qs] for d, qs in self.placed.items()}

    # -- entries --------------------------------------------------------------
    def entries(self) -> list[Entry]:
        """Every entry, in order of day and slot: one per block on a study day,
        one per weekend session day, none on a free day or a day off."""
        result: list[Entry] = []
        for start, end, pace, kinds in self.segs:
            projects = self._project_days(pace, start, kinds)
            for day in range(start, end + 1):
                kind = kinds[day]
                if kind == "study":
                    blocks = [self._block(day, pace, b, kinds) for b in self.plan.schedule.blocks]
                    if day in projects:
                        blocks[-1] = replace(blocks[-1], projects=projects[day])
                    result.extend(blocks)
                elif is_session(kind):
                    result.append(self._session(day, pace, kind, projects.get(day, ())))
        return result

    def _base(self, day: int, pace: Pace, slot: str, kind: str, minutes: int) -> dict:
        week = pace.week_of_day(day)
        span = pace.week(week)
        return {"day": day, "slot": slot, "kind": kind, "week": week.id, "span": (span.start, span.end),
                "of": pace.days, "minutes": minutes}

    def _block(self, day: int, pace: Pace, block: model.Block, kinds: list[str]) -> Entry:
        base = self._base(day, pace, block.id, block.kind, pace.minutes(block))
        week = pace.week_of_day(day)
        if block.kind == "theory":
            topics = self.reading.get(day, ())
            return Entry(**base, topics=tuple((t, self.first_read[t] < day) for t in topics), fallback=not topics)
        if block.kind == "hands-on":
            if not week.tasks and all(d != day for d in pace.task_days.values()):  # a reading week: try out its topics
                topics = self.reading.get(day) or tuple(t.id for t in week.topics)
                return Entry(**base, topics=tuple((t, False) for t in topics), fallback=True)
            return Entry(**base, tasks=self._work(day, pace, week, kinds))
        topics = self.reading.get(day, ())
        questions = tuple((t, i) for t in topics for i in range(len(self.topics[t].questions)))
        reviews = tuple((t, i) for t, i in self.reviews.get(day, ()) if t not in topics)
        problem = self.plan.problem_for(week).id if self.plan.phase_of(week).practice_problem else None
        if not questions and not reviews and problem is None:
            questions = tuple((t.id, 0) for t in week.topics)
            return Entry(**base, questions=questions, fallback=not questions)
        return Entry(**base, topics=tuple((t, self.first_read[t] < day) for t in topics), questions=questions,
                     reviews=reviews, problem=problem)

    def _step(self, task: model.Task, due: int, day: int, pace: Pace, kinds: list[str]) -> int | None:
        """Today's step of `task` (due on `due`): its steps spread over the study
        days from the day after the previous task's (in its week, else the
        week's start) to its own."""
        if not task.steps or day > due:
            return None
        week = next((w for w in self.plan.weeks if due in pace.week(w)), None)  # none: a done task kept past a shortened end
        before = [d for d in pace.task_days.values() if d < due]
        since = max(pace.week(week).start if week else 1, max(before) + 1 if before else 1)
        work = [d for d in range(since, min(due, self.days) + 1) if kinds[d] == "study"] or [due]
        pos = work.index(day) if day in work else len(work) - 1
        return min(len(task.steps) - 1, pos * len(task.steps) // len(work))

    def _work(self, day: int, pace: Pace, week: model.Week, kinds: list[str]) -> tuple[Work, ...]:
        days = pace.task_days
        due = [t for t in self.plan.tasks if days[t.id] == day]
        if due:
            return tuple(Work(t.id, day, self._step(t, day, day, pace, kinds)) for t in due)
        span = pace.week(week)
        ahead = [t for t in self.plan.tasks if day < days[t.id] <= span.end]
        if ahead:
            task = min(ahead, key=lambda t: days[t.id])
            return (Work(task.id, days[task.id], self._step(task, days[task.id], day, pace, kinds)),)
        behind = [t for t in self.plan.tasks if span.start <= days[t.id] < day]
        if behind:
            task = max(behind, key=lambda t: days[t.id])
            return (Work(task.id, days[task.id]),)
        later = [t for t in self.plan.tasks if days[t.id] > day]
        task = min(later, key=lambda t: days[t.id]) if later else max(self.plan.tasks, key=lambda t: days[t.id])
        return (Work(task.id, days[task.id], self._step(task, days[task.id], day, pace, kinds)),)

    def _project_days(self, pace: Pace, start: int, kinds: list[str]) -> dict[int, tuple[str, ...]]:
        """Session day -> the weeks whose project milestone it holds (from `start` on)."""
        item = next((f for f in self.plan.schedule.focus if f.project), None)
        result: dict[int, list[str]] = {}
        if item is None:
            return {}
        for week in self.plan.weeks:
            if week.project_milestone is None:
                continue
            after = max([pace.week(week).start] + [pace.task_days[t.id] for t in week.tasks])
            last = min(self.days, pace.days)  # this segment's own days: a later change plans the rest
            own = self.layout.session_of(item.day)
            fits = [d for d in range(after, last + 1) if kinds[d] == own]
            fits = fits or [d for d in range(after, last + 1) if is_session(kinds[d])]
            fits = fits or [d for d in range(after, last + 1) if kinds[d] == "study"]  # no session left: the last block
            if fits and fits[0] >= start:
                result.setdefault(fits[0], []).append(week.id)
        return {d: tuple(ws) for d, ws in result.items()}

    def _session(self, day: int, pace: Pace, kind: str, projects: tuple[str, ...]) -> Entry:
        studied = self.layout.studied
        minutes = pace.weekend_minutes if kind == "single" else pace.weekend_sessions(len(studied))[studied.index(kind)]
        base = self._base(day, pace, "weekend", kind, minutes)
        week = pace.week_of_day(day)
        due = tuple(Work(t.id, day) for t in self.plan.tasks if pace.task_days[t.id] == day)
        focus = []
        for item in self.plan.schedule.focus:
            if item.project and not projects:
                continue
            if self.layout.session_of(item.day) != kind and not item.project:  # a carried project milestone comes along
                continue
            focus.append(item.id)
        problem = self.plan.problem_for(week).id if any(
            f.problem for f in self.plan.schedule.focus if f.id in focus) else None
        questions: tuple[tuple[str, int], ...] = ()
        finish: tuple[str, ...] = ()
        if kind == self.layout.review_session():
            questions = tuple((t.id, i) for t in week.topics for i in range(len(t.questions)))
            finish = tuple(t.id for t in week.tasks)
        empty = not (due or focus or questions or finish)
        return Entry(**base, tasks=due, focus=tuple(focus), problem=problem, projects=projects,
                     questions=questions, finish=finish, fallback=empty)


def focus_items(plan: model.Plan, week: model.Week, variant: str = "single") -> list[str]:
    """The weekend focus items of `week` for a session ("sat", "sun" or
    "single" for all) as lines, with the week's system design problem and
    project milestone filled in where the plan marks the item for them. An
    item marked for the project is left out in weeks without a project milestone."""
    lines = []
    for item in plan.schedule.focus:
        if variant != "single" and item.day != variant:
            continue
        line = item.text
        if item.project:
            if week.project_milestone is None:
                continue
            line += f": {week.project_milestone.text}"
        if item.problem:
            problem = plan.problem_for(week)
            line += f": {problem.level}: {problem.title}"
        lines.append(line)
    return lines
