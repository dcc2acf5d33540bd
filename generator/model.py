"""The typed, frozen plan model: what every output is rendered from.

Fields carry their documentation and constraints in `metadata`, so the
validator (`validate.py`) and the JSON Schema (`schema.py`) are both derived
from this one description. Fields marked `computed` are not written in the
YAML: `rescale.py` fills them (week day ranges, task days) for a given pace.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
TIME_PATTERN = r"^(?:[01][0-9]|2[0-3]):[0-5][0-9]$"


def doc(text: str, **constraints: Any) -> dict[str, Any]:
    """Field metadata: a description plus optional constraints
    (`pattern`, `minimum`, `maximum`, `computed`)."""
    return {"doc": text, **constraints}


def ident(what: str) -> Any:
    return field(metadata=doc(f"Stable id of the {what}: a lowercase slug, unique in the plan.", pattern=ID_PATTERN))


def computed(text: str, default: Any = 0) -> Any:
    return field(default=default, metadata=doc(text, computed=True))


@dataclass(frozen=True, kw_only=True)
class Task:
    """One checklist item of a week."""

    id: str = ident("task")
    text: str = field(metadata=doc("What to do, in the plan's own words."))
    group: str | None = field(default=None, metadata=doc("Heading the task is listed under in the source plan."))
    derived: bool = field(default=False, metadata=doc("True when the task is not in the source plan (shown as a suggestion)."))
    day: int = computed("Plan day the task is scheduled on at this pace.")


@dataclass(frozen=True, kw_only=True)
class Week:
    """A focus unit of a phase (7-8 days at 90 days, 10 at 120)."""

    id: str = ident("week")
    number: int = field(metadata=doc("Week number as in the source plan (1-based).", minimum=1))
    title: str = field(metadata=doc("The week's focus area, exactly as in the source plan."))
    activities: str = field(metadata=doc("Daily activities or key technologies, as in the source plan."))
    tasks: tuple[Task, ...] = field(metadata=doc("The week's checklist.", min_items=1))
    start_day: int = computed("First plan day of the week at this pace.")
    end_day: int = computed("Last plan day of the week at this pace.")

    @property
    def days(self) -> int:
        return self.end_day - self.start_day + 1


@dataclass(frozen=True, kw_only=True)
class Phase:
    """A phase of the plan with its day range."""

    id: str = ident("phase")
    number: int = field(metadata=doc("Phase number (1-based).", minimum=1))
    title: str = field(metadata=doc("Phase title."))
    start_day: int = field(metadata=doc("First day of the phase.", minimum=1))
    end_day: int = field(metadata=doc("Last day of the phase.", minimum=1))
    focus: str = field(metadata=doc("What the phase focuses on."))
    activities_label: str = field(metadata=doc("Column heading of the week activities in the source plan."))
    checklist_title: str | None = field(default=None, metadata=doc("Heading of the phase's checklist in the source plan."))
    weeks: tuple[Week, ...] = field(metadata=doc("The weeks of the phase, in order.", min_items=1))


@dataclass(frozen=True, kw_only=True)
class Setting:
    """One key: value line of a project component."""

    key: str = field(metadata=doc("Setting name, e.g. tool."))
    value: str = field(metadata=doc("Setting value, e.g. Great Expectations."))


@dataclass(frozen=True, kw_only=True)
class Component:
    """A component of the pipeline project (data validation, training, ...)."""

    id: str = ident("component")
    name: str = field(metadata=doc("Component name as in the source plan, e.g. data_validation."))
    settings: tuple[Setting, ...] = field(metadata=doc("Tools and checks of the component.", min_items=1))


@dataclass(frozen=True, kw_only=True)
class Project:
    """The pipeline project specification."""

    id: str = ident("project")
    title: str = field(metadata=doc("Project heading."))
    summary: str = field(metadata=doc("One-line description."))
    spec_title: str = field(metadata=doc("Heading of the specification."))
    phase: str = field(metadata=doc("Id of the phase the project belongs to.", pattern=ID_PATTERN))
    components: tuple[Component, ...] = field(metadata=doc("Project components.", min_items=1))


@dataclass(frozen=True, kw_only=True)
class Problem:
    """A system design practice problem."""

    id: str = ident("problem")
    level: str = field(metadata=doc("Level of complexity, e.g. Basic."))
    title: str = field(metadata=doc("The problem statement."))


@dataclass(frozen=True, kw_only=True)
class SystemDesign:
    """System design practice problems, in order of complexity."""

    title: str = field(metadata=doc("Section heading."))
    intro: str = field(metadata=doc("Sentence before the list."))
    problems: tuple[Problem, ...] = field(metadata=doc("Problems in order of complexity.", min_items=1))


@dataclass(frozen=True, kw_only=True)
class Block:
    """A weekday study block of the daily schedule template."""

    id: str = ident("block")
    key: str = field(metadata=doc("Key as in the source plan, e.g. morning_1hr."))
    label: str = field(metadata=doc("Short name used in calendar titles, e.g. Theory."))
    activity: str = field(metadata=doc("What the block is for, as in the source plan."))
    minutes: int = field(metadata=doc("Length in minutes at the plan's base pace.", minimum=1, maximum=600))
    start: str = field(metadata=doc("Default start time, HH:MM (24 h).", pattern=TIME_PATTERN))


@dataclass(frozen=True, kw_only=True)
class Focus:
    """One focus item of the weekend intensive."""

    id: str = ident("weekend focus item")
    text: str = field(metadata=doc("The focus item, as in the source plan."))
    day: Literal["sat", "sun"] = field(metadata=doc("Weekend day the item falls on."))


@dataclass(frozen=True, kw_only=True)
class Weekend:
    """The weekend intensive."""

    title: str = field(metadata=doc("Heading as in the source plan."))
    min_hours: int = field(metadata=doc("Least hours per weekend at the base pace.", minimum=0))
    max_hours: int = field(metadata=doc("Most hours per weekend at the base pace.", minimum=0))
    minutes: int = field(metadata=doc("Planned minutes per weekend at the base pace (split over Saturday and Sunday).", minimum=1, maximum=2880))
    start: str = field(metadata=doc("Default start time of a weekend session, HH:MM (24 h).", pattern=TIME_PATTERN))
    focus: tuple[Focus, ...] = field(metadata=doc("Focus items and the day each falls on.", min_items=1))


@dataclass(frozen=True, kw_only=True)
class Schedule:
    """The daily schedule template and the weekend intensive."""

    title: str = field(metadata=doc("Section heading."))
    comment: str = field(metadata=doc("Comment line of the source plan."))
    blocks: tuple[Block, ...] = field(metadata=doc("Weekday blocks in order of the day.", min_items=1))
    weekend: Weekend = field(metadata=doc("The weekend intensive."))


@dataclass(frozen=True, kw_only=True)
class Milestone:
    """A milestone with its target day and how to verify it."""

    id: str = ident("milestone")
    title: str = field(metadata=doc("Milestone name."))
    day: int = field(metadata=doc("Target plan day.", minimum=1))
    verification: str = field(metadata=doc("How to verify the milestone."))


@dataclass(frozen=True, kw_only=True)
class Commitment:
    """The commitment check: the longer plan for people with less time."""

    title: str = field(metadata=doc("Heading."))
    text: str = field(metadata=doc("The advice, as in the source plan."))
    days: int = field(metadata=doc("Length of the extended plan in days.", minimum=28, maximum=365))


@dataclass(frozen=True, kw_only=True)
class Plan:
    """A whole study plan at one pace."""

    id: str = ident("plan")
    title: str = field(metadata=doc("Plan title."))
    subtitle: str = field(metadata=doc("Subtitle."))
    reading_time: str | None = field(default=None, metadata=doc("Reading time line of the source."))
    introduction: str = field(metadata=doc("Introduction paragraph."))
    days: int = field(metadata=doc("Length of the plan in days (its base pace).", minimum=28, maximum=365))
    phases: tuple[Phase, ...] = field(metadata=doc("Phases in order; their day ranges cover 1..days.", min_items=1))
    project: Project | None = field(default=None, metadata=doc("The pipeline project."))
    system_design: SystemDesign = field(metadata=doc("System design practice problems."))
    schedule: Schedule = field(metadata=doc("Daily schedule template and weekend intensive."))
    milestones: tuple[Milestone, ...] = field(metadata=doc("Milestones in order of their day."))
    progress_title: str = field(default="Progress Tracking", metadata=doc("Heading of the milestone table."))
    commitment: Commitment = field(metadata=doc("Commitment check."))
    closing: str = field(default="", metadata=doc("Closing note."))

    @property
    def weeks(self) -> tuple[Week, ...]:
        return tuple(w for p in self.phases for w in p.weeks)

    @property
    def tasks(self) -> tuple[Task, ...]:
        return tuple(t for w in self.weeks for t in w.tasks)

    def phase_of(self, week: Week) -> Phase:
        return next(p for p in self.phases if week in p.weeks)

    def week_of_day(self, day: int) -> Week:
        return next(w for w in self.weeks if w.start_day <= day <= w.end_day)

    def problem_for(self, week: Week) -> Problem:
        """The system design problem of a week's weekend session: the problems
        in order of complexity, one per week, starting again after the last."""
        problems = self.system_design.problems
        return problems[(week.number - 1) % len(problems)]

    def milestones_in(self, week: Week) -> tuple[Milestone, ...]:
        return tuple(m for m in self.milestones if week.start_day <= m.day <= week.end_day)
