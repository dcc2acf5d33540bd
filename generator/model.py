"""The typed, frozen plan model: what every output is rendered from.

This is the plan exactly as written in the YAML: nothing here is computed.
What depends on a length in days (week ranges, task days, block minutes at
another pace) is a `pace.Pace`, made from this plan by `pace.pace(plan, n)`.

Fields carry their documentation and constraints in `metadata`, so the
validator (`validate.py`) and the JSON Schema (`schema.py`) are both derived
from this one description. Every text has a length limit (one-line texts
`LINE`, long texts `LONG`) and every list and number a bound, so a hostile
file cannot make the outputs huge.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
TIME_PATTERN = r"^(?:[01][0-9]|2[0-3]):[0-5][0-9]$"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
URL_PATTERN = r"^https://[^\s/?#:@]+(?:[/?#][^\s]*)?$"  # the host may be an internationalised name (text.url_ascii)
ID_LENGTH = 64
LINE = 300  # one-line texts: titles, labels, questions
LONG = 3000  # paragraphs: introductions, advice
BLOCK_KINDS = ("theory", "hands-on", "practice")


def doc(text: str, **constraints: Any) -> dict[str, Any]:
    """Field metadata: a description plus optional constraints (`pattern`,
    `minimum`, `maximum`, `min_items`, `max_items`, `max_length`). A text
    field without `max_length` gets `LINE`."""
    return {"doc": text, **constraints}


def ident(what: str) -> Any:
    return field(metadata=doc(f"Stable id of the {what}: a lowercase slug, unique in the whole plan.",
                              pattern=ID_PATTERN, max_length=ID_LENGTH))


@dataclass(frozen=True, kw_only=True)
class Task:
    """One checklist item of a week."""

    id: str = ident("task")
    text: str = field(metadata=doc("What to do, in the plan's own words."))
    group: str | None = field(default=None, metadata=doc("Heading the task is listed under in the source plan."))
    derived: bool = field(default=False, metadata=doc("True when the task is not in the source plan (shown as a suggestion)."))
    steps: tuple[str, ...] = field(default=(), metadata=doc(
        "Short hands-on steps in order, so a task that spans several days says what to do on each.", max_items=6))


@dataclass(frozen=True, kw_only=True)
class Topic:
    """A concept of a week, read in a theory block and practised with its questions."""

    id: str = ident("topic")
    title: str = field(metadata=doc("The concept, in the source plan's words where it names one."))
    goal: str = field(metadata=doc("What to be able to explain after reading (one line)."))
    questions: tuple[str, ...] = field(metadata=doc("Interview questions about the concept.", min_items=1, max_items=6))
    links: tuple[str, ...] = field(default=(), metadata=doc("Official documentation pages (https).",
                                                              pattern=URL_PATTERN, max_items=5))
    derived: bool = field(default=False, metadata=doc("True when the topic is not in the source plan."))


@dataclass(frozen=True, kw_only=True)
class ProjectMilestone:
    """The week's project milestone, done in the Saturday session."""

    id: str = ident("project milestone")
    text: str = field(metadata=doc("What is finished by the end of the Saturday session."))
    component: str | None = field(default=None, metadata=doc("Id of the project component it builds, if any.",
                                                             pattern=ID_PATTERN, max_length=ID_LENGTH))
    derived: bool = field(default=False, metadata=doc("True when the milestone is not in the source plan."))


@dataclass(frozen=True, kw_only=True)
class Week:
    """A focus unit of a phase; its days depend on the pace."""

    id: str = ident("week")
    number: int = field(metadata=doc("Week number: 1, 2, 3, ... in order across the plan.", minimum=1, maximum=52))
    title: str = field(metadata=doc("The week's focus area, exactly as in the source plan."))
    activities: str = field(metadata=doc("Daily activities or key technologies, as in the source plan."))
    tasks: tuple[Task, ...] = field(default=(), metadata=doc(
        "The week's checklist (none: a reading week, its hands-on blocks try out its topics).", max_items=40))
    days: int | None = field(default=None, metadata=doc(
        "The week's length in days at the plan's own length (optional); the weeks without it share the rest of "
        "their phase. At another pace it scales with its phase.", minimum=1, maximum=365))
    topics: tuple[Topic, ...] = field(default=(), metadata=doc("Concepts to read, in order.", max_items=12))
    project_milestone: ProjectMilestone | None = field(default=None, metadata=doc(
        "The weekly project milestone of the Saturday session."))


@dataclass(frozen=True, kw_only=True)
class Phase:
    """A phase of the plan with its day range."""

    id: str = ident("phase")
    number: int = field(metadata=doc("Phase number: 1, 2, 3, ... in order.", minimum=1, maximum=12))
    title: str = field(metadata=doc("Phase title."))
    start_day: int = field(metadata=doc("First day of the phase at the plan's own length (`days`).", minimum=1, maximum=365))
    end_day: int = field(metadata=doc("Last day of the phase at the plan's own length (`days`).", minimum=1, maximum=365))
    focus: str = field(metadata=doc("What the phase focuses on.", max_length=LONG))
    activities_label: str = field(metadata=doc("Column heading of the week activities in the source plan."))
    checklist_title: str | None = field(default=None, metadata=doc("Heading of the phase's checklist in the source plan."))
    practice_problem: bool = field(default=False, metadata=doc(
        "True when the practice blocks of this phase also work on the week's system design problem."))
    weeks: tuple[Week, ...] = field(metadata=doc("The weeks of the phase, in order.", min_items=1, max_items=52))


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
    settings: tuple[Setting, ...] = field(metadata=doc("Tools and checks of the component.", min_items=1, max_items=20))


@dataclass(frozen=True, kw_only=True)
class Project:
    """The pipeline project specification."""

    id: str = ident("project")
    title: str = field(metadata=doc("Project heading."))
    summary: str = field(metadata=doc("One-line description.", max_length=LONG))
    spec_title: str = field(metadata=doc("Heading of the specification."))
    phase: str = field(metadata=doc("Id of the phase the project belongs to.", pattern=ID_PATTERN))
    components: tuple[Component, ...] = field(metadata=doc("Project components.", min_items=1, max_items=20))


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
    problems: tuple[Problem, ...] = field(metadata=doc("Problems in order of complexity.", min_items=1, max_items=20))


@dataclass(frozen=True, kw_only=True)
class Block:
    """A weekday study block of the daily schedule template."""

    id: str = ident("block")
    key: str = field(metadata=doc("Key as in the source plan, e.g. morning_1hr."))
    label: str = field(metadata=doc("Short name used in calendar titles, e.g. Theory."))
    activity: str = field(metadata=doc("What the block is for, as in the source plan."))
    kind: Literal["theory", "hands-on", "practice"] = field(default="practice", metadata=doc(
        "What the day-by-day agenda puts in this block: theory (the day's topics to read), "
        "hands-on (the task being built) or practice (interview questions and reviews)."))
    minutes: int = field(metadata=doc("Length in minutes at the plan's own length.", minimum=1, maximum=600))
    start: str = field(metadata=doc("Default start time, HH:MM (24 h).", pattern=TIME_PATTERN))


@dataclass(frozen=True, kw_only=True)
class Focus:
    """One focus item of the weekend intensive."""

    id: str = ident("weekend focus item")
    text: str = field(metadata=doc("The focus item, as in the source plan."))
    day: Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"] = field(metadata=doc(
        "The weekend day the item falls on: one of `schedule.weekend.days`."))
    problem: bool = field(default=False, metadata=doc("True for the item that works on the week's system design problem."))
    project: bool = field(default=False, metadata=doc("True for the item that works on the week's project milestone."))


@dataclass(frozen=True, kw_only=True)
class Weekend:
    """The weekend intensive."""

    title: str = field(metadata=doc("Heading as in the source plan."))
    min_hours: int = field(metadata=doc("Least hours per weekend at the plan's own length.", minimum=1, maximum=48))
    max_hours: int = field(metadata=doc("Most hours per weekend at the plan's own length.", minimum=1, maximum=48))
    minutes: int = field(metadata=doc("Planned minutes per weekend at the plan's own length (split over Saturday and "
                                      "Sunday), between min_hours and max_hours.", minimum=1, maximum=2880))
    start: str = field(metadata=doc("Default start time of a weekend session, HH:MM (24 h).", pattern=TIME_PATTERN))
    focus: tuple[Focus, ...] = field(metadata=doc("Focus items and the day each falls on.", min_items=1, max_items=10))
    days: tuple[Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"], ...] = field(default=("sat", "sun"), metadata=doc(
        "The days of the weekend sessions (default sat and sun, any of mon..sun); the other days carry the daily blocks.",
        min_items=1, max_items=6))


@dataclass(frozen=True, kw_only=True)
class Schedule:
    """The daily schedule template and the weekend intensive."""

    title: str = field(metadata=doc("Section heading."))
    comment: str = field(metadata=doc("Comment line of the source plan."))
    blocks: tuple[Block, ...] = field(metadata=doc("Weekday blocks in order of the day.", min_items=1, max_items=6))
    weekend: Weekend | None = field(default=None, metadata=doc(
        "The weekend sessions. Without it the weekend days (sat and sun) are free: no session, no event."))
    reviews_per_block: int = field(default=4, metadata=doc(
        "The most spaced reviews a practice block holds; the rest move to the next study day.", minimum=1, maximum=20))

    @property
    def weekend_days(self) -> tuple[str, ...]:
        """The plan's weekend days, in week order (sat and sun without a weekend section)."""
        days = self.weekend.days if self.weekend else ("sat", "sun")
        return tuple(d for d in WEEKDAYS if d in days)

    @property
    def focus(self) -> tuple[Focus, ...]:
        """The weekend focus items (none without a weekend section)."""
        return self.weekend.focus if self.weekend else ()


@dataclass(frozen=True, kw_only=True)
class Milestone:
    """A milestone with its target day and how to verify it."""

    id: str = ident("milestone")
    title: str = field(metadata=doc("Milestone name."))
    day: int = field(metadata=doc("Target day at the plan's own length (`days`).", minimum=1, maximum=365))
    verification: str = field(metadata=doc("How to verify the milestone."))


@dataclass(frozen=True, kw_only=True)
class Commitment:
    """The commitment check: the longer plan for people with less time."""

    title: str = field(metadata=doc("Heading."))
    text: str = field(metadata=doc("The advice, as in the source plan.", max_length=LONG))
    days: int = field(metadata=doc("Length of the second pace in days: longer than the plan's own for people with less "
                                   "time, or shorter.", minimum=28, maximum=365))


@dataclass(frozen=True, kw_only=True)
class Plan:
    """A whole study plan, as written."""

    id: str = ident("plan")
    title: str = field(metadata=doc("Plan title."))
    subtitle: str = field(metadata=doc("Subtitle."))
    reading_time: str | None = field(default=None, metadata=doc("Reading time line of the source."))
    introduction: str = field(metadata=doc("Introduction paragraph.", max_length=LONG))
    days: int = field(metadata=doc("Length of the plan in days (its own pace).", minimum=28, maximum=365))
    phases: tuple[Phase, ...] = field(metadata=doc("Phases in order; their day ranges cover 1..days.", min_items=1, max_items=12))
    project: Project | None = field(default=None, metadata=doc("The pipeline project."))
    system_design: SystemDesign | None = field(default=None, metadata=doc(
        "Practice problems (optional): a plan without them has no such page and no problem in its agenda."))
    schedule: Schedule = field(metadata=doc("Daily schedule template and weekend intensive."))
    milestones: tuple[Milestone, ...] = field(metadata=doc("Milestones in order of their day.", max_items=50))
    progress_title: str = field(default="Progress Tracking", metadata=doc("Heading of the milestone table."))
    commitment: Commitment = field(metadata=doc("Commitment check."))
    closing: str = field(default="", metadata=doc("Closing note.", max_length=LONG))

    @property
    def weeks(self) -> tuple[Week, ...]:
        return tuple(w for p in self.phases for w in p.weeks)

    @property
    def tasks(self) -> tuple[Task, ...]:
        return tuple(t for w in self.weeks for t in w.tasks)

    def phase_of(self, week: Week) -> Phase:
        return next(p for p in self.phases if week in p.weeks)

    def problem_for(self, week: Week) -> Problem | None:
        """The practice problem of a week: the problems in order of complexity,
        one per week, starting again after the last (None without any)."""
        if self.system_design is None:
            return None
        problems = self.system_design.problems
        return problems[(week.number - 1) % len(problems)]

    @property
    def topics(self) -> tuple[Topic, ...]:
        return tuple(t for w in self.weeks for t in w.topics)


# Every class a plan is made of (the plan cache reads back these and nothing else).
CLASSES = (Task, Topic, ProjectMilestone, Week, Phase, Setting, Component, Project, Problem, SystemDesign, Block,
           Focus, Weekend, Schedule, Milestone, Commitment, Plan)
