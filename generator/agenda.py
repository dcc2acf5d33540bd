"""The day-by-day agenda of a pace: what to do in every block of every day.

One pure function of (plan, pace, the weekday of day 1). Without a start date
day 1 is a Monday, as the plan's hours are counted. The rules (property tests
in tests/test_agenda.py):

* Theory blocks: a week's topics spread over its weekdays in order (a topic
  may span several days; several topics share a day when there are more
  topics than weekdays), each with its reading goal. A week without topics
  reads its activities.
* Hands-on blocks: the tasks due that day, else the next task due in the week
  (its step for this day when the task has steps), else, after the week's last
  task, that task again to finish and check it. Never "no task".
* Practice blocks: the questions of the day's topics, then spaced reviews:
  topics first read 1, 3, 7 and 21 days earlier, one question each, a new one
  at each review (a review that falls on a weekend moves to the next
  weekday), and in phases marked `practice_problem`, the week's system design
  problem.
* Saturday: the tasks due that day, then the weekend's Saturday focus items
  (the week's project milestone and system design problem where the plan
  marks them). Sunday: the tasks due that day, the Sunday items, then the
  week's topics with their questions and the week's tasks to finish.
* Which kind of item a block takes is its `kind` in the YAML (theory,
  hands-on, practice). A day's blocks of the same kind share its items.

`entry(day, slot)` answers for any day and slot, so the start-date-free
calendar timeline can place a block on a day that is a weekend at a Monday
start (it then holds the week's catch-up: its topics, task and questions).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from . import model
from .pace import Pace, split
from .text import TextTable

REVIEW_GAPS = (1, 3, 7, 21)
WEEKEND_SLOTS = ("saturday", "sunday")


@dataclass(frozen=True)
class Entry:
    """What to do in one slot of one day."""

    day: int
    slot: str  # a block id, "saturday" or "sunday"
    summary: str
    items: tuple[str, ...]
    topics: tuple[str, ...] = ()  # topic ids read or practised here
    tasks: tuple[str, ...] = ()  # task ids worked on here
    reviews: tuple[str, ...] = ()  # topic ids reviewed here

    def as_data(self) -> dict:
        return {"day": self.day, "slot": self.slot, "summary": self.summary, "items": list(self.items),
                "topics": list(self.topics), "tasks": list(self.tasks), "reviews": list(self.reviews)}


class Agenda:
    """The agenda of `pace` when day 1 falls on `first_weekday` (0 = Monday)."""

    def __init__(self, pace: Pace, first_weekday: int = 0) -> None:
        self.pace = pace
        self.plan = pace.plan
        self.first_weekday = first_weekday
        self.topics = {t.id: t for t in self.plan.topics}
        self._entries: dict[tuple[int, str], Entry] = {}
        self._week_of_day = {d: pace.week_of_day(d) for d in range(1, pace.days + 1)}

    # -- the calendar -------------------------------------------------------
    def weekday(self, day: int) -> int:
        return (self.first_weekday + day - 1) % 7

    def is_weekend(self, day: int) -> bool:
        return self.weekday(day) >= 5

    def next_weekday(self, day: int) -> int:
        while self.is_weekend(day):
            day += 1
        return day

    # -- what each day reads ------------------------------------------------
    @functools.cached_property
    def reading(self) -> dict[int, tuple[model.Topic, ...]]:
        """Plan day -> the topics read in that day's theory block."""
        result: dict[int, tuple[model.Topic, ...]] = {}
        for week in self.plan.weeks:
            span = self.pace.week(week)
            days = [d for d in range(span.start, span.end + 1) if not self.is_weekend(d)]
            topics = week.topics
            if not topics or not days:
                continue
            if len(topics) >= len(days):
                for day, (a, b) in zip(days, split(0, len(topics), len(days))):
                    result[day] = topics[a:b + 1]
            else:
                for topic, (a, b) in zip(topics, split(0, len(days), len(topics))):
                    for i in range(a, b + 1):
                        result[days[i]] = (topic,)
        return result

    @functools.cached_property
    def first_read(self) -> dict[str, int]:
        """Topic id -> the day its reading starts (weeks with no weekday read
        their topics on their first day, in the weekend's review)."""
        first: dict[str, int] = {}
        for day in sorted(self.reading):
            for topic in self.reading[day]:
                first.setdefault(topic.id, day)
        for week in self.plan.weeks:
            for topic in week.topics:
                first.setdefault(topic.id, self.pace.week(week).start)
        return first

    @functools.cached_property
    def reviews(self) -> dict[int, tuple[model.Topic, ...]]:
        """Plan day -> topics reviewed in its practice block."""
        result: dict[int, list[model.Topic]] = {}
        for topic_id, day in self.first_read.items():
            if self.is_weekend(day) and day not in self.reading:
                continue  # read in a weekend review, not a theory block
            for gap in REVIEW_GAPS:
                when = self.next_weekday(day + gap)
                if when <= self.pace.days and self.topics[topic_id] not in result.get(when, []):
                    result.setdefault(when, []).append(self.topics[topic_id])
        return {d: tuple(ts) for d, ts in result.items()}

    def review_question(self, topic: model.Topic, day: int) -> str:
        """The question a review asks: the first review the first question,
        the next review the next one, so each recall is a new one."""
        first = self.first_read[topic.id]
        n = next((i for i, gap in enumerate(REVIEW_GAPS) if self.next_weekday(first + gap) == day), 0)
        return topic.questions[n % len(topic.questions)]

    # -- entries ------------------------------------------------------------
    def entries(self) -> list[Entry]:
        """One entry per block on every weekday and one per weekend day, in order."""
        result = []
        for day in range(1, self.pace.days + 1):
            if self.is_weekend(day):
                result.append(self.entry(day, WEEKEND_SLOTS[self.weekday(day) - 5]))
            else:
                result.extend(self.entry(day, b.id) for b in self.plan.schedule.blocks)
        return result

    def entry(self, day: int, slot: str) -> Entry:
        """What to do in `slot` on `day` (computed once per agenda)."""
        key = (day, slot)
        if key not in self._entries:
            self._entries[key] = self._entry(day, slot)
        return self._entries[key]

    def _entry(self, day: int, slot: str) -> Entry:
        week = self._week_of_day[day]
        if slot in WEEKEND_SLOTS:
            return self._weekend(day, week, slot)
        block = next(b for b in self.plan.schedule.blocks if b.id == slot)
        if self.is_weekend(day):  # only in the start-free timeline: the week's catch-up
            return self._catch_up(day, week, block)
        make = {"theory": self._theory, "hands-on": self._hands_on, "practice": self._practice}[block.kind]
        return make(day, week, block)

    def _prefix(self, day: int, block: model.Block) -> str:
        return f"Day {day} · {block.label}: "

    def _theory(self, day: int, week: model.Week, block: model.Block) -> Entry:
        topics = self.reading.get(day, ())
        if not topics:
            return Entry(day, block.id, f"{self._prefix(day, block)}{week.activities} ({week.title})",
                         (f"Read about: {week.activities}",))
        titles = ", ".join(t.title for t in topics)
        again = [t for t in topics if self.first_read[t.id] < day]
        items = tuple(f"{'Continue' if t in again else 'Read'}: {t.title}. Goal: {t.goal}" for t in topics)
        items += tuple(f"Docs: {link}" for t in topics for link in t.links)
        return Entry(day, block.id, f"{self._prefix(day, block)}{titles} ({week.title})", items,
                     topics=tuple(t.id for t in topics))

    def task_of(self, day: int, week: model.Week) -> tuple[model.Task, str | None]:
        """The task worked on `day` and the step for the day, if any."""
        days = [(t, self.pace.day_of(t)) for t in week.tasks]
        task, due = next(((t, d) for t, d in days if d >= day), days[-1])
        if due < day:  # after the week's last task: finish and check it
            return task, None
        i = days.index((task, due))
        since = days[i - 1][1] + 1 if i else self.pace.week(week).start
        work = [d for d in range(since, due + 1) if not self.is_weekend(d)] or [due]
        if not task.steps:
            return task, None
        pos = work.index(day) if day in work else len(work) - 1
        return task, task.steps[min(len(task.steps) - 1, pos * len(task.steps) // len(work))]

    def _hands_on(self, day: int, week: model.Week, block: model.Block) -> Entry:
        current, step = self.task_of(day, week)
        due_today = [t for t in week.tasks if self.pace.day_of(t) == day]
        work = [(t, step if t == current else None) for t in due_today] or [(current, step)]
        items: list[str] = []
        for task, step in work:
            due = self.pace.day_of(task)
            when = "due today" if due == day else f"due day {due}" if due > day else "finish and check it"
            items.append(f"{task.text} ({when})")
            if step:
                items.append(f"Today's step: {step}")
        title = work[0][0].text + (f" (+{len(work) - 1} more)" if len(work) > 1 else "")
        return Entry(day, block.id, f"{self._prefix(day, block)}{title}", tuple(items), tasks=tuple(t.id for t, _ in work))

    def _practice(self, day: int, week: model.Week, block: model.Block) -> Entry:
        topics = self.reading.get(day, ())
        reviews = tuple(t for t in self.reviews.get(day, ()) if t not in topics)
        items = [f"Answer: {q}" for t in topics for q in t.questions]
        items += [f"Review {t.title}: {self.review_question(t, day)}" for t in reviews]
        phase = self.plan.phase_of(week)
        if phase.practice_problem:
            problem = self.plan.problem_for(week)
            items.insert(0, f"System design: {problem.level}: {problem.title}")
        if not items:
            items = [f"Answer: {q}" for t in week.topics for q in t.questions[:1]] or [f"Practise: {week.activities}"]
        what = (", ".join(t.title for t in topics) + " questions") if topics else week.title
        if reviews:
            what += f" + review of {', '.join(t.title for t in reviews)}"
        return Entry(day, block.id, f"{self._prefix(day, block)}{what}", tuple(items),
                     topics=tuple(t.id for t in topics), reviews=tuple(t.id for t in reviews))

    def _catch_up(self, day: int, week: model.Week, block: model.Block) -> Entry:
        task, _ = self.task_of(day, week)
        if block.kind == "theory":
            items = tuple(f"Read: {t.title}. Goal: {t.goal}" for t in week.topics) or (f"Read about: {week.activities}",)
            return Entry(day, block.id, f"{self._prefix(day, block)}catch up on {week.title}", items,
                         topics=tuple(t.id for t in week.topics))
        if block.kind == "hands-on":
            return Entry(day, block.id, f"{self._prefix(day, block)}{task.text}", (task.text,), tasks=(task.id,))
        items = tuple(f"Answer: {q}" for t in week.topics for q in t.questions) or (f"Practise: {week.activities}",)
        return Entry(day, block.id, f"{self._prefix(day, block)}{week.title} questions", items)

    def _weekend(self, day: int, week: model.Week, slot: str) -> Entry:
        which = "sat" if slot == "saturday" else "sun"
        due = self.pace.tasks_on(day)
        items = [f"Due today: {t.text}" for t in due] + list(focus_items(self.plan, week, which))
        topics: tuple[str, ...] = ()
        tasks: tuple[str, ...] = tuple(t.id for t in due)
        if which == "sun":
            items += [f"Review {t.title}: {q}" for t in week.topics for q in t.questions]
            items += [f"Finish if open: {t.text}" for t in week.tasks]
            topics = tuple(t.id for t in week.topics)
            tasks = tuple(dict.fromkeys(tasks + tuple(t.id for t in week.tasks)))
        pm = week.project_milestone
        if which == "sat" and pm:
            head = pm.text
        elif which == "sat":
            head = f"{self.plan.problem_for(week).level}: {self.plan.problem_for(week).title}"
        else:
            head = f"review {week.title}"
        if not items:
            items = [f"Review: {week.title}"]
        label = "Saturday" if which == "sat" else "Sunday"
        return Entry(day, slot, f"Day {day} · {label}: {head}", tuple(items), topics=topics, tasks=tasks)


def focus_items(plan: model.Plan, week: model.Week, variant: str = "single") -> list[str]:
    """The weekend focus items of `week` for a session ("sat", "sun" or
    "single" for all), with the week's system design problem and project
    milestone filled in where the plan marks the item for them. An item marked
    for the project is left out in weeks without a project milestone."""
    lines = []
    for item in plan.schedule.weekend.focus:
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


def agenda(pace: Pace, first_weekday: int = 0) -> list[Entry]:
    """Every entry of the pace's agenda (day 1 on `first_weekday`, 0 = Monday)."""
    return Agenda(pace, first_weekday).entries()


def agenda_data(agendas: dict[int, Agenda]) -> dict:
    """The agenda of every pace as compact JSON-ready data for the browser
    (assets/agenda.js): each entry is [day, slot, summary, item lines, topic
    ids, task ids, review topic ids], texts stored once in `lines`; the last
    items of a practice entry are its reviews, in the order of their ids
    (Today puts the topics of weeks rated with low confidence first)."""
    intern = TextTable()
    paces = {str(n): [[e.day, e.slot, intern(e.summary), [intern(i) for i in e.items], list(e.topics), list(e.tasks),
                       list(e.reviews)] for e in a.entries()] for n, a in agendas.items()}
    plan = next(iter(agendas.values())).plan if agendas else None
    topic_weeks = {t.id: w.id for w in plan.weeks for t in w.topics} if plan else {}
    return {"first_weekday": 0, "lines": intern.lines, "paces": paces, "topic_weeks": topic_weeks}
