"""The words of an agenda entry: its summary, its item lines and its calendar
description, made from the entry's ids and numbers (`agenda.Entry`) and the
plan's own texts. The only place agenda text is made; nothing reads it back.
The browser writes the same words (docs/assets/rules.js, `words`), held equal
by tests/test_differential.py.
"""

from __future__ import annotations

from . import model
from .agenda import Entry
from .text import DAY_NAMES, url_ascii

SESSION_NAMES = {**DAY_NAMES, "single": "Weekend"}
SESSION_TEXT = {**{k: f"{v} session" for k, v in DAY_NAMES.items()}, "single": "weekend session"}


def span_text(span: tuple[int, int]) -> str:
    return f"day {span[0]}" if span[0] == span[1] else f"days {span[0]}-{span[1]}"


class Words:
    """The plan's texts, looked up by id."""

    def __init__(self, plan: model.Plan) -> None:
        self.plan = plan
        self.weeks = {w.id: w for w in plan.weeks}
        self.topics = {t.id: t for t in plan.topics}
        self.tasks = {t.id: t for t in plan.tasks}
        self.blocks = {b.id: b for b in plan.schedule.blocks}
        self.focus = {f.id: f for f in plan.schedule.focus}
        self.problems = {p.id: p for p in plan.system_design.problems} if plan.system_design else {}

    def label(self, e: Entry) -> str:
        """What the slot is about, without its day ('Pods, Services (Kubernetes)')."""
        week = self.weeks[e.week]
        if e.kind == "theory":
            if e.fallback:
                return f"{week.activities} ({week.title})"
            return f"{', '.join(self.topics[t].title for t, _ in e.topics)} ({week.title})"
        if e.kind == "hands-on" and not e.tasks:  # a reading week
            what = ", ".join(self.topics[t].title for t, _ in e.topics) if e.topics else week.activities
            return f"{what} ({week.title})"
        if e.kind == "hands-on":
            first = self.tasks[e.tasks[0].task].text
            return first + (f" (+{len(e.tasks) - 1} more)" if len(e.tasks) > 1 else "")
        if e.kind == "practice":
            read = [t for t, _ in e.topics]
            what = (", ".join(self.topics[t].title for t in read) + " questions") if read else week.title
            if e.reviews:
                what += f" + review of {', '.join(self.topics[t].title for t, _ in e.reviews)}"
            return what
        if e.projects:
            return self.weeks[e.projects[0]].project_milestone.text
        if e.problem:
            p = self.problems[e.problem]
            return f"{p.level}: {p.title}"
        return f"review {week.title}"

    def summary(self, e: Entry) -> str:
        """The calendar title: 'Day 3 · Theory: Pods (Kubernetes)'."""
        name = self.blocks[e.slot].label if e.slot in self.blocks else SESSION_NAMES[e.kind]
        return f"Day {e.day} · {name}: {self.label(e)}"

    def items(self, e: Entry) -> list[str]:
        """What to do, one line each."""
        week = self.weeks[e.week]
        if e.kind in ("theory", "hands-on", "practice"):
            return self._block_items(e, week) + self._projects(e)
        return self._session_items(e, week)

    def _projects(self, e: Entry) -> list[str]:
        """A block that holds a project milestone (no weekend session left): the project item's line."""
        item = next((f for f in self.plan.schedule.focus if f.project), None)
        if not e.projects or item is None:
            return []
        return [f"{item.text}: " + "; ".join(self.weeks[w].project_milestone.text for w in e.projects)]

    def _block_items(self, e: Entry, week: model.Week) -> list[str]:
        lines: list[str] = []
        if e.kind == "theory":
            if e.fallback:
                return [f"Read about: {week.activities}"]
            for t, again in e.topics:
                topic = self.topics[t]
                lines.append(f"{'Continue' if again else 'Read'}: {topic.title}. Goal: {topic.goal}")
            lines += [f"Docs: {url_ascii(link) or link}" for t, _ in e.topics for link in self.topics[t].links]
            return lines
        if e.kind == "hands-on" and not e.tasks:  # a reading week
            return [f"Try out: {self.topics[t].title}. Goal: {self.topics[t].goal}" for t, _ in e.topics] or \
                [f"Practise: {week.activities}"]
        if e.kind == "hands-on":
            for w in e.tasks:
                task = self.tasks[w.task]
                when = "due today" if w.due == e.day else f"due day {w.due}" if w.due > e.day else "finish and check it"
                lines.append(f"{task.text} ({when})")
                if w.step is not None:
                    lines.append(f"Today's step: {task.steps[w.step]}")
            return lines
        if e.kind == "practice":
            if e.problem:
                p = self.problems[e.problem]
                lines.append(f"Practice problem: {p.level}: {p.title}")
            lines += [f"Answer: {self.topics[t].questions[i]}" for t, i in e.questions]
            lines += [f"Review {self.topics[t].title}: {self.topics[t].questions[i]}" for t, i in e.reviews]
        return lines or [f"Practise: {week.activities}"]

    def _session_items(self, e: Entry, week: model.Week) -> list[str]:
        lines = [f"Due today: {self.tasks[w.task].text}" for w in e.tasks]
        for f in e.focus:
            item = self.focus[f]
            line = item.text
            if item.project:
                line += ": " + "; ".join(self.weeks[w].project_milestone.text for w in e.projects)
            if item.problem and e.problem:
                p = self.problems[e.problem]
                line += f": {p.level}: {p.title}"
            lines.append(line)
        lines += [f"Review {self.topics[t].title}: {self.topics[t].questions[i]}" for t, i in e.questions]
        lines += [f"Finish if open: {self.tasks[t].text}" for t in e.finish]
        return lines or [f"Review: {week.title}"]

    def week_line(self, e: Entry, site_url: str | None = None) -> str:
        week = self.weeks[e.week]
        text = f"Week {week.number}: {week.title} ({span_text(e.span)} of {e.of})"
        if site_url:
            text += f"\nWeek page: {site_url.rstrip('/')}/weeks/{week.id}/"
        return text

    def description(self, e: Entry, site_url: str | None = None) -> str:
        """The calendar event's description."""
        head = (self.blocks[e.slot].activity if e.slot in self.blocks
                else f"{self.plan.schedule.weekend.title}, {SESSION_TEXT[e.kind]}:")
        items = "\n".join(f"- {line}" for line in self.items(e))
        return f"{head}\n{items}\n{self.week_line(e, site_url)}"

    def milestone(self, m: model.Milestone, day: int, days: int) -> tuple[str, str]:
        """(summary, description) of a milestone's all-day event."""
        return f"Milestone: {m.title}", f"Verification: {m.verification}\nTarget: day {day} of the {days}-day plan."
